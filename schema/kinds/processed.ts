// What the consumers derive from raw events: speech, transcripts, image and video analyses,
// 3D reconstructions, inferred context and processed URLs. Each names the raw event it came from.
import { z } from 'zod';
import { defineKind } from '../event-kind.ts';
import { field, optional } from '../fields.ts';
import { imageTypes } from '../image-types.ts';

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

/** The shapes of an imageAnalysis' JSON fields, for readers of them (the web app draws them). */
export type PixelBox = z.infer<typeof pixelBox>;
export type ImageObjectBox = z.infer<typeof imageObjectBoxes>[number];
export type ImageFace = z.infer<typeof imageFaces>[number];
export type ImageTextLine = z.infer<typeof imageTextLines>[number];

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

const trackedObjects = z.array(z.object({ label: z.string(), confidence: z.number().min(0).max(1), box: pixelBox, trackId: z.number().int().min(1) }));
const movingRegions = z.array(z.object({ box: pixelBox, dxPx: z.number(), dyPx: z.number(), trackId: z.number().int().min(1) }));

export const objectDetections = defineKind({
  name: 'objectDetections',
  description: 'What one analysed keyframe of a screen session shows: objects with track ids kept across frames, motion from optical flow, scene cuts, and the text on screen (read again only where the frame changed).',
  topic: 'media.video.analysis.yolo_results',
  stage: 'processed',
  identity: ['sessionId', 'frameIndex'],
  fields: {
    sourceEventId: sourceEventId(),
    sessionId: field.string(128),
    frameIndex: field.int({ min: 0 }),
    detections: field.json({
      description: 'objects found: [{ label, confidence, box: { x, y, width, height }, trackId }], box in pixels of the frame; the same trackId across frames is the same object',
      schema: trackedObjects,
      example: [{ label: 'person', confidence: 0.61, box: exampleBox, trackId: 3 }],
    }),
    movingRegions: optional(
      field.json({
        description: 'regions that moved since the previous analysed frame (optical flow): [{ box, dxPx, dyPx, trackId }], the motion in pixels of the frame',
        schema: movingRegions,
        example: [{ box: exampleBox, dxPx: 24.2, dyPx: -0.3, trackId: 1 }],
      }),
    ),
    meanFlowPx: optional(field.float({ min: 0, description: 'mean optical flow magnitude over the whole frame, in pixels of the frame' })),
    changedFraction: field.float({ min: 0, max: 1, description: 'share of the frame that differs from the previous analysed frame (1 for the first frame)' }),
    sceneCut: field.boolean({ description: 'the frame shows another scene than the previous one (most of it changed): tracks start afresh' }),
    ocr: field.enum(['FULL', 'CHANGED_REGION', 'SKIPPED'], { description: 'what the OCR read: the whole frame, only the part that changed, or nothing (the frame did not change)' }),
    textLines: optional(
      field.json({
        description: 'the text on screen in this frame, top to bottom: [{ text, confidence, box }], lines outside the changed part carried from earlier frames',
        schema: imageTextLines,
        example: [{ text: 'Quarterly budget review', confidence: 0.98, box: { x: 32, y: 88, width: 540, height: 40 } }],
      }),
    ),
    ocrText: optional(field.string(64 * KiB, { description: 'the lines of textLines joined by line breaks; searched by timeline(text:)' })),
    skippedFrames: field.int({ min: 0, description: 'frames of the session skipped so far because they came faster than they could be analysed' }),
    image: field.blob(imageTypes, { description: 'the keyframe itself (the screenKeyframe\'s image)' }),
    widthPx: field.int({ min: 1 }),
    heightPx: field.int({ min: 1 }),
    model: model(),
  },
  timeline: {
    lane: 'Screen',
    headline: (p) => `screen ${p.sessionId} frame ${p.frameIndex}: ${p.detections.length} objects${p.ocrText ? `, text: ${p.ocrText.split('\n')[0]?.slice(0, 80)}` : ''}`,
    text: ['ocrText'],
  },
});

export const screenSession = defineKind({
  name: 'screenSession',
  description: 'A screen session as a whole once it closed (its last frame, or idle time): how many frames came, were analysed, skipped, refused, and how often the OCR ran. Event time is its first frame.',
  topic: 'media.video.analysis.screen_sessions',
  stage: 'processed',
  identity: ['sessionId'],
  fields: {
    sessionId: field.string(128),
    closedBy: field.enum(['END', 'IDLE'], { description: 'the agent sent its last frame, or no frame came for LIFESTREAM_SCREEN_SESSION_IDLE_S' }),
    endedAt: field.timestamp({ description: 'time of its last frame' }),
    frames: field.int({ min: 0, description: 'frames taken into the session' }),
    analysedFrames: field.int({ min: 0 }),
    skippedFrames: field.int({ min: 0, description: 'frames sampled out because they came faster than they could be analysed' }),
    ocrRuns: field.int({ min: 0, description: 'analysed frames whose text was read (whole or changed part)' }),
    ocrSkippedFrames: field.int({ min: 0, description: 'analysed frames that did not change, so nothing was read' }),
  },
  timeline: { lane: 'Screen', headline: (p) => `screen session ${p.sessionId}: ${p.analysedFrames} frames analysed, ${p.skippedFrames} skipped` },
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

/** How a URL task's content was fetched: what a reader needs to trust the archive. */
const fetchRecord = () => ({
  sourceEventId: sourceEventId(),
  url: field.url({ format: 'urlOrData', maxLength: 8 * KiB, description: "the task's URL (a data: URL shortened to its media type)" }),
  finalUrl: optional(field.url({ description: 'where the last redirect led; absent for data: URLs' })),
  httpStatus: optional(field.int({ min: 100, max: 599, description: 'HTTP status of the final response; absent for data: URLs' })),
  contentSha256: field.string(64, { description: 'sha256 of the bytes fetched (the tweet: of its embed data), lower-case hex' }),
});

/** What summarised the text: a model behind an OpenAI-compatible endpoint, or the extractive summary computed here. */
const summaryFields = () => ({
  summary: optional(field.string(16 * KiB)),
  summaryMethod: optional(field.enum(['MODEL', 'EXTRACTIVE'], { description: 'MODEL: written by summaryModel; EXTRACTIVE: sentences of the text picked here' })),
  summaryModel: optional(field.string(256, { description: 'the model that wrote the summary (MODEL only)' })),
});

const archivedMedia = z.array(
  z.object({
    type: z.enum(['photo', 'video', 'animated_gif']),
    sourceUrl: z.string(),
    blob: z.object({ sha256: z.string(), byteSize: z.number().int().min(0), mimeType: z.string() }).optional(),
    widthPx: z.number().int().min(0).optional(),
    heightPx: z.number().int().min(0).optional(),
    notArchivedReason: z.string().optional(),
  }),
);
const quotedTweet = z.object({ tweetId: z.string(), authorHandle: z.string(), authorName: z.string().optional(), text: z.string(), postedAt: z.string().optional(), media: archivedMedia.optional() });

export const tweetArchive = defineKind({
  name: 'tweetArchive',
  description: "A tweet archived from a URL task, from the public embed data its URL serves: text, author, time, media kept in the blob store, the quoted tweet.",
  topic: 'task.url.processed.twitter_archived',
  stage: 'processed',
  fields: {
    ...fetchRecord(),
    tweetId: field.string(32),
    authorHandle: field.string(64),
    authorName: optional(field.string(256)),
    postedAt: optional(field.timestamp({ description: 'when it was posted, by the embed data' })),
    language: optional(field.string(16)),
    text: field.string(25 * KiB),
    media: optional(
      field.json({
        description: 'photos and videos: [{ type, sourceUrl, blob?: { sha256, byteSize, mimeType }, widthPx?, heightPx?, notArchivedReason? }], blob in the blob store (/blobs/<sha256>)',
        schema: archivedMedia,
        example: [{ type: 'photo', sourceUrl: 'https://pbs.twimg.com/media/abc.jpg', blob: { sha256: 'a'.repeat(64), byteSize: 48_213, mimeType: 'image/jpeg' }, widthPx: 1200, heightPx: 800 }],
      }),
    ),
    quotedTweet: optional(
      field.json({ description: 'the tweet it quotes: { tweetId, authorHandle, authorName?, text, postedAt?, media? }', schema: quotedTweet, example: { tweetId: '20', authorHandle: 'jack', text: 'just setting up my twttr' } }),
    ),
  },
  timeline: { lane: 'Links', headline: (p) => `@${p.authorHandle}: ${p.text.slice(0, 80)}`, text: ['text', 'authorHandle', 'authorName'] },
});

const pdfPages = z.array(z.object({ page: z.number().int().min(1), text: z.string(), ocr: z.boolean().optional() }));
type OutlineEntry = { title: string; page?: number; items?: OutlineEntry[] };
const pdfOutline: z.ZodType<OutlineEntry[]> = z.array(z.object({ title: z.string(), page: z.number().int().min(1).optional(), get items() { return pdfOutline.optional(); } }));

export const pdfExtract = defineKind({
  name: 'pdfExtract',
  description: 'The text of a PDF behind a URL task (per page), its title, metadata and outline, a summary, and the PDF itself kept in the blob store.',
  topic: 'task.url.processed.pdf_extracted',
  stage: 'processed',
  fields: {
    ...fetchRecord(),
    title: optional(field.string(1_024)),
    author: optional(field.string(1_024)),
    pageCount: field.int({ min: 0 }),
    text: field.string(4 * 1024 * KiB),
    pages: optional(field.json({ description: 'the text of each page: [{ page, text, ocr? }] (ocr: read from the page image, it had no text layer)', schema: pdfPages, maxBytes: 4 * 1024 * KiB + 64 * KiB, example: [{ page: 1, text: 'Quarterly report' }] })),
    metadata: optional(field.json({ description: "the document's info dictionary (Producer, CreationDate, ...) and PDF version", schema: z.record(z.string(), z.string()), example: { Producer: 'PDFKit', PDFFormatVersion: '1.3' } })),
    outline: optional(field.json({ description: 'bookmarks: [{ title, page?, items? }]', schema: pdfOutline, example: [{ title: 'Introduction', page: 1 }] })),
    document: optional(field.blob(['application/pdf'], { maxBytes: 64 * 1024 * KiB, description: 'the PDF as fetched' })),
    ...summaryFields(),
  },
  timeline: { lane: 'Links', headline: (p) => p.title ?? p.url, text: ['title', 'text', 'summary', 'author'] },
});

export const webArticle = defineKind({
  name: 'webArticle',
  description: 'The readable article of a web page behind a URL task (title, byline, site, language, main image, text), a summary, and a snapshot of its HTML kept in the blob store.',
  topic: 'task.url.processed.article_extracted',
  stage: 'processed',
  fields: {
    ...fetchRecord(),
    title: optional(field.string(1_024)),
    byline: optional(field.string(1_024)),
    siteName: optional(field.string(1_024)),
    language: optional(field.string(35, { description: 'BCP 47 tag the page declares (html lang)' })),
    excerpt: optional(field.string(4 * KiB)),
    mainImageUrl: optional(field.url({ description: "the page's main image (og:image or the article's first)" })),
    publishedAt: optional(field.timestamp({ description: 'when the page says it was published' })),
    text: field.string(4 * 1024 * KiB),
    snapshot: field.blob(['text/html'], { maxBytes: 64 * 1024 * KiB, description: 'the HTML as fetched' }),
    ...summaryFields(),
  },
  timeline: { lane: 'Links', headline: (p) => p.title ?? p.url, text: ['title', 'text', 'summary', 'byline', 'siteName'] },
});
