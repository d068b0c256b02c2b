// Ingest latency while the images consumer is busy, beside the same figure with it idle, in one
// embedded Lifestream (API, persistence and images consumer in one process, as `npm start` runs
// them): the analyses must stay off the event loop that answers the ingest mutations.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startHarness, uniqueDevice, type Harness } from '../test/harness.ts';

export interface IngestLatency {
  phase: string;
  /** Mutation round trips, ms. */
  mutationMs: number[];
  /** Event-loop delay over the phase, ms (p50, p99, max). */
  loopDelayMs: { p50: number; p99: number; max: number };
  /** Image analyses stored during the phase. */
  analysesStored: number;
}

export interface ImageToSend {
  bytes: Buffer;
  mimeType: string;
}

const ambientLight = `mutation($e: [AmbientLightInput!]!) { ingestAmbientLight(events: $e) { acceptedCount } }`;

async function analysesOf(h: Harness, deviceId: string): Promise<number> {
  const rows = await h.services.store.query<{ count: string }>(`SELECT count(*) AS count FROM image_analysis WHERE device_id = $1`, [deviceId]);
  return Number(rows[0]?.count ?? 0);
}

/** One single-event mutation at a time until `more` says stop (at least `atLeast` of them), timed each. */
async function sampleMutations(h: Harness, deviceId: string, atLeast: number, more: () => Promise<boolean>): Promise<number[]> {
  const times: number[] = [];
  let second = 0;
  while (times.length < atLeast || (await more())) {
    const sent = performance.now();
    const result = await h.graphql<{ ingestAmbientLight: { acceptedCount: number } }>(ambientLight, { e: [{ deviceId, time: new Date(Date.UTC(2026, 0, 1, 0, 0, second++)).toISOString(), lux: 100 }] });
    times.push(performance.now() - sent);
    if (result.data?.ingestAmbientLight.acceptedCount !== 1) throw new Error(`a sample mutation was not accepted: ${JSON.stringify(result.errors)}`);
  }
  return times;
}

async function phase(name: string, h: Harness, imagesDevice: string, run: () => Promise<number[]>): Promise<IngestLatency> {
  const storedBefore = await analysesOf(h, imagesDevice);
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const mutationMs = await run();
  loop.disable();
  const toMs = (ns: number) => ns / 1e6;
  return {
    phase: name,
    mutationMs,
    loopDelayMs: { p50: toMs(loop.percentile(50)), p99: toMs(loop.percentile(99)), max: toMs(loop.max) },
    analysesStored: (await analysesOf(h, imagesDevice)) - storedBefore,
  };
}

/**
 * Idle: `samples` mutations with no image pending (after one image has loaded the models). Busy:
 * `images` sent at once, then mutations one after another until every analysis is stored.
 */
export async function measureIngestWhileAnalysing(images: ImageToSend[], samples: number, workers: number): Promise<IngestLatency[]> {
  // The busy phase sends mutations back to back for as long as the analyses take: on a slow or
  // shared machine that is past the default 1200 a minute, which would answer 429 instead of timing it.
  const h = await startHarness('embedded', { LIFESTREAM_IMAGE_WORKERS: String(workers), LIFESTREAM_RATE_LIMIT_PER_MINUTE: '1000000' });
  try {
    await h.startPersistence();
    await h.startConsumers('images');
    const imagesDevice = uniqueDevice('bench-images');
    const sampleDevice = uniqueDevice('bench-ingest');
    let second = 0;
    const send = async (batch: ImageToSend[]) => {
      const events = batch.map((image) => ({ deviceId: imagesDevice, time: new Date(Date.UTC(2026, 0, 2, 0, 0, second++)).toISOString(), widthPx: 1, heightPx: 1, image: { base64: image.bytes.toString('base64'), mimeType: image.mimeType } }));
      const result = await h.graphql<{ ingestScreenshot: { acceptedCount: number } }>(`mutation($e: [ScreenshotInput!]!) { ingestScreenshot(events: $e) { acceptedCount } }`, { e: events });
      if (result.data?.ingestScreenshot.acceptedCount !== batch.length) throw new Error(`images not accepted: ${JSON.stringify(result.errors)}`);
    };
    const allStored = async (count: number) => {
      while ((await analysesOf(h, imagesDevice)) < count) await new Promise((resolve) => setTimeout(resolve, 50));
    };
    // The models load on the first image: that is a start-up cost, not the steady state measured here.
    await send(images.slice(0, 1));
    await allStored(1);
    const idle = await phase('images consumer idle', h, imagesDevice, () => sampleMutations(h, sampleDevice, samples, async () => false));
    await send(images);
    const busy = await phase(`images consumer busy (${images.length} images sent at once, ${workers} worker${workers > 1 ? 's' : ''})`, h, imagesDevice, () =>
      sampleMutations(h, sampleDevice, 1, async () => (await analysesOf(h, imagesDevice)) < images.length + 1),
    );
    return [idle, busy];
  } finally {
    await h.close();
  }
}
