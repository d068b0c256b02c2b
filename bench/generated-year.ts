// A year of sensor data written straight into the event tables with generate_series (the GraphQL
// path would take hours for ten million events): one INSERT per kind per month, each kind's
// required fields filled from its catalogue definition, values inside the fields' ranges.
import type { Store } from '../db/store.ts';
import { tableName } from '../db/tables.ts';
import { kindNamed } from '../schema/catalogue.ts';
import type { EventKindDefinition } from '../schema/event-kind.ts';
import type { Field } from '../schema/fields.ts';
import { snakeCase } from '../schema/naming.ts';

/** Seconds between two samples of each kind: a watch's heart rate every 4 s (by default), the rest once a minute. */
const yearSampling = (heartRateEveryS: number): Record<string, number> => ({
  heartRate: heartRateEveryS,
  steps: 60,
  power: 60,
  barometer: 60,
  ambientLight: 60,
  humidity: 60,
  deviceTemperature: 60,
});

/** A value of the field for sample n, spread over its range; undefined for an optional field (left NULL). */
function valueOf(f: Field, n: string): string | undefined {
  if (f.optional) return undefined;
  switch (f.type) {
    case 'float':
    case 'int': {
      const min = f.min ?? 0;
      const span = Math.min((f.max ?? min + 1000) - min, 1000);
      const value = `${min} + ((${n} * 7919) % ${span * 10}) / 10.0`;
      return f.type === 'int' ? `floor(${value})::int` : value;
    }
    case 'boolean':
      return `${n} % 2 = 0`;
    case 'enum':
      return `'${f.values[0]}'`;
    case 'string':
      return `'bench'`;
    default:
      throw new Error(`the bench's year cannot fill a ${f.type} field`);
  }
}

function insertStatement(kind: EventKindDefinition, everyS: number): string {
  const payload = Object.entries(kind.fields).flatMap(([name, f]) => {
    const value = valueOf(f, 'n');
    return value === undefined ? [] : [[snakeCase(name), value] as const];
  });
  return (
    `INSERT INTO ${tableName(kind)} (id, device_id, time, received_at${payload.map(([c]) => `, ${c}`).join('')}) ` +
    `SELECT $1 || '-' || n, $2, $3::timestamptz + n * interval '${everyS} seconds', now()${payload.map(([, v]) => `, ${v}`).join('')} ` +
    `FROM generate_series(0, (extract(epoch FROM $4::timestamptz - $3::timestamptz)::bigint - 1) / ${everyS}) AS n ON CONFLICT DO NOTHING`
  );
}

/** Writes the year from `from` on one device; returns how many events it holds. */
export async function generateYear(store: Store, deviceId: string, from: Date, heartRateEveryS: number, onMonth: (done: number) => void): Promise<number> {
  let events = 0;
  for (let month = 0; month < 12; month++) {
    const start = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + month, 1));
    const end = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + month + 1, 1));
    for (const [name, everyS] of Object.entries(yearSampling(heartRateEveryS))) {
      const kind = kindNamed(name)!;
      await store.query(insertStatement(kind, everyS), [`bench-${month}`, deviceId, start.toISOString(), end.toISOString()]);
      events += Math.ceil((end.getTime() - start.getTime()) / 1000 / everyS);
    }
    onMonth(month + 1);
  }
  await store.query('ANALYZE');
  return events;
}
