// What the consumers derive from raw events: speech, transcripts, image and video analyses,
// 3D reconstructions, inferred context and processed URLs. Each names the raw event it came from.
import { z } from 'zod';
import { defineKind } from '../event-kind.ts';
import { field, optional } from '../fields.ts';

const KiB = 1024;
const sourceEventId = () => field.string(256, { description: 'id of the raw event this result was derived from' });
const model = () => field.string(256, { description: 'model and version that produced it' });

/** Each word of a transcript, timed in ms from the start of its speech segment; confidence null where the model gives none. */
const transcriptWords = z.array(z.object({ word: z.string(), startMs: z.number(), endMs: z.number(), confidence: z.number().nullable() }));

export const speechSegment = defineKind({
  name: 'speechSegment',
  description: 'A stretch of a recording where voice activity detection heard speech; event time is its start.',
  topic: 'media.audio.vad_filtered',
  stage: 'processed',
  identity: ['fileId', 'segmentId'],
  fields: {
    fileId: field.string(128),
    segmentId: field.string(256),
    durationMs: field.int({ min: 0 }),
    probability: field.float({ min: 0, max: 1 }),
    audio: optional(field.blob(['audio/pcm', 'audio/wav'])),
    model: model(),
  },
  timeline: { lane: 'Audio', headline: (p) => `speech ${(p.durationMs / 1000).toFixed(1)} s` },
});

export const transcriptSegment = defineKind({
  name: 'transcriptSegment',
  description: 'The words spoken in one speech segment, each with start/end offsets and confidence.',
  topic: 'media.text.transcribed.words',
  stage: 'processed',
  identity: ['fileId', 'segmentId'],
  fields: {
    fileId: field.string(128),
    segmentId: field.string(256),
    text: field.string(64 * KiB),
    words: field.json({
      description: '[{ word, startMs, endMs, confidence }]',
      schema: transcriptWords,
      example: [{ word: 'hello', startMs: 0, endMs: 420, confidence: 0.93 }],
    }),
    language: optional(field.string(16)),
    model: model(),
  },
  timeline: { lane: 'Speech', headline: (p) => p.text, text: ['text'] },
});

/** A box in pixels of the image as seen (its EXIF orientation applied), origin top-left. */
const pixelBox = z.object({ x: z.number(), y: z.number(), width: z.number().min(0), height: z.number().min(0) });
const exampleBox = { x: 182.4, y: 64, width: 141.6, height: 176.8 };
const imageObjectBoxes = z.array(z.object({ label: z.string(), score: z.number().min(0).max(1), box: pixelBox }));
const faceGaze = z.object({ bearingRad: z.number(), strength: z.number().min(0) });
const imageFaces = z.array(
  z.object({
    box: pixelBox,
    score: z.number().min(0).max(1),
    ageYears: z.number().min(0).optional(),
    emotion: z.object({ label: z.string(), score: z.number().min(0).max(1) }).optional(),
    gaze: faceGaze.optional(),
  }),
);
const imageTextLines = z.array(z.object({ text: z.string(), confidence: z.number().min(0).max(1), box: pixelBox }));

export const imageAnalysis = defineKind({
  name: 'imageAnalysis',
  description: "What was found in a photo or screenshot: its text (OCR), objects and faces with gaze, a caption (Moondream's when configured, else composed from the findings), and a thumbnail.",
  topic: 'media.image.analysis.moondream_results',
  stage: 'processed',
  fields: {
    sourceEventId: sourceEventId(),
    caption: optional(field.string(4 * KiB)),
    objects: optional(field.stringList(256, 256)),
    gaze: optional(field.json({ description: "each face's gaze, in the order of faces: [{ bearingRad, strength }] (0 looks at the camera)", schema: z.array(faceGaze), example: [{ bearingRad: 0.42, strength: 0.058 }] })),
    ocrText: optional(field.string(64 * KiB)),
    model: field.string(KiB, { description: "the models behind each result, the caption's first; when Moondream was asked and failed, why" }),
    objectBoxes: optional(
      field.json({
        description: 'objects found: [{ label (COCO class), score, box: { x, y, width, height } }], box in pixels of the image',
        schema: imageObjectBoxes,
        example: [{ label: 'person', score: 0.6, box: exampleBox }],
      }),
    ),
    faces: optional(
      field.json({
        description: 'faces found: [{ box, score, ageYears?, emotion?: { label, score }, gaze?: { bearingRad, strength } }]',
        schema: imageFaces,
        example: [{ box: exampleBox, score: 0.93, ageYears: 29.3, emotion: { label: 'happy', score: 0.99 }, gaze: { bearingRad: 0.42, strength: 0.058 } }],
      }),
    ),
    textLines: optional(
      field.json({
        description: 'lines of text read (OCR), top to bottom: [{ text, confidence, box }]',
        schema: imageTextLines,
        example: [{ text: 'Quarterly budget review', confidence: 0.98, box: { x: 32, y: 88, width: 540, height: 40 } }],
      }),
    ),
    thumbnail: optional(field.blob(['image/webp'], { description: 'WebP, 320 px wide (smaller images keep their width)' })),
    widthPx: optional(field.int({ min: 1, description: 'width of the image as seen (EXIF orientation applied)' })),
    heightPx: optional(field.int({ min: 1, description: 'height of the image as seen' })),
    takenAt: optional(field.timestamp({ description: "when the photo was taken, by its EXIF clock and offset; absent when the EXIF block does not say both" })),
  },
  timeline: { lane: 'Photos', headline: (p) => p.caption ?? p.objects?.join(', ') ?? 'image analysis', text: ['caption', 'ocrText'] },
});

export const objectDetections = defineKind({
  name: 'objectDetections',
  description: 'Objects detected in a screen keyframe, with motion between frames from optical flow.',
  topic: 'media.video.analysis.yolo_results',
  stage: 'processed',
  fields: {
    sourceEventId: sourceEventId(),
    sessionId: field.string(128),
    frameIndex: field.int({ min: 0 }),
    detections: field.json({ description: '[{ label, confidence, box: { x, y, width, height } }]' }),
    meanFlowPx: optional(field.float({ min: 0 })),
    model: model(),
  },
  timeline: { lane: 'Screen', headline: (p) => `${Array.isArray(p.detections) ? p.detections.length : 0} objects` },
});

export const reconstruction3d = defineKind({
  name: 'reconstruction3d',
  description: 'A 3D reconstruction from a front/rear photo pair.',
  topic: 'analysis.3d_reconstruction.dustr_results',
  stage: 'processed',
  fields: {
    frontEventId: sourceEventId(),
    rearEventId: sourceEventId(),
    pointCount: field.int({ min: 0 }),
    pointCloud: optional(field.blob(['application/octet-stream', 'model/ply'], { maxBytes: 64 * 1024 * KiB })),
    model: model(),
  },
  timeline: { lane: 'Photos', headline: (p) => `3D scene, ${p.pointCount} points` },
});

export const inferredContext = defineKind({
  name: 'inferredContext',
  description: 'High-level context inferred from raw audio and photos (place, activity, people, food).',
  topic: 'analysis.inferred_context.qwen_results',
  stage: 'processed',
  fields: {
    sourceEventIds: field.stringList(64, 256),
    summary: field.string(4 * KiB),
    place: optional(field.string(256)),
    activity: optional(field.string(256)),
    people: optional(field.stringList(64, 256)),
    confidence: optional(field.float({ min: 0, max: 1 })),
    model: model(),
  },
  timeline: { lane: 'Context', headline: (p) => p.summary, text: ['summary', 'place', 'activity'] },
});

export const tweetArchive = defineKind({
  name: 'tweetArchive',
  description: 'A tweet fetched and archived from a URL task.',
  topic: 'task.url.processed.twitter_archived',
  stage: 'processed',
  fields: {
    sourceEventId: sourceEventId(),
    url: field.url(),
    tweetId: field.string(32),
    authorHandle: field.string(64),
    text: field.string(25 * KiB),
    media: optional(field.json()),
  },
  timeline: { lane: 'Links', headline: (p) => `@${p.authorHandle}: ${p.text.slice(0, 80)}`, text: ['text', 'authorHandle'] },
});

export const pdfExtract = defineKind({
  name: 'pdfExtract',
  description: 'Text and a summary extracted from a PDF behind a URL task.',
  topic: 'task.url.processed.pdf_extracted',
  stage: 'processed',
  fields: {
    sourceEventId: sourceEventId(),
    url: field.url(),
    title: optional(field.string(1_024)),
    pageCount: field.int({ min: 0 }),
    text: field.string(4 * 1024 * KiB),
    summary: optional(field.string(16 * KiB)),
  },
  timeline: { lane: 'Links', headline: (p) => p.title ?? p.url, text: ['title', 'text', 'summary'] },
});
