// The reference of every event kind in docs/kinds.md, rendered from the catalogue: what each kind
// is, where it flows, how it is stored and drawn, and its fields with their limits.
import { tableName } from '../../db/tables.ts';
import type { EventKindDefinition } from '../../schema/event-kind.ts';
import type { Field } from '../../schema/fields.ts';
import { dlqTopic, pascalCase, screamingSnakeCase, snakeCase } from '../../schema/naming.ts';
import { code, markdownTable, prose } from './markdown.ts';

function byteSize(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

function range(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return `${min} to ${max}`;
  if (min !== undefined) return `at least ${min}`;
  if (max !== undefined) return `at most ${max}`;
  return '';
}

/** The GraphQL type a field has on the kind's object type, and what ingest checks of it. */
function fieldType(kind: EventKindDefinition, name: string, f: Field): { type: string; limits: string } {
  switch (f.type) {
    case 'float':
      return { type: 'Float', limits: range(f.min, f.max) };
    case 'int':
      return { type: 'Int', limits: range(f.min, f.max) };
    case 'string':
      return { type: 'String', limits: [f.format === 'url' ? 'a URL' : f.format === 'urlOrData' ? 'an http(s) URL or a data: URL' : f.format === 'email' ? 'an email address' : '', `at most ${f.maxLength} characters`].filter(Boolean).join(', ') };
    case 'boolean':
      return { type: 'Boolean', limits: '' };
    case 'enum':
      return { type: `${pascalCase(kind.name)}${pascalCase(name)}`, limits: `one of ${f.values.join(', ')}` };
    case 'timestamp':
      return { type: 'DateTime', limits: 'ISO-8601 with offset' };
    case 'stringList':
      return { type: '[String]', limits: `at most ${f.maxItems} items of at most ${f.maxLength} characters` };
    case 'json':
      return { type: 'JSON', limits: `an object or array, at most ${byteSize(f.maxBytes)}` };
    case 'blob':
      return { type: 'Blob', limits: `${f.mimeTypes === 'any' ? 'any media type' : f.mimeTypes.join(', ')}; at most ${byteSize(f.maxBytes)}` };
  }
}

function overviewTable(catalogue: readonly EventKindDefinition[]): string {
  return markdownTable(
    ['kind', 'stage', 'Kafka topic', 'lane', 'drawn as', 'kept'],
    catalogue.map((kind) => [
      `[${code(kind.name)}](#${kind.name.toLowerCase()})`,
      kind.stage,
      code(kind.topic),
      kind.timeline.lane,
      kind.timeline.draw ?? 'marks',
      kind.retentionDays === undefined ? 'for ever' : `${kind.retentionDays} days`,
    ]),
  );
}

function kindSection(kind: EventKindDefinition): string {
  const names = [
    `GraphQL type ${code(pascalCase(kind.name))}, enum value ${code(screamingSnakeCase(kind.name))}`,
    kind.stage === 'raw' ? `sent with ${code(`ingest${pascalCase(kind.name)}`)} or the ${code(kind.name)} field of ${code('EventInput')}` : 'produced by a consumer, never ingested',
    `topic ${code(kind.topic)} (dead letters ${code(dlqTopic(kind.topic))})`,
    `table ${code(tableName(kind))}`,
  ];
  const timeline = [
    `lane ${kind.timeline.lane}, drawn as ${kind.timeline.draw ?? 'marks'}`,
    kind.timeline.value ? `value ${code(kind.timeline.value)} (min, avg and max per bucket)` : '',
    kind.timeline.text?.length ? `text search in ${kind.timeline.text.map(code).join(', ')}` : '',
  ].filter(Boolean);
  const notes = [
    kind.timeMayBeFuture ? 'Its time may lie in the future.' : '',
    kind.updatable ? 'An event sent again with the same id replaces the stored one, also at another time (moved, changed or cancelled).' : '',
    kind.retentionDays === undefined ? '' : `Kept ${kind.retentionDays} days where TimescaleDB is present.`,
  ].filter(Boolean);
  const fields = markdownTable(
    ['field', 'column', 'type', 'required', 'limits', 'meaning'],
    Object.entries(kind.fields).map(([name, f]) => {
      const { type, limits } = fieldType(kind, name, f);
      return [code(name), code(snakeCase(name)), code(type), f.optional ? 'no' : 'yes', limits, prose(f.description ?? '')];
    }),
  );
  return [
    `### ${kind.name}`,
    '',
    prose(kind.description),
    '',
    `${names.join('; ')}. Timeline: ${timeline.join('; ')}.${notes.length ? ` ${notes.join(' ')}` : ''}`,
    '',
    fields,
  ].join('\n');
}

/** The generated part of docs/kinds.md. */
export function kindsReference(catalogue: readonly EventKindDefinition[]): string {
  const raw = catalogue.filter((kind) => kind.stage === 'raw');
  const processed = catalogue.filter((kind) => kind.stage === 'processed');
  return [
    overviewTable(catalogue),
    '',
    '## Raw kinds',
    '',
    raw.map(kindSection).join('\n\n'),
    '',
    '## Processed kinds',
    '',
    processed.map(kindSection).join('\n\n'),
  ].join('\n');
}
