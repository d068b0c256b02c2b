// The images consumer: camera photos and screenshots in (device.image.camera.raw), one imageAnalysis
// each out (media.image.analysis.moondream_results): the text, objects and faces the models found,
// a caption (Moondream's, in process or at an endpoint, when configured, else composed from the
// findings), and a WebP thumbnail kept in the blob store. The analysis runs in worker threads
// (image-analyzer.ts), opened on the first batch and closed when the consumer stops.
import type { BlobStore } from '../../db/blob-store.ts';
import type { NewEvent } from '../../schema/event.ts';
import { cameraPhoto, screenshot } from '../../schema/kinds/media.ts';
import { imageAnalysis } from '../../schema/kinds/processed.ts';
import { defineConsumer, type ConsumerHandlers, type Rejection } from '../consumer.ts';
import type { ImageAnalysis } from './analyze-image.ts';
import { defaultDecodeOptions } from './decode-image.ts';
import { localCaptionMaxTokens, localMoondreamModel, type LocalMoondreamSettings } from './moondream-local-settings.ts';
import { askMoondream, chooseCaption, type MoondreamAnswer, type MoondreamCaptioning } from './moondream-caption.ts';
import { openMoondreamClient } from './moondream-client.ts';
import { defaultImageAnalyzerOptions, openImageAnalyzer, type ImageAnalyzer } from './image-analyzer.ts';
import { ImageRejected } from './image-rejected.ts';

type Image = typeof cameraPhoto | typeof screenshot;

const ocrTextMaxChars = 64 * 1024;
// Loading Moondream 2B's 2.6 GB of sessions from disk, on a slow machine.
const localMoondreamLoadAllowanceMs = 5 * 60_000;

export const images = defineConsumer({
  name: 'images',
  deployment: {
    cpuRequest: '1',
    memoryRequest: '1Gi',
    memoryLimit: '2Gi',
    note: 'One worker thread (LIFESTREAM_IMAGE_WORKERS, in env) holds about 500 MB of models, and in-process Moondream (LIFESTREAM_MOONDREAM_MODEL) about 1 GB more for 0.5B, 2.6 GB for 2B; raise the limits with them.',
  },
  reads: [cameraPhoto, screenshot],
  emits: [imageAnalysis],
  start: ({ blobs, config }) => {
    const moondream: MoondreamCaptioning | undefined = config.LIFESTREAM_MOONDREAM_URL
      ? {
          client: openMoondreamClient({ baseUrl: config.LIFESTREAM_MOONDREAM_URL, timeoutMs: config.LIFESTREAM_MOONDREAM_TIMEOUT_S * 1000, ...(config.LIFESTREAM_MOONDREAM_KEY ? { apiKey: config.LIFESTREAM_MOONDREAM_KEY } : {}) }),
          length: config.LIFESTREAM_MOONDREAM_CAPTION_LENGTH,
        }
      : undefined;
    const localMoondream: LocalMoondreamSettings | undefined = config.LIFESTREAM_MOONDREAM_MODEL
      ? { model: localMoondreamModel(config.LIFESTREAM_MOONDREAM_MODEL, config.MODELS_DIR), length: config.LIFESTREAM_MOONDREAM_CAPTION_LENGTH, maxTokens: localCaptionMaxTokens, timeoutMs: config.LIFESTREAM_MOONDREAM_TIMEOUT_S * 1000 }
      : undefined;
    const decode = { ...defaultDecodeOptions, maxPixels: config.LIFESTREAM_IMAGE_MAX_PIXELS };
    const analyzerOptions = localMoondream
      ? // The caption's time (and loading the model) comes on top of the other models', within one analysis.
        { moondream: localMoondream, timeoutMs: defaultImageAnalyzerOptions.timeoutMs + localMoondream.timeoutMs + localMoondreamLoadAllowanceMs }
      : {};
    return imageAnalysisHandlers(blobs, () => openImageAnalyzer({ workers: config.LIFESTREAM_IMAGE_WORKERS, idleMs: config.LIFESTREAM_MODEL_IDLE_S * 1000, decode, ...analyzerOptions }), { concurrency: config.LIFESTREAM_IMAGE_WORKERS, maxPixels: decode.maxPixels, ...(moondream ? { moondream } : {}) });
  },
});

/** Names the models behind each result, the caption's first. */
function provenance(captionSource: string, models: ImageAnalysis['models']): string {
  const used = Object.entries(models).map(([stage, model]) => `${stage}: ${model}`);
  return [captionSource, ...used].join('; ');
}

/** When the photo was taken, where its EXIF block gives both the camera's clock and its UTC offset. */
function takenAt({ exif }: ImageAnalysis): Date | undefined {
  if (!exif.takenAtLocal || !exif.takenAtUtcOffset) return undefined;
  const instant = new Date(`${exif.takenAtLocal}${exif.takenAtUtcOffset}`);
  return Number.isNaN(instant.getTime()) ? undefined : instant;
}

export interface ImageAnalysisOptions {
  /** Images analysed at a time: the analyzer's workers. */
  concurrency: number;
  /** The analyzer's pixel limit, kept when the image is made a JPEG for Moondream. */
  maxPixels: number;
  moondream?: MoondreamCaptioning;
}

async function analysisPayload(analysis: ImageAnalysis, moondream: MoondreamAnswer | undefined, sourceEventId: string, blobs: BlobStore): Promise<NewEvent<typeof imageAnalysis>['payload']> {
  const objects = analysis.objects ?? [];
  const faces = analysis.faces ?? [];
  const lines = analysis.text?.lines ?? [];
  const ocrText = (analysis.text?.text ?? '').slice(0, ocrTextMaxChars);
  const thumbnail = analysis.thumbnail;
  const thumbnailSha256 = await blobs.put(thumbnail.bytes);
  const when = takenAt(analysis);
  const { caption, source } = chooseCaption({ objectLabels: objects.map((o) => o.label), faceCount: faces.length, text: ocrText }, moondream);
  return {
    sourceEventId,
    caption,
    objects: [...new Set(objects.map((o) => o.label))],
    objectBoxes: objects,
    faces,
    gaze: faces.flatMap((face) => (face.gaze ? [face.gaze] : [])),
    textLines: lines,
    ...(ocrText ? { ocrText } : {}),
    thumbnail: { sha256: thumbnailSha256, byteSize: thumbnail.bytes.byteLength, mimeType: thumbnail.mimeType },
    widthPx: analysis.width,
    heightPx: analysis.height,
    ...(when ? { takenAt: when } : {}),
    model: provenance(source, analysis.models),
  };
}

/**
 * The handlers over a blob store and an analyzer opened on the first batch. An image that can never
 * be analysed (ImageRejected, or bytes missing from the blob store) is dead-lettered with its code;
 * any other failure throws, and the runtime retries.
 */
export function imageAnalysisHandlers(blobs: BlobStore, openAnalyzer: () => ImageAnalyzer, options: ImageAnalysisOptions): ConsumerHandlers<Image, typeof imageAnalysis> {
  const { concurrency } = options;
  let analyzer: ImageAnalyzer | undefined;
  return {
    async handle(events, context) {
      analyzer ??= openAnalyzer();
      const open = analyzer;
      const results: NewEvent<typeof imageAnalysis>[] = [];
      const rejected: Rejection<Image>[] = [];
      const analyseOne = async (event: (typeof events)[number]) => {
        const { image } = event.payload;
        const bytes = await blobs.get(image.sha256);
        if (!bytes) {
          rejected.push({ event, error: `${event.kind} ${event.id}: its image ${image.sha256} is not in the blob store: send the event again with the image` });
          return;
        }
        const moondreamAnswer = options.moondream ? askMoondream(bytes, options.maxPixels, options.moondream) : undefined;
        try {
          const analysis = await open.analyze(bytes, image.mimeType);
          // In-process Moondream's caption comes with the analysis; the endpoint's beside it.
          const answer = analysis.caption ?? (await moondreamAnswer);
          results.push({ deviceId: event.deviceId, time: event.time, payload: await analysisPayload(analysis, answer, event.id, blobs) });
        } catch (error) {
          if (!(error instanceof ImageRejected)) throw error;
          rejected.push({ event, error: `${event.kind} ${event.id}: ${error.code}: ${error.message}` });
        }
      };
      // As many images at a time as the analyzer has workers: more would only queue, bytes held in memory.
      for (let start = 0; start < events.length; start += concurrency) {
        await Promise.all(events.slice(start, start + concurrency).map(analyseOne));
      }
      if (results.length > 0) await context.emit(imageAnalysis, results);
      return { rejected };
    },
    async close() {
      await analyzer?.close();
    },
  };
}
