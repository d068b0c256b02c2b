// What an event kind is: its fields, where it flows (Kafka topic), and how it shows on the timeline.
import type { Fields } from './fields.ts';

export type Payload = Record<string, unknown>;

export interface EventKindDefinition {
  /** camelCase; derives the GraphQL type (HeartRate), mutation (ingestHeartRate), enum (HEART_RATE), table (heart_rate). */
  name: string;
  description: string;
  /** Seed naming: <category>.<source>.<datatype>.<stage>; several kinds may share one topic. */
  topic: string;
  /** raw kinds are ingested by devices; processed kinds are produced by consumers. */
  stage: 'raw' | 'processed';
  fields: Fields;
  /** Event time may lie ahead of the clock (a calendar entry next week). */
  timeMayBeFuture?: boolean;
  timeline: {
    /** The lane the web app draws it in. */
    lane: string;
    /** One line for the timeline and search results. */
    headline: (payload: Payload) => string;
    /**
     * How the web app draws the lane when zoomed out: `line` or `bars` of the kind's `value` per time
     * bucket (dense numeric kinds), `spans` from each event to the device's next one (what had focus),
     * or one `marks` tick per event (the default, for sparse kinds).
     */
    draw?: TimelineDrawing;
    /** The kind's main number (a float or int field): aggregated per time bucket as min, avg and max. */
    value?: string;
    /** The string fields the timeline's text search matches (case-insensitive). */
    text?: readonly string[];
  };
  /** How long rows are kept when TimescaleDB is present; undefined keeps them for ever. */
  retentionDays?: number;
}

export type TimelineDrawing = 'line' | 'bars' | 'spans' | 'marks';

/** Fields every event has on the timeline; a kind's own fields must not take these names. */
export const commonFieldNames = ['id', 'kind', 'deviceId', 'time', 'receivedAt', 'lane', 'headline', 'payload'] as const;

export function defineKind(kind: EventKindDefinition): EventKindDefinition {
  return kind;
}
