// The screen consumer: keyframes of screen sessions in (device.video.screen.raw), one
// objectDetections per analysed frame out (media.video.analysis.yolo_results) and one screenSession
// per closed session (media.video.analysis.screen_sessions). A session's frames are taken in
// frameIndex order: duplicates (redeliveries) are dropped, a frame older than one already taken or
// after the close is dead-lettered, a frame that does not decode is dead-lettered and the session
// goes on from the frame before it. Frames faster than they can be analysed are sampled
// (frame-sampling.ts) and counted. The session's state lives in the Cache, so any instance can take
// its next frame; it closes with its isLast frame or after the idle time.
import type { BlobStore } from '../../db/blob-store.ts';
import type { Cache } from '../../db/cache/port.ts';
import type { Event, NewEvent } from '../../schema/event.ts';
import { screenKeyframe } from '../../schema/kinds/media.ts';
import { objectDetections, screenSession } from '../../schema/kinds/processed.ts';
import { defineConsumer, type ConsumerContext, type ConsumerHandlers, type Rejection } from '../consumer.ts';
import { defaultDecodeOptions } from '../images/decode-image.ts';
import { ImageRejected } from '../images/image-rejected.ts';
import type { FrameAnalysis } from './analyze-frame.ts';
import { openFrameAnalyzer, type FrameAnalyzer } from './frame-analyzer.ts';
import { sampleFrames, type SamplingOptions } from './frame-sampling.ts';
import { resolveScreenDetector } from './screen-detector.ts';
import { screenFrames, screenOcrSkipped, screenStageSeconds } from './screen-metrics.ts';
import { deserializeSession, frameArrival, newSession, serializeSession, takeFrame, type ScreenSession } from './screen-session.ts';
import { joinedText } from './screen-text.ts';
import { assignTracks, endAllTracks } from './tracking.ts';

type Keyframe = Event<typeof screenKeyframe>;
type Out = typeof objectDetections | typeof screenSession;

/** The label moving regions are tracked under, apart from the detector's labels. */
export const movingRegionLabel = 'moving region';
/** A session unheard of this long is forgotten (a frame after that starts it anew). */
const sessionTtlS = 6 * 3_600;
const closeIdleEveryMs = 1_000;
const closeIdleBatch = 100;
const ocrTextMaxChars = 64 * 1024;

export interface ScreenSettings extends SamplingOptions {
  sessionIdleMs: number;
  /** Starts every Cache key: a session's state belongs to the consumer group that reads its frames. */
  keyPrefix: string;
}

export const screen = defineConsumer({
  name: 'screen',
  deployment: {
    cpuRequest: '1',
    memoryRequest: '1Gi',
    memoryLimit: '2Gi',
    note: 'Sessions live in Redis, so replicas share them; one worker thread (LIFESTREAM_SCREEN_WORKERS) holds about 500 MB of models.',
  },
  reads: [screenKeyframe],
  emits: [objectDetections, screenSession],
  start: ({ blobs, cache, config }) => {
    const detector = resolveScreenDetector(config.LIFESTREAM_SCREEN_DETECTOR, config.LIFESTREAM_SCREEN_DETECTOR_CLASSES, config.MODELS_DIR);
    return screenHandlers(
      blobs,
      cache,
      {
        sessionIdleMs: config.LIFESTREAM_SCREEN_SESSION_IDLE_S * 1000,
        minFrameIntervalMs: config.LIFESTREAM_SCREEN_MIN_FRAME_INTERVAL_MS,
        maxFramesPerBatch: config.LIFESTREAM_SCREEN_MAX_FRAMES_PER_BATCH,
        keyPrefix: config.LIFESTREAM_GROUP_PREFIX,
      },
      () => openFrameAnalyzer({ workers: config.LIFESTREAM_SCREEN_WORKERS, idleMs: config.LIFESTREAM_MODEL_IDLE_S * 1000, decode: { ...defaultDecodeOptions, maxPixels: config.LIFESTREAM_IMAGE_MAX_PIXELS }, detector }),
    );
  },
});

const describeModels = (models: FrameAnalysis['models']) => {
  const used = Object.entries(models).map(([stage, model]) => `${stage}: ${model}`);
  return used.length > 0 ? used.join('; ') : 'unchanged frame: compared with the previous one, nothing else run';
};

function sessionResult(session: ScreenSession): NewEvent<typeof screenSession> {
  return {
    deviceId: session.deviceId,
    time: new Date(session.startedAtMs),
    payload: {
      sessionId: session.sessionId,
      closedBy: session.closedBy ?? 'END',
      endedAt: new Date(session.lastFrameAtMs),
      frames: session.frames,
      analysedFrames: session.analysedFrames,
      skippedFrames: session.skippedFrames,
      ocrRuns: session.ocrRuns,
      ocrSkippedFrames: session.ocrSkippedFrames,
    },
  };
}

/** Folds one frame's analysis into its session (tracks, what the screen shows, counts) and gives its objectDetections. */
function record(session: ScreenSession, frame: Keyframe, analysis: FrameAnalysis): NewEvent<typeof objectDetections> {
  session.analysedFrames++;
  session.lastAnalysedAtMs = frame.time.getTime();
  session.previous = analysis.gray;
  if (analysis.ocr === 'SKIPPED') {
    session.ocrSkippedFrames++;
    screenOcrSkipped.inc();
  } else session.ocrRuns++;
  if (analysis.sceneCut) session.tracks = endAllTracks(session.tracks);
  let movingRegions: NewEvent<typeof objectDetections>['payload']['movingRegions'] = [];
  if (analysis.objects) {
    const candidates = [
      ...analysis.objects.map((object) => ({ label: object.label, box: object.box, confidence: object.score, dxPx: 0, dyPx: 0 })),
      ...(analysis.motion?.regions ?? []).map((region) => ({ label: movingRegionLabel, box: region.box, confidence: 1, dxPx: region.dxPx, dyPx: region.dyPx })),
    ];
    const tracked = assignTracks(session.tracks, candidates);
    session.tracks = tracked.tracks;
    session.objects = tracked.detections.filter((d) => d.label !== movingRegionLabel).map(({ label, confidence, box, trackId }) => ({ label, confidence, box, trackId }));
    movingRegions = tracked.detections.filter((d) => d.label === movingRegionLabel).map(({ box, dxPx, dyPx, trackId }) => ({ box, dxPx: Math.round(dxPx * 100) / 100, dyPx: Math.round(dyPx * 100) / 100, trackId }));
  }
  session.textLines = analysis.textLines;
  const ocrText = joinedText(analysis.textLines).slice(0, ocrTextMaxChars);
  for (const [stage, ms] of Object.entries(analysis.timingsMs)) screenStageSeconds.observe({ stage }, ms / 1000);
  const { payload } = frame;
  return {
    deviceId: frame.deviceId,
    time: frame.time,
    payload: {
      sourceEventId: frame.id,
      sessionId: payload.sessionId,
      frameIndex: payload.frameIndex,
      detections: session.objects,
      movingRegions,
      ...(analysis.motion ? { meanFlowPx: analysis.motion.meanFlowPx } : {}),
      changedFraction: analysis.changedFraction,
      sceneCut: analysis.sceneCut,
      ocr: analysis.ocr,
      textLines: analysis.textLines,
      ...(ocrText ? { ocrText } : {}),
      skippedFrames: session.skippedFrames,
      image: payload.image,
      widthPx: analysis.width,
      heightPx: analysis.height,
      model: describeModels(analysis.models),
    },
  };
}

/**
 * The handlers over a blob store, the Cache and an analyzer opened on the first batch. Frames that
 * can never be analysed are returned as rejections; anything else that fails throws, and the runtime retries.
 */
export function screenHandlers(blobs: BlobStore, cache: Cache, settings: ScreenSettings, openAnalyzer: () => FrameAnalyzer): ConsumerHandlers<typeof screenKeyframe, Out> {
  let analyzer: FrameAnalyzer | undefined;
  const stateKey = (deviceId: string, sessionId: string) => `${settings.keyPrefix}:screen:${deviceId}:${sessionId}`;
  /** The schedule of open sessions, by when they close if no frame comes. */
  const openSessions = `${settings.keyPrefix}:screen:open`;
  // Frames and the idle check touch the same sessions: in this process one at a time.
  let turn: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(work: () => Promise<T>): Promise<T> => {
    const result = turn.then(work);
    turn = result.catch(() => {});
    return result;
  };

  async function save(key: string, session: ScreenSession): Promise<void> {
    await cache.set(key, serializeSession(session), sessionTtlS);
    if (session.closedBy) await cache.unschedule(openSessions, key);
    else await cache.schedule(openSessions, key, Date.now() + settings.sessionIdleMs);
  }

  async function takeSession(session: ScreenSession, frames: Keyframe[], output: { detections: NewEvent<typeof objectDetections>[]; rejected: Rejection<typeof screenKeyframe>[] }): Promise<void> {
    // Wrapped, not copied: the runtime matches rejections to its events by identity.
    const fresh: { frame: Keyframe; timeMs: number }[] = [];
    for (const frame of frames.sort((a, b) => a.payload.frameIndex - b.payload.frameIndex)) {
      const { frameIndex } = frame.payload;
      const arrival = frameArrival(session, frameIndex);
      if (arrival === 'next' && fresh.some((f) => f.frame.payload.frameIndex === frameIndex)) {
        screenFrames.inc({ outcome: 'duplicate' });
        continue;
      }
      if (arrival === 'duplicate') {
        screenFrames.inc({ outcome: 'duplicate' });
        continue;
      }
      if (arrival === 'out-of-order') {
        screenFrames.inc({ outcome: 'rejected' });
        output.rejected.push({ event: frame, error: `screen keyframe ${frameIndex} of session ${session.sessionId} came after frame ${session.lastFrameIndex} was taken; frames are analysed in order, send them in frameIndex order` });
        continue;
      }
      if (arrival === 'closed') {
        screenFrames.inc({ outcome: 'rejected' });
        const why = session.closedBy === 'END' ? 'its last frame' : `no frame for ${settings.sessionIdleMs / 1000} s`;
        output.rejected.push({ event: frame, error: `screen keyframe ${frameIndex} of session ${session.sessionId} came after the session closed (${why}); send a new sessionId for a new recording` });
        continue;
      }
      fresh.push({ frame, timeMs: frame.time.getTime() });
    }
    const { analysed, skipped } = sampleFrames(fresh, session.lastAnalysedAtMs, settings);
    const chosen = new Set(analysed);
    for (const taken of fresh) {
      const { frame } = taken;
      takeFrame(session, frame.payload.frameIndex, taken.timeMs);
      if (!chosen.has(taken)) {
        session.skippedFrames++;
        continue;
      }
      const { image } = frame.payload;
      const bytes = await blobs.get(image.sha256);
      if (!bytes) {
        screenFrames.inc({ outcome: 'rejected' });
        output.rejected.push({ event: frame, error: `screenKeyframe ${frame.id}: its image ${image.sha256} is not in the blob store: send the frame again with the image` });
        continue;
      }
      analyzer ??= openAnalyzer();
      try {
        const analysis = await analyzer.analyze(bytes, image.mimeType, session.previous, session.textLines);
        output.detections.push(record(session, frame, analysis));
        screenFrames.inc({ outcome: 'analysed' });
      } catch (error) {
        if (!(error instanceof ImageRejected)) throw error;
        screenFrames.inc({ outcome: 'rejected' });
        output.rejected.push({ event: frame, error: `screenKeyframe ${frame.id} (frame ${frame.payload.frameIndex} of session ${session.sessionId}): ${error.code}: ${error.message}` });
      }
    }
    screenFrames.inc({ outcome: 'skipped' }, skipped.length);
    if (fresh.some(({ frame }) => frame.payload.isLast)) session.closedBy = 'END';
  }

  async function emitClosed(context: ConsumerContext<Out>, sessions: Iterable<ScreenSession>): Promise<void> {
    const closed = [...sessions].filter((session) => session.closedBy).map(sessionResult);
    if (closed.length > 0) await context.emit(screenSession, closed);
  }

  return {
    handle: (events, context) =>
      oneAtATime(async () => {
        const bySession = new Map<string, Keyframe[]>();
        for (const frame of events) {
          const key = stateKey(frame.deviceId, frame.payload.sessionId);
          bySession.set(key, [...(bySession.get(key) ?? []), frame]);
        }
        const output = { detections: [] as NewEvent<typeof objectDetections>[], rejected: [] as Rejection<typeof screenKeyframe>[] };
        const sessions = new Map<string, ScreenSession>();
        const closedBefore = new Set<string>();
        for (const [key, frames] of bySession) {
          const saved = await cache.get(key);
          const first = frames[0]!;
          const session = saved ? deserializeSession(saved) : newSession(first.deviceId, first.payload.sessionId, Math.min(...frames.map((frame) => frame.time.getTime())));
          if (session.closedBy) closedBefore.add(key);
          await takeSession(session, frames, output);
          sessions.set(key, session);
        }
        // Results first, state second: a crash in between repeats results (same ids), never loses them.
        if (output.detections.length > 0) await context.emit(objectDetections, output.detections);
        await emitClosed(context, [...sessions].filter(([key]) => !closedBefore.has(key)).map(([, session]) => session));
        for (const [key, session] of sessions) await save(key, session);
        return { rejected: output.rejected };
      }),
    periodic: {
      everyMs: closeIdleEveryMs,
      run: (context) =>
        oneAtATime(async () => {
          const keys = await cache.takeDue(openSessions, Date.now(), closeIdleBatch);
          const closing: [string, ScreenSession][] = [];
          for (const key of keys) {
            const saved = await cache.get(key);
            if (!saved) continue;
            const session = deserializeSession(saved);
            if (session.closedBy) continue;
            session.closedBy = 'IDLE';
            closing.push([key, session]);
          }
          try {
            await emitClosed(context, closing.map(([, session]) => session));
            for (const [key, session] of closing) await save(key, session);
          } catch (error) {
            // Closed next time round, from the state as it was.
            await Promise.all(keys.map((key) => cache.schedule(openSessions, key, Date.now())));
            throw error;
          }
        }),
    },
    async close() {
      await analyzer?.close();
    },
  };
}
