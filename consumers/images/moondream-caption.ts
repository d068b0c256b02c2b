// The caption an imageAnalysis carries: Moondream's, when an endpoint is configured and answers;
// otherwise the one composed from what the other models found. Either way `source` says which, and
// why Moondream's is missing when it failed: a Moondream outage never costs the analysis.
import sharp from 'sharp';
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
export const composedCaptionSource = 'caption composed from the findings, no captioning model';

/** The image as Moondream takes it: a JPEG, EXIF orientation applied, at most 1024 px a side. */
async function moondreamJpeg(image: Uint8Array, maxPixels: number): Promise<Buffer> {
  return sharp(image, { limitInputPixels: maxPixels }).rotate().resize(moondreamImageSidePx, moondreamImageSidePx, { fit: 'inside', withoutEnlargement: true }).flatten({ background: '#ffffff' }).jpeg({ quality: 90 }).toBuffer();
}

export async function captionImage(findings: CaptionFindings, image: Uint8Array, maxPixels: number, moondream?: MoondreamCaptioning): Promise<ImageCaption> {
  const composed = composeCaption(findings);
  if (!moondream) return { caption: composed, source: composedCaptionSource };
  try {
    const caption = (await moondream.client.caption(await moondreamJpeg(image, maxPixels), moondream.length)).trim();
    if (!caption) return { caption: composed, source: `caption composed from the findings: Moondream at ${moondream.client.endpoint} answered an empty caption` };
    return { caption: caption.slice(0, captionMaxChars), source: `caption: Moondream at ${moondream.client.endpoint} (${moondream.length})` };
  } catch (error) {
    const reason = error instanceof MoondreamFailed ? error.message : `the image could not be made a JPEG for Moondream: ${error instanceof Error ? error.message : String(error)}`;
    return { caption: composed, source: `caption composed from the findings (${reason.slice(0, reasonMaxChars)})` };
  }
}
