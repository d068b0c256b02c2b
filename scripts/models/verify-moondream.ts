// Checks a Moondream model as the images consumer loads it (its files found by their roles in
// models/manifest.json, on onnxruntime-node): it is loaded and captions a bright and a dark generated
// image; the load time, each caption and its decoding time are reported. `npm run models -- verify
// <name>` runs it and fails when the model does not load or a caption comes out empty.
import { loadLocalMoondream } from '../../consumers/images/moondream-local.ts';
import type { MoondreamModel } from '../../consumers/images/moondream-local-settings.ts';
import type { RgbImage } from '../../consumers/images/rgb-image.ts';

export interface MoondreamVerification {
  threads: number;
  loadMs: number;
  captions: { image: string; caption: string; decodeMs: number }[];
}

const sidePx = 378;
/** Grey images with a diagonal gradient: enough to show the image reaches the decoder (the tiny model tells them apart). */
const images: Record<string, RgbImage> = Object.fromEntries(
  [['bright', 210], ['dark', 45]].map(([name, level]) => [name, { width: sidePx, height: sidePx, data: Uint8Array.from({ length: sidePx * sidePx * 3 }, (_, i) => Number(level) + (Math.floor(i / 3) % sidePx) / 16) }]),
);

export async function verifyMoondream(model: MoondreamModel, threads: number): Promise<MoondreamVerification> {
  const started = performance.now();
  const moondream = await loadLocalMoondream(model, { threads });
  const loadMs = performance.now() - started;
  try {
    const captions: MoondreamVerification['captions'] = [];
    for (const [image, pixels] of Object.entries(images)) {
      const decodeStarted = performance.now();
      const caption = await moondream.caption(pixels, { length: 'normal', maxTokens: 128 });
      captions.push({ image, caption: caption.trim(), decodeMs: performance.now() - decodeStarted });
    }
    return { threads, loadMs, captions };
  } finally {
    await moondream.release();
  }
}

/** Why the model looks broken, or undefined when it does not. */
export function moondreamBrokenBecause(v: MoondreamVerification): string | undefined {
  const empty = v.captions.filter((c) => c.caption === '').map((c) => c.image);
  return empty.length > 0 ? `an empty caption of the ${empty.join(' and the ')} image` : undefined;
}

export function printMoondreamVerification(v: MoondreamVerification): void {
  console.log(`onnxruntime-node, ${v.threads} threads, model loaded in ${Math.round(v.loadMs)} ms`);
  for (const c of v.captions) console.log(`${c.image} image: ${JSON.stringify(c.caption)} in ${Math.round(c.decodeMs)} ms`);
}
