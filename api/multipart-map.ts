// A GraphQL multipart request (github.com/jaydenseric/graphql-multipart-request-spec) whose `map`
// does not fit its `operations` is refused, 400 BAD_REQUEST, naming the place and the fix. Yoga puts
// each file where the map says, making up whatever is not there: `variables.e.1.image.file` beside a
// one-event list made an event e[1] = { image: { file } }, and the client was told of fields it never
// sent (deviceId, time, ...), with the File's internals printed in each message.
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

const refused = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });

/** Whether the path (`variables.e.0.image.file`) names a null placeholder of the operations. */
function holdsNull(operations: unknown, path: string): boolean {
  let at: unknown = operations;
  for (const key of path.split('.')) {
    if (!isRecord(at) || !Object.hasOwn(at, key)) return false;
    at = at[key];
  }
  return at === null;
}

/** Why the map does not fit: a place that holds no null in the operations, or a part the form lacks. */
export function mapMisfit(operations: unknown, map: unknown, hasPart: (name: string) => boolean): string | undefined {
  if (!isRecord(map)) return undefined;
  for (const [part, paths] of Object.entries(map)) {
    if (!hasPart(part)) return `the multipart map names part "${part}", which the request does not carry: send a file part of that name, or leave it out of map`;
    for (const path of Array.isArray(paths) ? paths : []) {
      if (typeof path === 'string' && !holdsNull(operations, path)) {
        return `the multipart map puts part "${part}" at ${path}, where operations holds no null: set that place to null in operations (such as "file": null), or name the place that does`;
      }
    }
  }
  return undefined;
}

export function useMultipartMap(): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser }) {
      if (!requestParser || !request.headers.get('content-type')?.toLowerCase().startsWith('multipart/')) return;
      const parse = requestParser;
      setRequestParser(async (received) => {
        const params = await parse(received);
        // The form yoga's parser read: the request keeps it (its body is read once), so this costs no second read.
        const form = await received.formData();
        const operations = form.get('operations');
        const map = form.get('map');
        if (typeof operations !== 'string' || typeof map !== 'string') return params;
        const misfit = mapMisfit(JSON.parse(operations), JSON.parse(map), (name) => {
          const part = form.get(name);
          return part !== null && typeof part !== 'string';
        });
        if (misfit) throw refused(misfit);
        return params;
      });
    },
  };
}
