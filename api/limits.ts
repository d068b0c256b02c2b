// Limits on what one request may cost: body size, query depth and cost (graphql-armor), and a
// per-token request budget (rate-limiter-flexible on the Cache: Redis, or memory when embedded).
import { EnvelopArmor } from '@escape.tech/graphql-armor';
import type { Config } from '../schema/config.ts';

export function armorPlugins(config: Config) {
  return new EnvelopArmor({
    maxDepth: { n: config.LIFESTREAM_MAX_QUERY_DEPTH },
    costLimit: { maxCost: config.LIFESTREAM_MAX_QUERY_COST },
    // A timeline query selecting every kind's fields needs an alias per clashing field name.
    maxAliases: { n: 500 },
    maxTokens: { n: 50_000 },
    // Suggestions help whoever explores the API in GraphiQL; every caller here holds a token.
    blockFieldSuggestion: { enabled: false },
  }).protect().plugins;
}
