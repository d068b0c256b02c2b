// The timeline's text search: each kind matches on the string fields its catalogue entry names in
// `timeline.text`, case-insensitively; kinds that name none never match a text.
import type { EventKindDefinition } from '../schema/event-kind.ts';
import { snakeCase } from '../schema/naming.ts';

/** The kinds a text search can find. */
export const searchableKinds = (kinds: readonly EventKindDefinition[]) => kinds.filter((kind) => (kind.timeline.text?.length ?? 0) > 0);

/** An ILIKE pattern that finds `text` anywhere, its own % and _ taken literally. */
export const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** SQL true when any of the kind's text fields (of table alias t) matches the pattern parameter. */
export function textMatch(kind: EventKindDefinition, patternParam: string): string {
  const columns = (kind.timeline.text ?? []).map((name) => `t.${snakeCase(name)} ILIKE ${patternParam}`);
  return columns.length ? `(${columns.join(' OR ')})` : 'false';
}
