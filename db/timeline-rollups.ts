// Rollups of every kind's events in fixed cells (5 minutes, an hour, a day, on UTC boundaries): count
// and the count, sum, min and max of the kind's timeline value, so that timelineBuckets over a year
// reads a few thousand cells instead of millions of rows. Statement-level triggers keep them exact:
// their transition tables hold exactly the rows a statement wrote, so a re-sent event that
// ON CONFLICT DO NOTHING skipped never counts, and a late event counts in its own cell when it comes.
// The same triggers serve plain PostgreSQL and TimescaleDB: a continuous aggregate would miss late
// events below its watermark until its next refresh.
import { bigint, doublePrecision, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { catalogue } from '../schema/catalogue.ts';
import type { EventKindDefinition } from '../schema/event-kind.ts';
import { snakeCase } from '../schema/naming.ts';
import type { Store } from './store.ts';
import { tableName } from './tables.ts';

/** Cell widths in seconds, widest first; each divides the next wider one, all divide a day. */
export const rollupCellSeconds = [86_400, 3_600, 300] as const;

export const timelineRollups = pgTable(
  'timeline_rollup',
  {
    kind: text('kind').notNull(),
    cellSeconds: integer('cell_seconds').notNull(),
    start: timestamp('start', { withTimezone: true, mode: 'date' }).notNull(),
    deviceId: text('device_id').notNull(),
    count: bigint('count', { mode: 'number' }).notNull(),
    /** Events whose value is not null: the divisor of the average (the value may be optional). */
    valueCount: bigint('value_count', { mode: 'number' }).notNull(),
    valueSum: doublePrecision('value_sum').notNull(),
    valueMin: doublePrecision('value_min'),
    valueMax: doublePrecision('value_max'),
  },
  (t) => [primaryKey({ columns: [t.kind, t.cellSeconds, t.start, t.deviceId] })],
);

const rollupTable = 'timeline_rollup';
const cellsOf = (source: string) =>
  `${source} CROSS JOIN (VALUES ${rollupCellSeconds.map((s) => `(${s})`).join(', ')}) AS cell(seconds)`;
const cellStart = (time: string) => `date_bin(make_interval(secs => cell.seconds), ${time}, 'epoch'::timestamptz)`;
const valueOf = (kind: EventKindDefinition, alias: string) => (kind.timeline.value ? `${alias}.${snakeCase(kind.timeline.value)}::float8` : 'NULL::float8');

const finestCellSeconds = rollupCellSeconds[rollupCellSeconds.length - 1];

/**
 * The cells of `source` (rows of the kind's table, aliased e) aggregated, in key order so concurrent
 * writers lock cells in one order. The rows are aggregated once into the finest cells, which then
 * add up into the wider ones (each width divides the next): one pass over the rows, not one per width.
 */
const aggregatedCells = (kind: EventKindDefinition, source: string) => {
  const value = valueOf(kind, 'e');
  const finest =
    `SELECT date_bin(make_interval(secs => ${finestCellSeconds}), e.time, 'epoch'::timestamptz) AS start, e.device_id, count(*) AS count, count(${value}) AS value_count, ` +
    `coalesce(sum(${value}), 0) AS value_sum, min(${value}) AS value_min, max(${value}) AS value_max FROM ${source} GROUP BY 1, 2`;
  return (
    `SELECT '${kind.name}', cell.seconds, ${cellStart('f.start')}, f.device_id, sum(f.count), sum(f.value_count), sum(f.value_sum), min(f.value_min), max(f.value_max) ` +
    `FROM ${cellsOf(`(${finest}) AS f`)} GROUP BY 2, 3, 4 ORDER BY 2, 3, 4`
  );
};

const addCells = (kind: EventKindDefinition, source: string) =>
  `INSERT INTO ${rollupTable} AS r (kind, cell_seconds, start, device_id, count, value_count, value_sum, value_min, value_max) ${aggregatedCells(kind, source)} ` +
  `ON CONFLICT (kind, cell_seconds, start, device_id) DO UPDATE SET count = r.count + excluded.count, value_count = r.value_count + excluded.value_count, ` +
  `value_sum = r.value_sum + excluded.value_sum, value_min = least(r.value_min, excluded.value_min), value_max = greatest(r.value_max, excluded.value_max)`;

/** Cells that lost or changed rows are computed again from the rows left: min and max cannot be taken back. */
const recomputeCells = (kind: EventKindDefinition, changed: string) => {
  const touched = `(SELECT DISTINCT cell.seconds, ${cellStart('c.time')} AS start, c.device_id FROM ${cellsOf(changed)}) AS touched`;
  const value = valueOf(kind, 'e');
  return (
    `DELETE FROM ${rollupTable} r USING ${touched} WHERE r.kind = '${kind.name}' AND r.cell_seconds = touched.seconds AND r.start = touched.start AND r.device_id = touched.device_id; ` +
    `INSERT INTO ${rollupTable} (kind, cell_seconds, start, device_id, count, value_count, value_sum, value_min, value_max) ` +
    `SELECT '${kind.name}', touched.seconds, touched.start, touched.device_id, count(*), count(${value}), coalesce(sum(${value}), 0), min(${value}), max(${value}) ` +
    `FROM ${touched} JOIN ${tableName(kind)} e ON e.device_id = touched.device_id AND e.time >= touched.start AND e.time < touched.start + make_interval(secs => touched.seconds) ` +
    `GROUP BY 2, 3, 4`
  );
};

/**
 * The functions and triggers that keep one kind's rollups; safe to run again (CREATE OR REPLACE).
 * TimescaleDB allows transition tables on hypertables for INSERT only: there updates and deletes
 * (rare: retention drops whole chunks) recompute their cells row by row.
 */
export function rollupTriggerStatements(kind: EventKindDefinition, timescale: boolean): string[] {
  const table = tableName(kind);
  const fn = (what: string) => `timeline_rollup_${what}_${table}`;
  const plpgsql = (name: string, body: string) => `CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $fn$ BEGIN ${body}; RETURN NULL; END $fn$`;
  const [oldRows, newRows] = timescale ? ['(SELECT OLD.time, OLD.device_id)', '(SELECT NEW.time, NEW.device_id)'] : ['(SELECT time, device_id FROM old_rows)', '(SELECT time, device_id FROM new_rows)'];
  const [onRemove, onChange] = timescale
    ? ['FOR EACH ROW', 'FOR EACH ROW']
    : ['REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT', 'REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT'];
  return [
    plpgsql(fn('add'), addCells(kind, 'new_rows e')),
    plpgsql(fn('remove'), recomputeCells(kind, `${oldRows} AS c`)),
    // INSERT ... ON CONFLICT DO UPDATE fires the statement's UPDATE trigger even when no row conflicted: then there is nothing to recompute.
    plpgsql(fn('change'), `${timescale ? '' : 'IF NOT EXISTS (SELECT FROM new_rows) THEN RETURN NULL; END IF; '}${recomputeCells(kind, `(${oldRows} UNION ${newRows}) AS c`)}`),
    plpgsql(fn('clear'), `DELETE FROM ${rollupTable} WHERE kind = '${kind.name}'`),
    `CREATE OR REPLACE TRIGGER ${fn('add')} AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn('add')}()`,
    `CREATE OR REPLACE TRIGGER ${fn('remove')} AFTER DELETE ON ${table} ${onRemove} EXECUTE FUNCTION ${fn('remove')}()`,
    `CREATE OR REPLACE TRIGGER ${fn('change')} AFTER UPDATE ON ${table} ${onChange} EXECUTE FUNCTION ${fn('change')}()`,
    `CREATE OR REPLACE TRIGGER ${fn('clear')} AFTER TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ${fn('clear')}()`,
  ];
}

/**
 * One statement, so atomic: a kind whose table has no rollup trigger yet (a new kind, or a database
 * from before rollups) gets its triggers and its rollups computed from the rows already there, with
 * writers held off (SHARE ROW EXCLUSIVE) between the two so that no row is counted twice or missed.
 */
export function rollupInstallStatement(kind: EventKindDefinition, timescale: boolean): string {
  const table = tableName(kind);
  const quote = (statement: string) => `'${statement.replaceAll("'", "''")}'`;
  return (
    `DO $install$ BEGIN ` +
    `LOCK TABLE ${table} IN SHARE ROW EXCLUSIVE MODE; ` +
    `IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'timeline_rollup_add_${table}' AND tgrelid = '${table}'::regclass) THEN ` +
    `DELETE FROM ${rollupTable} WHERE kind = '${kind.name}'; ` +
    `EXECUTE ${quote(`INSERT INTO ${rollupTable} (kind, cell_seconds, start, device_id, count, value_count, value_sum, value_min, value_max) ${aggregatedCells(kind, `${table} e`)}`)}; ` +
    `END IF; ` +
    rollupTriggerStatements(kind, timescale).map((statement) => `EXECUTE ${quote(statement)}; `).join('') +
    `END $install$`
  );
}

/** Installs or refreshes every kind's rollup triggers, filling the rollups of kinds that had none. */
export async function applyRollups(store: Store, timescale: boolean): Promise<void> {
  for (const kind of catalogue) await store.query(rollupInstallStatement(kind, timescale));
}
