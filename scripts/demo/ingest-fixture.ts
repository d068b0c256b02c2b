// Sends fixture events through ingestJson in batches; stops at the first batch the API refuses or
// rejects events of, saying in one line why and what to do.
import type { FixtureEvent } from './fixture-day.ts';

const batchSize = 1_000;

interface IngestAnswer {
  data?: { ingestJson: { acceptedCount: number; errors: { index: number; code: string; message: string }[] } };
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** What to do about a rejection, by its code. */
const remedies: Record<string, string> = {
  FORBIDDEN_DEVICE: 'the fixture day writes the devices watch, phone and laptop: use an ingest token without a device (npm run cli -- token create --scope ingest) or an admin token',
};

/** The rejections of a batch as one line: how many of each code, one message of each for an example. */
export function rejectionSummary(errors: { index: number; code: string; message: string }[], batchEvents: number): string {
  const byCode = new Map<string, { count: number; example: string }>();
  for (const error of errors) {
    const seen = byCode.get(error.code);
    if (seen) seen.count++;
    else byCode.set(error.code, { count: 1, example: error.message });
  }
  const rejectedEvents = new Set(errors.map((e) => e.index)).size;
  const codes = [...byCode].map(([code, { count, example }]) => `${count} × ${code} (${example})${remedies[code] ? `; ${remedies[code]}` : ''}`);
  return `${rejectedEvents} of ${batchEvents} events rejected: ${codes.join('; ')}`;
}

async function answerOf(url: string, response: Response): Promise<IngestAnswer> {
  const text = await response.text();
  try {
    return JSON.parse(text) as IngestAnswer;
  } catch {
    throw new Error(`${url} answered HTTP ${response.status} with something other than JSON: is it a Lifestream's /graphql?`);
  }
}

/** Sends every event; resolves to how many were accepted. */
export async function ingestFixture(url: string, token: string, events: readonly FixtureEvent[]): Promise<number> {
  let accepted = 0;
  for (let i = 0; i < events.length; i += batchSize) {
    const batch = events.slice(i, i + batchSize);
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: 'mutation($e: [JSON!]!) { ingestJson(events: $e) { acceptedCount errors { index code message } } }', variables: { e: batch } }),
    }).catch((error: unknown) => {
      throw new Error(`cannot reach ${url} (is Lifestream running there? npm start starts it)`, { cause: error });
    });
    const answer = await answerOf(url, response);
    const sentBefore = i > 0 ? ` (${accepted} events of earlier batches were accepted)` : '';
    if (!answer.data) {
      const [first] = answer.errors ?? [];
      throw new Error(`the API refused the events (HTTP ${response.status}${first?.extensions?.code ? ` ${first.extensions.code}` : ''}): ${first?.message ?? 'no reason given'}${sentBefore}`);
    }
    const { acceptedCount, errors } = answer.data.ingestJson;
    accepted += acceptedCount;
    if (errors.length > 0) throw new Error(`${rejectionSummary(errors, batch.length)}${sentBefore}`);
  }
  return accepted;
}
