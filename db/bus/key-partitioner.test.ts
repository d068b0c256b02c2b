import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Partitioners } from 'kafkajs';
import { keyRememberingPartitioner } from './key-partitioner.ts';

const metadata = (partitions: number) => Array.from({ length: partitions }, (_, partitionId) => ({ partitionId, partitionErrorCode: 0, leader: 0, replicas: [0], isr: [0] }));
const keys = Array.from({ length: 500 }, (_, i) => `device-${i}`);

describe('key-remembering partitioner', () => {
  it("puts every key on the default partitioner's partition, asked once or many times", () => {
    const remembering = keyRememberingPartitioner();
    const defaultPartitioner = Partitioners.DefaultPartitioner();
    for (const partitions of [1, 3, 12]) {
      for (const key of [...keys, ...keys]) {
        const args = { topic: 't', partitionMetadata: metadata(partitions), message: { key, value: 'v' } };
        assert.equal(remembering(args), defaultPartitioner(args), `${key} on ${partitions} partitions`);
      }
    }
  });

  it('follows a topic given more partitions', () => {
    const remembering = keyRememberingPartitioner();
    const spread = (partitions: number) => new Set(keys.map((key) => remembering({ topic: 't', partitionMetadata: metadata(partitions), message: { key, value: 'v' } })));
    assert.deepEqual(spread(1), new Set([0]));
    assert.equal(spread(6).size, 6);
  });

  it('keeps a partition a message names', () => {
    const remembering = keyRememberingPartitioner();
    assert.equal(remembering({ topic: 't', partitionMetadata: metadata(3), message: { key: 'device-1', value: 'v', partition: 2 } }), 2);
  });
});
