// Writing markdown for the reference pages generated from code: tables, inline code, plain text.

/** A cell's text with what would break a table row escaped. */
const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Inline code, for names and values. */
export const code = (text: string) => `\`${text}\``;

/** Plain text written for people (a description), with angle brackets kept from reading as HTML. */
export const prose = (text: string) => text.replaceAll('<', '&lt;').replaceAll('>', '&gt;');
