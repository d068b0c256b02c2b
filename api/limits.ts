// Limits on what one request may cost: bracket nesting before parsing, query depth, cost and aliases
// (graphql-armor), root fields, list arguments and batches before coercion, and a deadline that
// cancels the request's database work. Body size and the per-token request budget are checked in
// server.ts before any of these.
import { EnvelopArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, type GraphQLSchema, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Config } from '../schema/config.ts';
import { useNestingLimit } from './document-nesting.ts';
import { useListLimits } from './list-limits.ts';
import { maxRootFieldsRule } from './max-root-fields.ts';
import { useRequestDeadline } from './request-deadline.ts';

/**
 * An armor limit answers as a validation error with a stable code (armor's own has none, and says
 * "Syntax Error"), and with what to change, which armor's ("Query Cost limit of 50000 exceeded,
 * found 64375.") does not say.
 */
const answerTooComplex = (fix: string) => ({
  onReject: [
    (context: ValidationContext | null, error: GraphQLError) =>
      context?.reportError(new GraphQLError(`${error.message.replace(/^Syntax Error: /, '').replace(/\.$/, '')}: ${fix}`, { extensions: { code: 'QUERY_TOO_COMPLEX' } })),
  ],
  propagateOnRejection: false,
});

/** The most tokens a document may have (graphql-armor's parser option). */
const maxTokens = 50_000;
/**
 * How deep brackets may nest in a document: far below what exhausts graphql-js's recursive parser
 * (a few thousand levels), far above what a selection within the depth limit needs.
 */
const maxNesting = 256;

export function limitPlugins(config: Config, schema: GraphQLSchema) {
  const armor = new EnvelopArmor({
    maxDepth: { n: config.LIFESTREAM_MAX_QUERY_DEPTH, ...answerTooComplex('nest the selection less deeply (the limit is LIFESTREAM_MAX_QUERY_DEPTH)') },
    costLimit: {
      maxCost: config.LIFESTREAM_MAX_QUERY_COST,
      ...answerTooComplex('select fewer fields, or ask for fewer items (timeline takes first: 1–1000) and page with after (the limit is LIFESTREAM_MAX_QUERY_COST)'),
    },
    // A timeline query selecting every kind's fields needs an alias per clashing field name. Every
    // alias counts, __typename's too (armor lets those through by default: 10,000 of them passed).
    maxAliases: { n: 500, allowList: [], ...answerTooComplex('use fewer aliases: split the request') },
    maxTokens: { n: maxTokens },
    // Suggestions help whoever explores the API in GraphiQL; every caller here holds a token.
    blockFieldSuggestion: { enabled: false },
  }).protect();
  const rootFields: Plugin = {
    onValidate: ({ addValidationRule }) => addValidationRule(maxRootFieldsRule(config.LIFESTREAM_MAX_ROOT_FIELDS)),
  };
  const nesting = useNestingLimit({ maxNesting, maxTokens, maxDepth: config.LIFESTREAM_MAX_QUERY_DEPTH });
  return [nesting, ...armor.plugins, rootFields, useListLimits(schema, config.LIFESTREAM_MAX_BATCH), useRequestDeadline()];
}
