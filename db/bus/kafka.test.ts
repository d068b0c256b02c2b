import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { requestsWithin } from './kafka.ts';

const message = (bytes: number) => ({ key: 'k', value: 'v'.repeat(bytes - 1) });

describe('Kafka produce requests', () => {
  it('split so that no request exceeds the byte budget, keeping order and topics', () => {
    const requests = requestsWithin(
      [
        { topic: 'a', messages: [message(400), message(400), message(400)] },
        { topic: 'b', messages: [message(300)] },
      ],
      1000,
    );
    assert.deepEqual(
      requests.map((r) => r.map((t) => [t.topic, t.messages.length])),
      [[['a', 2]], [['a', 1], ['b', 1]]],
    );
  });

  it('send a message larger than the budget on its own', () => {
    const requests = requestsWithin([{ topic: 'a', messages: [message(10), message(5000), message(10)] }], 1000);
    assert.deepEqual(requests.map((r) => r[0]!.messages.length), [1, 1, 1]);
  });
});
