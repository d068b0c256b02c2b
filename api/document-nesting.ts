// A cap on how deep brackets ({ } [ ] ( )) nest in a GraphQL document, checked before it is parsed:
// graphql-js parses recursively, and a document nested some thousands deep exhausts the call stack
// (a RangeError, answered 500) before graphql-armor's depth limit, which runs on the parsed
// document, ever sees it. Counting runs on graphql-js's own lexer, which is not recursive, so
// strings, block strings and comments count for nothing.
import { GraphQLError, Lexer, Source, TokenKind } from 'graphql';
import type { Plugin } from 'graphql-yoga';

const opening = new Set<TokenKind>([TokenKind.BRACE_L, TokenKind.BRACKET_L, TokenKind.PAREN_L]);
const closing = new Set<TokenKind>([TokenKind.BRACE_R, TokenKind.BRACKET_R, TokenKind.PAREN_R]);

/**
 * Whether brackets nest deeper than maxNesting within the document's first maxTokens tokens (the
 * parser refuses a longer document by itself). A document the lexer refuses is left to the parser,
 * whose syntax error says more.
 */
export function nestsDeeperThan(text: string, maxNesting: number, maxTokens: number): boolean {
  const lexer = new Lexer(new Source(text));
  let depth = 0;
  try {
    for (let token = lexer.advance(), count = 1; token.kind !== TokenKind.EOF && count <= maxTokens; token = lexer.advance(), count++) {
      if (opening.has(token.kind) && ++depth > maxNesting) return true;
      if (closing.has(token.kind)) depth--;
    }
  } catch (error) {
    if (error instanceof GraphQLError) return false;
    throw error;
  }
  return false;
}

export function useNestingLimit(limits: { maxNesting: number; maxTokens: number; maxDepth: number }): Plugin {
  return {
    onParse({ params }) {
      const text = typeof params.source === 'string' ? params.source : params.source.body;
      if (!nestsDeeperThan(text, limits.maxNesting, limits.maxTokens)) return;
      throw new GraphQLError(
        `the document nests brackets more than ${limits.maxNesting} levels deep, past what the parser takes; a selection may be at most LIFESTREAM_MAX_QUERY_DEPTH (${limits.maxDepth}) fields deep`,
        // A request error like a syntax error: 400 for application/graphql-response+json, 200 for application/json.
        { extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400, spec: true } } },
      );
    },
  };
}
