// What PostgreSQL can keep or compare as text, checked wherever a client's text is headed for it:
// ingested events (api/ingest/validate.ts) and the arguments of queries and mutations
// (api/argument-texts.ts).

/**
 * Why PostgreSQL could not take a text as sent: text and jsonb hold no NUL, and a lone UTF-16
 * surrogate has no UTF-8 form (it would become U+FFFD, unlike what was sent).
 */
export function textProblem(text: string): string | undefined {
  const nul = text.indexOf('\u0000');
  if (nul !== -1) return `must not contain NUL (U+0000), found at character ${nul + 1}: PostgreSQL cannot store it`;
  // The native check first: every ingested string passes here, and the search costs 7× as much.
  if (text.isWellFormed()) return undefined;
  const lone = /\p{Cs}/u.exec(text);
  if (!lone) return undefined;
  const codeUnit = lone[0].charCodeAt(0).toString(16).toUpperCase();
  return `must be well-formed Unicode, found a lone surrogate U+${codeUnit} at character ${lone.index + 1}: send the whole pair or none`;
}
