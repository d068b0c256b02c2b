// The caption an imageAnalysis carries: Moondream's, when an endpoint is configured and answers;
// otherwise the one composed from what the other models found. Either way `source` says which, and
// why Moondream's is missing when it failed: a Moondream outage never costs the analysis.
import { loadSharp } from './sharp-on-use.ts';
import { composeCaption, type CaptionFindings } from './image-caption.ts';
import { MoondreamFailed, type CaptionLength, type MoondreamClient } from './moondream-client.ts';

export interface ImageCaption {
  caption: string;
  /** Which model wrote the caption, for the analysis' `model` field. */
  source: string;
}

export interface MoondreamCaptioning {
  client: MoondreamClient;
  length: CaptionLength;
}

// Moondream looks at 378-px crops of the image; a larger upload would only cost bandwidth.
const moondreamImageSidePx = 1024;
const captionMaxChars = 4096;
// The reason is quoted in `model`, beside the other models' names, within its 1 KiB.
const reasonMaxChars = 600;
const composedCaptionSource = 'caption composed from the findings, no captioning model';

/** The image as Moondream takes it: a JPEG, EXIF orientation applied, at most 1024 px a side. */
async function moondreamJpeg(image: Uint8Array, maxPixels: number): Promise<Buffer> {
  const sharp = await loadSharp();
  return sharp(image, { limitInputPixels: maxPixels }).rotate().resize(moondreamImageSidePx, moondreamImageSidePx, { fit: 'inside', withoutEnlargement: true }).flatten({ background: '#ffffff' }).jpeg({ quality: 90 }).toBuffer();
}

/** Moondream's caption with its source, or why there is none. */
export type MoondreamAnswer = { caption: string; source: string } | { failure: string };

/**
 * Asks Moondream for the image's caption; never rejects. Started beside the analysis, so that the
 * two overlap instead of the worker waiting on Moondream.
 */
export async function askMoondream(image: Uint8Array, maxPixels: number, { client, length }: MoondreamCaptioning): Promise<MoondreamAnswer> {
  try {
    const caption = (await client.caption(await moondreamJpeg(image, maxPixels), length)).trim();
    if (!caption) return { failure: `Moondream caption at ${client.endpoint}: an empty caption` };
    return { caption: caption.slice(0, captionMaxChars), source: `caption: Moondream at ${client.endpoint} (${length})` };
  } catch (error) {
    const reason = error instanceof MoondreamFailed ? error.message : `the image could not be made a JPEG for Moondream: ${error instanceof Error ? error.message : String(error)}`;
    return { failure: reason.slice(0, reasonMaxChars) };
  }
}

/** Moondream's caption (in process or at an endpoint) when it gave one; otherwise the one composed from the findings, saying why. */
export function chooseCaption(findings: CaptionFindings, answer: MoondreamAnswer | undefined): ImageCaption {
  if (answer && 'caption' in answer) return { caption: answer.caption.slice(0, captionMaxChars), source: answer.source };
  const caption = composeCaption(findings);
  return { caption, source: answer ? `caption composed from the findings (${answer.failure.slice(0, reasonMaxChars)})` : composedCaptionSource };
}
