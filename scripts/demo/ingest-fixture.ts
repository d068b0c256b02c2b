// Sends fixture events through ingestJson in batches; fails loudly on any rejected event.
import type { FixtureEvent } from './fixture-day.ts';

const batchSize = 1_000;

/** Sends every event; resolves to how many were accepted. */
export async function ingestFixture(url: string, token: string, events: readonly FixtureEvent[]): Promise<number> {
  let accepted = 0;
  for (let i = 0; i < events.length; i += batchSize) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: 'mutation($e: [JSON!]!) { ingestJson(events: $e) { acceptedCount errors { index message } } }',
        variables: { e: events.slice(i, i + batchSize) },
      }),
    });
    const body = (await response.json()) as {
      data?: { ingestJson: { acceptedCount: number; errors: { index: number; message: string }[] } };
      errors?: { message: string }[];
    };
    if (!body.data) throw new Error(`ingest failed (HTTP ${response.status}): ${JSON.stringify(body.errors)}`);
    if (body.data.ingestJson.errors.length) throw new Error(`fixture events rejected: ${body.data.ingestJson.errors.map((e) => e.message).join('; ')}`);
    accepted += body.data.ingestJson.acceptedCount;
  }
  return accepted;
}
