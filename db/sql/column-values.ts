// Values of an ad hoc query as JSON can carry them: a number where a double holds it exactly (an
// integer within ±(2^53 − 1), a fraction of at most 15 significant digits), else the engine's text,
// the column's type saying which it is: PostgreSQL's bigint and numeric, Trino's decimal, arrive as text.

/** Significant digits a double keeps through a round trip to decimal text and back. */
const exactDigits = 15;

/** A decimal's text as a number when a double holds it exactly, else the text. */
export function exactNumber(text: string): number | string {
  const match = /^-?(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return text;
  const value = Number(text);
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction === '') return Number.isSafeInteger(value) ? value : text;
  const digits = `${match[1]!.replace(/^0+/, '')}${fraction}`.replace(/^0+/, '');
  return digits.length <= exactDigits ? value : text;
}
