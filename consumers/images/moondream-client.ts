// A client of Moondream's HTTP API (Moondream Cloud, or a local Moondream Station at
// http://localhost:2020/v1): caption, query, detect and point, as the official clients call them
// (npm `moondream` 0.2.0, PyPI `moondream` cloud_vl.py): POST <base>/<skill> with a JSON body whose
// image is a JPEG data URL, the key in X-Moondream-Auth, 200 with JSON on success.
// The official npm client is not used: it pins sharp 0.32 (a second libvips), has no timeout, and
// drops the body of an error answer.
import { z } from 'zod';

export type CaptionLength = 'short' | 'normal' | 'long';

/** A box or point in fractions of the image's width and height (0–1), origin top-left. */
export interface MoondreamRegion {
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface MoondreamClient {
  /** The API root, for provenance and error messages. */
  readonly endpoint: string;
  caption(jpeg: Uint8Array, length: CaptionLength): Promise<string>;
  query(jpeg: Uint8Array, question: string): Promise<string>;
  detect(jpeg: Uint8Array, object: string): Promise<MoondreamRegion[]>;
  point(jpeg: Uint8Array, object: string): Promise<{ x: number; y: number }[]>;
}

export interface MoondreamClientOptions {
  /** The API root, such as https://api.moondream.ai/v1 or http://localhost:2020/v1. */
  baseUrl: string;
  /** Moondream Cloud's API key; a local Moondream Station needs none. */
  apiKey?: string;
  timeoutMs: number;
}

/** Moondream did not answer as its API promises: unreachable, an error status, a timeout or a body of the wrong shape. */
export class MoondreamFailed extends Error {
  override name = 'MoondreamFailed';
}

const fraction = z.number().min(0).max(1);
const answers = {
  caption: z.object({ caption: z.string() }),
  query: z.object({ answer: z.string() }),
  detect: z.object({ objects: z.array(z.object({ x_min: fraction, y_min: fraction, x_max: fraction, y_max: fraction })) }),
  point: z.object({ points: z.array(z.object({ x: fraction, y: fraction })) }),
};

const errorBodyChars = 200;

export function openMoondreamClient({ baseUrl, apiKey, timeoutMs }: MoondreamClientOptions): MoondreamClient {
  const endpoint = baseUrl.replace(/\/+$/, '');

  async function call<T>(skill: keyof typeof answers, body: Record<string, unknown>, answer: z.ZodType<T>): Promise<T> {
    const where = `Moondream ${skill} at ${endpoint}`;
    let response: Response;
    try {
      response = await fetch(`${endpoint}/${skill}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(apiKey ? { 'x-moondream-auth': apiKey } : {}) },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const reason = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : `unreachable: ${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)}`;
      throw new MoondreamFailed(`${where}: ${reason}`);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw new MoondreamFailed(`${where}: the answer broke off: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (response.status !== 200) {
      const hint = response.status === 401 || response.status === 403 ? ' (check LIFESTREAM_MOONDREAM_KEY)' : '';
      throw new MoondreamFailed(`${where}: HTTP ${response.status}${hint}: ${text.slice(0, errorBodyChars).trim() || response.statusText}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new MoondreamFailed(`${where}: the answer is not JSON: ${text.slice(0, errorBodyChars)}`);
    }
    const parsed = answer.safeParse(json);
    if (!parsed.success) throw new MoondreamFailed(`${where}: the answer lacks what the API promises: ${z.prettifyError(parsed.error)}`);
    return parsed.data;
  }

  const imageUrl = (jpeg: Uint8Array) => `data:image/jpeg;base64,${Buffer.from(jpeg.buffer, jpeg.byteOffset, jpeg.byteLength).toString('base64')}`;

  return {
    endpoint,
    async caption(jpeg, length) {
      return (await call('caption', { image_url: imageUrl(jpeg), length, stream: false }, answers.caption)).caption;
    },
    async query(jpeg, question) {
      return (await call('query', { image_url: imageUrl(jpeg), question, stream: false }, answers.query)).answer;
    },
    async detect(jpeg, object) {
      const { objects } = await call('detect', { image_url: imageUrl(jpeg), object }, answers.detect);
      return objects.map((o) => ({ xMin: o.x_min, yMin: o.y_min, xMax: o.x_max, yMax: o.y_max }));
    },
    async point(jpeg, object) {
      return (await call('point', { image_url: imageUrl(jpeg), object }, answers.point)).points;
    },
  };
}
