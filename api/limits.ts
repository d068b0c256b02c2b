// Limits on what one request may cost: query depth and cost (graphql-armor), and a deadline that
// cancels the request's database work. Body size and the per-token request budget are checked in
// server.ts before any of these.
import { EnvelopArmor } from '@escape.tech/graphql-armor';
import type { Config } from '../schema/config.ts';
import { useRequestDeadline } from './request-deadline.ts';

export function limitPlugins(config: Config) {
  const armor = new EnvelopArmor({
    maxDepth: { n: config.LIFESTREAM_MAX_QUERY_DEPTH },
    costLimit: { maxCost: config.LIFESTREAM_MAX_QUERY_COST },
    // A timeline query selecting every kind's fields needs an alias per clashing field name.
    maxAliases: { n: 500 },
    maxTokens: { n: 50_000 },
    // Suggestions help whoever explores the API in GraphiQL; every caller here holds a token.
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return [...armor.plugins, useRequestDeadline()];
}
