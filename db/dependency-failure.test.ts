import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DrizzleQueryError } from 'drizzle-orm';
import kafkajs from 'kafkajs';
import { DependencyUnavailable, describeUnavailable, isTransient, unavailableDependency } from './dependency-failure.ts';

// kafkajs is CommonJS: its error classes are on the default export.
const { KafkaJSConnectionError, KafkaJSNonRetriableError, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError } = kafkajs;

const socketError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code });
const postgresError = (code: string) => Object.assign(new Error('server said no'), { name: 'PostgresError', code });

describe('telling a dependency away for now from a failure that will never pass', () => {
  it('takes refused, reset and timed-out connections for transient', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'CONNECTION_CLOSED', 'CONNECT_TIMEOUT']) assert.ok(isTransient(socketError(code)), code);
  });

  it('takes PostgreSQL shutting down, starting up and losing connections for transient, and bad data for permanent', () => {
    for (const code of ['57P01', '57P03', '08006', '08001', '53300', '40001']) assert.ok(isTransient(postgresError(code)), code);
    for (const code of ['22P02', '23502', '42P01', '57014']) assert.ok(!isTransient(postgresError(code)), code);
  });

  it('looks through Drizzle, p-retry and GraphQL wrappers to the cause', () => {
    const wrapped = new DrizzleQueryError('insert into heart_rate ...', ['a token hash'], socketError('ECONNREFUSED'));
    assert.ok(isTransient(wrapped));
    assert.equal(unavailableDependency(wrapped), 'database');
    assert.equal(describeUnavailable(wrapped), 'connect ECONNREFUSED 127.0.0.1:5432', 'never the query or its parameters');
    assert.equal(unavailableDependency({ originalError: new DependencyUnavailable('cache', socketError('ECONNREFUSED')) }), 'cache');
    assert.equal(unavailableDependency(new DrizzleQueryError('select', [], postgresError('42P01'))), undefined);
  });

  it('takes Redis without its connection and Kafka without its brokers for transient, a rejected request for permanent', () => {
    assert.ok(isTransient(new Error("Stream isn't writeable and enableOfflineQueue options is false")));
    assert.ok(isTransient(new KafkaJSConnectionError('Connection error: connect ECONNREFUSED')));
    assert.ok(isTransient(new KafkaJSNumberOfRetriesExceeded(new KafkaJSConnectionError('gone'), { retryCount: 8, retryTime: 100 })));
    assert.ok(!isTransient(new KafkaJSNonRetriableError('Message too large')));
    assert.ok(!isTransient(Object.assign(new KafkaJSProtocolError('Message contents does not match its CRC'), { retriable: false })));
    assert.ok(!isTransient(new Error('model crashed on this input')));
  });
});
