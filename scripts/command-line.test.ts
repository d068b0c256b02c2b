import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { failureLine } from './command-line.ts';

describe('command-line failures', () => {
  it('say an error and its causes on one line', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4000'), { code: 'ECONNREFUSED' });
    assert.equal(failureLine(new TypeError('fetch failed', { cause: refused })), 'fetch failed: connect ECONNREFUSED 127.0.0.1:4000');
    assert.equal(failureLine(new AggregateError([new Error('connect ECONNREFUSED ::1:5432'), new Error('connect ECONNREFUSED 127.0.0.1:5432')])), 'connect ECONNREFUSED ::1:5432');
    assert.equal(failureLine(new Error('the configuration is wrong:\n  - PORT must be a number\n  - KAFKA_BROKERS must be host:port')), 'the configuration is wrong: - PORT must be a number - KAFKA_BROKERS must be host:port');
    assert.equal(failureLine('plain'), 'plain');
  });
});
