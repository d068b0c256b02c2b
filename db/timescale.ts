// TimescaleDB is detected, not assumed. With it, every event table becomes a hypertable on time with
// compression (segmented by device) and, where the kind says so, retention; without it the tables
// stay ordinary tables indexed on time, which the migrations already created.
import { catalogue } from '../schema/catalogue.ts';
import type { EventKindDefinition } from '../schema/event-kind.ts';
import type { Store } from './store.ts';
import { tableName } from './tables.ts';

const chunkInterval = '7 days';
const compressAfter = '14 days';

export async function timescaleAvailable(store: Store): Promise<boolean> {
  const rows = await store.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'`);
  return rows.length > 0;
}

export function hypertableStatements(kind: EventKindDefinition): string[] {
  const table = tableName(kind);
  const statements = [
    `SELECT create_hypertable('${table}', by_range('time', INTERVAL '${chunkInterval}'), if_not_exists => true, migrate_data => true)`,
    `ALTER TABLE ${table} SET (timescaledb.compress, timescaledb.compress_segmentby = 'device_id', timescaledb.compress_orderby = 'time DESC, id')`,
    `SELECT add_compression_policy('${table}', INTERVAL '${compressAfter}', if_not_exists => true)`,
  ];
  if (kind.retentionDays !== undefined) {
    statements.push(`SELECT add_retention_policy('${table}', INTERVAL '${kind.retentionDays} days', if_not_exists => true)`);
  }
  return statements;
}

/** Turns the event tables into hypertables when TimescaleDB is there; returns whether it was. */
export async function applyTimescalePolicies(store: Store): Promise<boolean> {
  if (!(await timescaleAvailable(store))) return false;
  await store.query('CREATE EXTENSION IF NOT EXISTS timescaledb');
  for (const kind of catalogue) for (const statement of hypertableStatements(kind)) await store.query(statement);
  return true;
}
