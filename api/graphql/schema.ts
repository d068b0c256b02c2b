// The GraphQL schema: every module that declares types on the builder, then the build.
import { builder } from './builder.ts';
import './event-types.ts';
import './ingest.ts';
import './timeline.ts';
import './timeline-buckets.ts';
import './tokens.ts';
import './live.ts';
import './memos.ts';
import './sql.ts';

export const schema = builder.toSchema();
