// The #tags of a memo's markdown, for Memos versions that kept them only in the text: markdown is
// parsed (marked, GFM) so that a `#include` in code, a link or raw HTML is no tag, as in Memos.
import { Lexer, type Token } from 'marked';

/** Where Memos' parsers recognise no tag: code, raw HTML, and a link's or image's own text. */
const opaque = new Set(['code', 'codespan', 'html', 'link', 'image']);

/** A tag starts a word: #, then letters, digits, _ - and / for nested tags (#work/meeting). */
const tagPattern = /(?:^|\s)#([\p{L}\p{N}_\-/]+)/gu;

function childrenOf(token: Token): Token[] {
  const children: Token[] = [];
  if ('tokens' in token && Array.isArray(token.tokens)) children.push(...token.tokens);
  if (token.type === 'list' && Array.isArray(token.items)) children.push(...token.items);
  if (token.type === 'table') {
    for (const cell of [...token.header, ...token.rows.flat()]) children.push(...cell.tokens);
  }
  return children;
}

function* plainText(tokens: Token[]): Generator<string> {
  for (const token of tokens) {
    if (opaque.has(token.type)) continue;
    const children = childrenOf(token);
    if (children.length > 0) yield* plainText(children);
    else if (token.type === 'text') yield token.text;
  }
}

export function tagsInMarkdown(content: string): string[] {
  const tags = new Set<string>();
  for (const text of plainText(new Lexer({ gfm: true }).lex(content))) {
    for (const match of text.matchAll(tagPattern)) tags.add(match[1]!);
  }
  return [...tags];
}
