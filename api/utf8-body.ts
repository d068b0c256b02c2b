// A request body that is not UTF-8 is refused, 400 BAD_REQUEST, instead of being read with U+FFFD in
// place of its bad bytes: an event id or a text would otherwise be acknowledged as one string and kept
// as another. Multipart bodies carry binary parts and are left to their parser (no field takes uploads).
import { isUtf8 } from 'node:buffer';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

const notUtf8 = () =>
  new GraphQLError('the request body is not valid UTF-8: send JSON (or GraphQL) encoded as UTF-8, with any other text escaped as \\uXXXX', {
    extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
  });

export function useUtf8Body(): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      const parse = requestParser;
      if (!parse || !request.body || request.headers.get('content-type')?.toLowerCase().startsWith('multipart/')) return;
      setRequestParser(async (received) => {
        const bytes = new Uint8Array(await received.arrayBuffer());
        if (!isUtf8(bytes)) throw notUtf8();
        return parse(new fetchAPI.Request(received.url, { method: received.method, headers: received.headers, body: bytes }));
      });
    },
  };
}
