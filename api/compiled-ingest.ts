// Ingest mutations run through graphql-jit's compiled query, whose coercion of a batch's variables
// costs a fraction of the standard executor's. Variables it refuses are refused by the standard
// executor again (nothing has run yet), so clients get the standard errors, field paths and codes.
// graphql-jit does not check that a @oneOf input object (an EventInput of ingest(events:)) has
// exactly one field set: variables that break that rule are left to the standard executor too.
import { GraphQLError, getNamedType, getOperationAST, isInputObjectType, isInputType, isListType, isNonNullType, typeFromAST, type DocumentNode, type ExecutionArgs, type GraphQLInputObjectType, type GraphQLInputType, type GraphQLSchema, type Source } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { Plugin } from 'graphql-yoga';

function holdsOneOfWithin(type: GraphQLInputObjectType, seen: Set<GraphQLInputObjectType>): boolean {
  if (seen.has(type)) return false;
  seen.add(type);
  return (
    type.isOneOf ||
    Object.values(type.getFields()).some((field) => {
      const named = getNamedType(field.type);
      return isInputObjectType(named) && holdsOneOfWithin(named, seen);
    })
  );
}

const oneOfHolders = new WeakMap<GraphQLInputObjectType, boolean>();

/** Whether an input type is or holds a @oneOf input object. */
function holdsOneOf(type: GraphQLInputType): boolean {
  const named = getNamedType(type);
  if (!isInputObjectType(named)) return false;
  let holds = oneOfHolders.get(named);
  if (holds === undefined) oneOfHolders.set(named, (holds = holdsOneOfWithin(named, new Set())));
  return holds;
}

/**
 * Whether every @oneOf input object in a variable's value, as the client sent it, has exactly one
 * field, not null. Only that is checked here: any other fault is graphql-jit's coercion to refuse.
 */
export function keepsOneOf(type: GraphQLInputType, value: unknown): boolean {
  if (value === null || value === undefined || !holdsOneOf(type)) return true;
  if (isNonNullType(type)) return keepsOneOf(type.ofType, value);
  // A single value where a list is expected is coerced to a list of one.
  if (isListType(type)) return Array.isArray(value) ? value.every((item) => keepsOneOf(type.ofType, item)) : keepsOneOf(type.ofType, value);
  if (!isInputObjectType(type) || typeof value !== 'object' || Array.isArray(value)) return true;
  const entries: [string, unknown][] = Object.entries(value);
  if (type.isOneOf && (entries.length !== 1 || entries[0]![1] === null || entries[0]![1] === undefined)) return false;
  const fields = type.getFields();
  return entries.every(([name, fieldValue]) => {
    const field = fields[name];
    return !field || keepsOneOf(field.type, fieldValue);
  });
}

/** A compiled ingest mutation and its variables that hold a @oneOf input object, checked before it runs. */
export interface CompiledIngest {
  query: CompiledQuery;
  oneOfVariables: { name: string; type: GraphQLInputType }[];
}

/** A mutation of ingest fields only, compiled; null for any other operation. */
function compileIngest(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined): CompiledIngest | null {
  const operation = getOperationAST(document, operationName);
  if (operation?.operation !== 'mutation') return null;
  if (!operation.selectionSet.selections.every((selection) => selection.kind === 'Field' && selection.name.value.startsWith('ingest'))) return null;
  const oneOfVariables: CompiledIngest['oneOfVariables'] = [];
  for (const definition of operation.variableDefinitions ?? []) {
    const type = typeFromAST(schema, definition.type);
    if (!isInputType(type)) return null;
    if (holdsOneOf(type)) oneOfVariables.push({ name: definition.variable.name.value, type });
  }
  const query = compileQuery(schema, document, operationName ?? undefined);
  return isCompiledQuery(query) ? { query, oneOfVariables } : null;
}

/** Compiled queries per schema and document (yoga reuses one DocumentNode per query text), by operation name. */
const compiledQueries = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<string, CompiledIngest | null>>>();

/** The operation's compiled ingest mutation, compiled on first use; null where the standard executor runs it. */
export function compiledIngestOf({ schema, document, operationName }: Pick<ExecutionArgs, 'schema' | 'document' | 'operationName'>): CompiledIngest | null {
  let byDocument = compiledQueries.get(schema);
  if (!byDocument) compiledQueries.set(schema, (byDocument = new WeakMap()));
  let byName = byDocument.get(document);
  if (!byName) byDocument.set(document, (byName = new Map()));
  const key = operationName ?? '';
  let compiled = byName.get(key);
  if (compiled === undefined) byName.set(key, (compiled = compileIngest(schema, document, operationName)));
  return compiled;
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
        const compiled = compiledIngestOf(args);
        if (!compiled || !compiled.oneOfVariables.every(({ name, type }) => keepsOneOf(type, args.variableValues?.[name]))) return executeFn(args);
        const result = await stoppedBy(signalOf(args), () => compiled.query.query(args.rootValue, args.contextValue, args.variableValues));
        // Errors without data: the variables were refused before any field ran.
        if (result.errors?.length && !('data' in result)) return executeFn(args);
        const { errors, ...rest } = result;
        // Errors first, as the standard executor orders them.
        return errors ? { errors: errors.map((error) => standardError(error, args.document.loc?.source)), ...rest } : result;
      });
    },
  };
}
