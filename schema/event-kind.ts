// What an event kind is: its fields, where it flows (Kafka topic), and how it shows on the timeline.
// defineKind keeps the field types, so a kind's payload type is inferred from its definition, as
// drizzle infers a row's type from its table.
import type { Field, FieldNamesOfType, Fields, PayloadOfFields } from './fields.ts';

/** Any kind, as code that handles every kind alike (storage, the GraphQL schema) sees it. */
export interface EventKindDefinition {
  /** camelCase; derives the GraphQL type (HeartRate), mutation (ingestHeartRate), enum (HEART_RATE), table (heart_rate). */
  name: string;
  description: string;
  /** Seed naming: <category>.<source>.<datatype>.<stage>; several kinds may share one topic. */
  topic: string;
  /** raw kinds are ingested by devices; processed kinds are produced by consumers. */
  stage: 'raw' | 'processed';
  fields: Fields;
  /**
   * The fields an event's id is derived from when its producer gives none (default: all of them): a
   * consumer that redoes its work after a crash then produces the same ids, even where a model's
   * output varies from one run to the next.
   */
  identity?: readonly string[];
  /** Event time may lie ahead of the clock (a calendar entry next week). */
  timeMayBeFuture?: boolean;
  /**
   * An event sent again with the same id from the same device replaces the stored one, also at
   * another time (a calendar entry moved, renamed or cancelled); for other kinds the time is part of
   * what identifies an event, so one sent at another time is another event.
   */
  updatable?: boolean;
  timeline: {
    /** The lane the web app draws it in. */
    lane: string;
    /** One line for the timeline and search results. */
    headline(payload: Readonly<Record<string, unknown>>): string;
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

/** One kind as defineKind returns it: its name and field types kept, its headline typed by them. */
export interface KindDefinition<Name extends string, F extends Fields> extends EventKindDefinition {
  name: Name;
  fields: F;
  identity?: readonly FieldNamesOfType<F, Field['type']>[];
  timeline: Omit<EventKindDefinition['timeline'], 'headline' | 'value' | 'text'> & {
    headline(payload: PayloadOfFields<F>): string;
    value?: FieldNamesOfType<F, 'float' | 'int'>;
    text?: readonly FieldNamesOfType<F, 'string'>[];
  };
}

export type TimelineDrawing = 'line' | 'bars' | 'spans' | 'marks';

/** Fields every event has on the timeline; a kind's own fields must not take these names. */
export const commonFieldNames = ['id', 'kind', 'deviceId', 'time', 'receivedAt', 'lane', 'headline', 'payload'] as const;

export function defineKind<const Name extends string, const F extends Fields>(kind: KindDefinition<Name, F>): KindDefinition<Name, F> {
  return kind;
}
