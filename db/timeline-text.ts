// The timeline's text search: each kind matches on the string fields its catalogue entry names in
// `timeline.text`, case-insensitively; kinds that name none never match a text. The fields are
// searched as one string, the expression a trigram index of the kind's table covers (tables.ts), so
// a search of three characters or more reads the index instead of every row.
import type { EventKindDefinition } from '../schema/event-kind.ts';
import { snakeCase } from '../schema/naming.ts';

/** The kinds a text search can find. */
export const searchableKinds = (kinds: readonly EventKindDefinition[]) => kinds.filter((kind) => (kind.timeline.text?.length ?? 0) > 0);

/** An ILIKE pattern that finds `text` anywhere, its own % and _ taken literally. */
export const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The kind's text fields joined by the unit separator (U+001F, which no search holds, so no match
 * spans two fields); undefined for a kind without any. Columns are qualified by `alias` when given:
 * PostgreSQL matches the index's expression either way.
 */
export function searchableText(kind: EventKindDefinition, alias?: string): string | undefined {
  const columns = (kind.timeline.text ?? []).map((name) => `coalesce(${alias ? `${alias}.` : ''}"${snakeCase(name)}", '')`);
  return columns.length ? columns.join(` || E'\\x1f' || `) : undefined;
}

/** SQL true when the kind's text (of table alias t) matches the pattern parameter. */
export function textMatch(kind: EventKindDefinition, patternParam: string): string {
  const text = searchableText(kind, 't');
  return text ? `(${text}) ILIKE ${patternParam}` : 'false';
}
