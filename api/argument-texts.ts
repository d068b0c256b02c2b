// Texts in a request's arguments that PostgreSQL could not take (a NUL, a lone surrogate), refused
// before any field runs with INVALID_TEXT naming the field and argument, instead of failing in the
// database as a 500. Fields marked `judgesTextsPerEvent` (the ingest mutations) are left out: they
// refuse such an event alone and keep the rest of the batch (api/ingest/validate.ts).
import { GraphQLError, TypeInfo, visit, visitWithTypeInfo, type ExecutionArgs, type GraphQLField } from 'graphql';
import { getArgumentValues } from 'graphql/execution/values.js';
import type { Plugin } from 'graphql-yoga';
import { textProblem } from '../schema/storable-text.ts';

/** The extension a field sets to check its arguments' texts itself. */
export const judgesTextsPerEvent = 'judgesTextsPerEvent';

const isPlainData = (value: unknown): value is object => Array.isArray(value) || (typeof value === 'object' && value !== null && !(value instanceof Date));

/** The first string in an argument's value (object keys too) PostgreSQL could not take: its path and why. */
function problemIn(name: string, value: unknown): { path: string; why: string } | undefined {
  // Iterative: a JSON argument may nest deeper than the call stack goes.
  const pending: [string, unknown][] = [[name, value]];
  while (pending.length > 0) {
    const [path, inner] = pending.pop()!;
    if (typeof inner === 'string') {
      const why = textProblem(inner);
      if (why) return { path, why };
    } else if (isPlainData(inner)) {
      for (const [key, item] of Object.entries(inner)) {
        const why = textProblem(key);
        if (why) return { path, why: `has a key that ${why}` };
        pending.push([Array.isArray(inner) ? `${path}[${key}]` : `${path}.${key}`, item]);
      }
    }
  }
  return undefined;
}

const argumentsOf = (field: GraphQLField<unknown, unknown>, node: Parameters<typeof getArgumentValues>[1], variables: ExecutionArgs['variableValues']) => {
  try {
    return getArgumentValues(field, node, variables ?? {});
  } catch {
    // A value of the wrong type: the executor refuses it with its own error.
    return {};
  }
};

/** The error for the first argument text of the operation PostgreSQL could not take, if any. */
export function argumentTextError({ schema, document, variableValues, operationName }: ExecutionArgs): GraphQLError | undefined {
  const typeInfo = new TypeInfo(schema);
  let error: GraphQLError | undefined;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      OperationDefinition: (operation) => (operationName && operation.name?.value !== operationName ? false : undefined),
      Field(node) {
        const field = typeInfo.getFieldDef();
        if (error || !field || !node.arguments?.length || field.extensions[judgesTextsPerEvent]) return;
        for (const [name, value] of Object.entries(argumentsOf(field, node, variableValues))) {
          const problem = problemIn(name, value);
          if (!problem) continue;
          const argument = `${field.name}(${problem.path})`;
          error = new GraphQLError(`argument ${argument} ${problem.why}`, {
            nodes: node.arguments.find((a) => a.name.value === name) ?? node,
            // A request error, as one in the variables: 400 for application/graphql-response+json, 200 for application/json.
            extensions: { code: 'INVALID_TEXT', argument, http: { status: 400, spec: true } },
          });
          return;
        }
      },
    }),
  );
  return error;
}

export function useArgumentTexts(): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const error = argumentTextError(args);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const error = argumentTextError(args);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
  };
}
