// The most items each list argument takes, counted on the request as sent (the document's literals,
// the variables' arrays) before GraphQL coerces anything: a 200,000-event batch is refused at once,
// and a read naming 100,000 devices never reaches the database.
import {
  getNullableType,
  isListType,
  isInterfaceType,
  isObjectType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLError,
  type GraphQLSchema,
  type ValueNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { catalogue } from '../schema/catalogue.ts';
import { userError } from './graphql/errors.ts';

/** The most items a list argument of a read field takes, by argument name. */
export const maxListItems: Readonly<Record<string, number>> = {
  deviceIds: 1_000,
  /** Every kind once. */
  kinds: catalogue.length,
  fieldEquals: 20,
  tags: 20,
};

interface ListLimit {
  max: number;
  refuse(items: number): GraphQLError;
}

/**
 * Every list argument of the schema, by coordinate (Type.field(arg:)), with its limit: ingest
 * mutations' `events` take a batch (LIFESTREAM_MAX_BATCH), the others maxListItems. Throws when one
 * has none, so a list argument added without a limit stops the start.
 */
export function listLimits(schema: GraphQLSchema, maxBatch: number): Map<string, ListLimit> {
  const limits = new Map<string, ListLimit>();
  const mutation = schema.getMutationType();
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
    for (const field of Object.values(type.getFields())) {
      for (const arg of field.args) {
        if (!isListType(getNullableType(arg.type))) continue;
        const coordinate = `${type.name}.${field.name}(${arg.name}:)`;
        if (type === mutation && arg.name === 'events') {
          limits.set(coordinate, {
            max: maxBatch,
            refuse: (items) => userError('BATCH_TOO_LARGE', `a batch holds at most ${maxBatch} events, got ${items}; split it (nothing was accepted)`),
          });
          continue;
        }
        const max = maxListItems[arg.name];
        if (max === undefined) throw new Error(`${coordinate} is a list argument without a limit: add one to maxListItems in api/list-limits.ts`);
        limits.set(coordinate, { max, refuse: (items) => userError('BAD_USER_INPUT', `${coordinate} takes at most ${max} items, got ${items}`) });
      }
    }
  }
  return limits;
}

/** A list argument with a limit, as the document writes it: its count depends on the request's variables. */
interface LimitedArgument {
  limit: ListLimit;
  value: ValueNode;
}

/** The document's list arguments that have a limit, in document order, with the variables' defaults. */
function limitedArgumentsOf(schema: GraphQLSchema, document: DocumentNode, limits: Map<string, ListLimit>): { limited: LimitedArgument[]; defaults: Map<string, ValueNode> } {
  const defaults = new Map<string, ValueNode>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const variable of definition.variableDefinitions ?? []) {
      if (variable.defaultValue) defaults.set(variable.variable.name.value, variable.defaultValue);
    }
  }
  const limited: LimitedArgument[] = [];
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument(node) {
        const [type, field] = [typeInfo.getParentType(), typeInfo.getFieldDef()];
        const limit = type && field ? limits.get(`${type.name}.${field.name}(${node.name.value}:)`) : undefined;
        if (limit) limited.push({ limit, value: node.value });
      },
    }),
  );
  return { limited, defaults };
}

/** The refusal of the first of these arguments over its limit with these variables, if any. */
function refusalOf({ limited, defaults }: ReturnType<typeof limitedArgumentsOf>, variables: Readonly<Record<string, unknown>> | null | undefined): GraphQLError | undefined {
  // A value that is not a list is coerced to a list of one.
  const itemsOf = (value: ValueNode): number => {
    if (value.kind === Kind.LIST) return value.values.length;
    if (value.kind !== Kind.VARIABLE) return 1;
    const sent = variables?.[value.name.value];
    if (Array.isArray(sent)) return sent.length;
    const fallback = sent === undefined ? defaults.get(value.name.value) : undefined;
    return fallback ? itemsOf(fallback) : 1;
  };
  for (const { limit, value } of limited) {
    const items = itemsOf(value);
    if (items > limit.max) return limit.refuse(items);
  }
  return undefined;
}

/** The refusal of the first list argument in the document over its limit, if any. */
export function listOverLimit(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>> | null | undefined,
  limits: Map<string, ListLimit>,
): GraphQLError | undefined {
  return refusalOf(limitedArgumentsOf(schema, document, limits), variables);
}

/** Refuses an operation with a list argument over its limit, before its variables are coerced. */
export function useListLimits(schema: GraphQLSchema, maxBatch: number): Plugin {
  const limits = listLimits(schema, maxBatch);
  // The document is walked once (yoga reuses one DocumentNode per query text), not on every request:
  // with its type information, the walk cost an ingest batch 0.25 ms.
  const byDocument = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, ReturnType<typeof limitedArgumentsOf>>>();
  const refusal = (args: { schema: GraphQLSchema; document: DocumentNode; variableValues?: Readonly<Record<string, unknown>> | null }) => {
    let documents = byDocument.get(args.schema);
    if (!documents) byDocument.set(args.schema, (documents = new WeakMap()));
    let found = documents.get(args.document);
    if (!found) documents.set(args.document, (found = limitedArgumentsOf(args.schema, args.document, limits)));
    return refusalOf(found, args.variableValues);
  };
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const refused = refusal(args);
      if (refused) setResultAndStopExecution({ errors: [refused] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const refused = refusal(args);
      if (refused) setResultAndStopExecution({ errors: [refused] });
    },
  };
}
