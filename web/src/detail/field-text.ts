// How a field's value reads in the detail panel: a short list of plain values (an email's
// recipients, a calendar entry's attendees) inline, as a person reads it, rather than folded away
// as JSON like structured output (words, detections), which is long and nested.

/** Inline text of a list of plain values, up to this many characters; longer ones are folded. */
const inlineListChars = 300;

/** The value as one line, or undefined when it is structured and is to be folded away. */
export function inlineText(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return String(value);
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean')) return undefined;
  const text = value.join(', ');
  return text.length <= inlineListChars ? text : undefined;
}

/** What a folded value's summary says: how many items a list has. */
export const foldedSummary = (value: object): string => (Array.isArray(value) ? `${value.length} ${value.length === 1 ? 'item' : 'items'}` : 'details');
