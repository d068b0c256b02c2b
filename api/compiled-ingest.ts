// Ingest mutations run through graphql-jit's compiled query, whose coercion of a batch's variables
// costs a fraction of the standard executor's. Variables it refuses are refused by the standard
// executor again (nothing has run yet), so clients get the standard errors, field paths and codes.
import { GraphQLError, getOperationAST, isInputObjectType, isInputType, isListType, isNonNullType, typeFromAST, type DocumentNode, type ExecutionArgs, type GraphQLInputType, type GraphQLSchema, type Source } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { Plugin } from 'graphql-yoga';

/** Whether an input type holds a @oneOf input object: graphql-jit does not check that exactly one field is set. */
function holdsOneOf(type: GraphQLInputType, seen = new Set<GraphQLInputType>()): boolean {
  if (isNonNullType(type) || isListType(type)) return holdsOneOf(type.ofType, seen);
  if (!isInputObjectType(type) || seen.has(type)) return false;
  seen.add(type);
  return type.isOneOf || Object.values(type.getFields()).some((field) => holdsOneOf(field.type, seen));
}

/** A mutation of ingest fields only, whose variables graphql-jit coerces as graphql-js does. */
function isCompilableIngest(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined): boolean {
  const operation = getOperationAST(document, operationName);
  if (operation?.operation !== 'mutation') return false;
  if (!operation.selectionSet.selections.every((selection) => selection.kind === 'Field' && selection.name.value.startsWith('ingest'))) return false;
  return (operation.variableDefinitions ?? []).every((definition) => {
    const type = typeFromAST(schema, definition.type);
    return isInputType(type) && !holdsOneOf(type);
  });
}

/** Compiled queries per schema and document (yoga reuses one DocumentNode per query text), by operation name. */
const compiledQueries = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<string, CompiledQuery | null>>>();

function compiledFor({ schema, document, operationName }: ExecutionArgs): CompiledQuery | null {
  let byDocument = compiledQueries.get(schema);
  if (!byDocument) compiledQueries.set(schema, (byDocument = new WeakMap()));
  let byName = byDocument.get(document);
  if (!byName) byDocument.set(document, (byName = new Map()));
  const key = operationName ?? '';
  let query = byName.get(key);
  if (query === undefined) {
    const compiled = isCompilableIngest(schema, document, operationName) ? compileQuery(schema, document, operationName ?? undefined) : null;
    query = compiled && isCompiledQuery(compiled) ? compiled : null;
    byName.set(key, query);
  }
  return query;
}

/**
 * graphql-jit's own errors carry locations but no source, and no extensions when the thrown error had
 * none: the standard error for the same place, as the masking and the error log expect.
 */
function standardError(error: GraphQLError, source: Source | undefined): GraphQLError {
  const lineStarts = source ? [0, ...[...source.body.matchAll(/\r\n|[\n\r]/g)].map((lineBreak) => lineBreak.index + lineBreak[0].length)] : [];
  const positions = source && error.locations?.map(({ line, column }) => (lineStarts[line - 1] ?? 0) + column - 1);
  return new GraphQLError(error.message, { source, positions, path: error.path, originalError: error.originalError, extensions: error.extensions });
}

/** Settles as the query does, or rejects with the signal's reason when it aborts first, as yoga's executor does. */
async function stoppedBy<T>(signal: AbortSignal | undefined, run: () => Promise<T> | T): Promise<T> {
  if (!signal) return run();
  signal.throwIfAborted();
  let stop = () => {};
  const aborted = new Promise<never>((_, reject) => {
    stop = () => reject(signal.reason);
    signal.addEventListener('abort', stop, { once: true });
  });
  try {
    return await Promise.race([run(), aborted]);
  } finally {
    signal.removeEventListener('abort', stop);
  }
}

const signalOf = (args: ExecutionArgs) => ('signal' in args && args.signal instanceof AbortSignal ? args.signal : undefined);

/** Put before the plugins that wrap execution (the request deadline), so that they wrap this one too. */
export function useCompiledIngest(): Plugin {
  return {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn(async (args) => {
        const query = compiledFor(args);
        if (!query) return executeFn(args);
        const result = await stoppedBy(signalOf(args), () => query.query(args.rootValue, args.contextValue, args.variableValues));
        // Errors without data: the variables were refused before any field ran.
        if (result.errors?.length && !('data' in result)) return executeFn(args);
        const { errors, ...rest } = result;
        // Errors first, as the standard executor orders them.
        return errors ? { errors: errors.map((error) => standardError(error, args.document.loc?.source)), ...rest } : result;
      });
    },
  };
}
