// The transcription consumer: speech segments in (media.audio.vad_filtered), their words out
// (media.text.transcribed.words), each word timed from the segment's start. The recognizer runs in
// a worker thread, loaded with the first batch and ended after LIFESTREAM_MODEL_IDLE_S without one;
// which model is a matter of the models installed (see models/).
import type { BlobStore } from '../../db/blob-store.ts';
import type { Event, NewEvent } from '../../schema/event.ts';
import { speechSegment, transcriptSegment } from '../../schema/kinds/processed.ts';
import { ConsumerUnavailable, defineConsumer, type ConsumerContext, type ConsumerHandlers, type Rejection } from '../consumer.ts';
import { defaultModelIdleMs, modelOnUse } from '../model-on-use.ts';
import { decodeChunk } from './decode-audio.ts';
import { AudioDecodeError, vadSampleRate } from './pcm.ts';
import { wordsOf, type SpeechRecognizer } from './recognizer.ts';
import { installedSpeechModel, missingSpeechModel, nvidiaGpuPresent, speechProvider } from './sherpa-recognizer.ts';
import { openSpeechWorker } from './speech-in-worker.ts';
import { segmentPadMs } from './vad.ts';

export const transcription = defineConsumer({
  name: 'transcription',
  deployment: {
    cpuRequest: '1',
    memoryRequest: '1Gi',
    memoryLimit: '3Gi',
    gpus: 0,
    note: 'GPUs to ask for (nvidia.com/gpu); 0 runs on the CPU. See docs/audio.md, "On a GPU".',
  },
  reads: [speechSegment],
  emits: [transcriptSegment],
  unavailable: (config) => (installedSpeechModel(config.MODELS_DIR) ? undefined : missingSpeechModel(config.MODELS_DIR)),
  start: ({ blobs, config }) => {
    const model = installedSpeechModel(config.MODELS_DIR);
    if (!model) throw new ConsumerUnavailable(missingSpeechModel(config.MODELS_DIR));
    const provider = speechProvider(config.LIFESTREAM_SPEECH_PROVIDER, nvidiaGpuPresent());
    const idleMs = config.LIFESTREAM_MODEL_IDLE_S * 1000;
    return transcriptionHandlers(blobs, () => openSpeechWorker({ model, language: config.LIFESTREAM_SPEECH_LANGUAGE, provider }, idleMs), idleMs);
  },
});

/** The recognizer is loaded with the first segment and released after modelIdleMs with none. */
export function transcriptionHandlers(
  blobs: BlobStore,
  loadRecognizer: () => Promise<SpeechRecognizer>,
  modelIdleMs = defaultModelIdleMs,
): ConsumerHandlers<typeof speechSegment, typeof transcriptSegment> {
  const recognizer = modelOnUse(loadRecognizer, modelIdleMs);
  return {
    handle: (events, context) => recognizer.use((model) => transcribe(events, context, model)),
    close: () => recognizer.release(),
  };

  async function transcribe(events: readonly Event<typeof speechSegment>[], context: ConsumerContext<typeof transcriptSegment>, model: SpeechRecognizer): Promise<{ rejected: Rejection<typeof speechSegment>[] }> {
    const transcripts: NewEvent<typeof transcriptSegment>[] = [];
    const rejected: Rejection<typeof speechSegment>[] = [];
    for (const segment of events) {
      const { fileId, segmentId, durationMs, audio } = segment.payload;
      const bytes = audio ? await blobs.get(audio.sha256) : undefined;
      if (!bytes) {
        rejected.push({ event: segment, error: `speech segment ${segmentId} has no audio in the blob store` });
        continue;
      }
      let samples: Float32Array;
      try {
        samples = await decodeChunk(bytes, { encoding: 'WAV', sampleRateHz: vadSampleRate, channels: 1 });
      } catch (error) {
        if (!(error instanceof AudioDecodeError)) throw error;
        rejected.push({ event: segment, error: `speech segment ${segmentId}: ${error.message}` });
        continue;
      }
      const recognition = await model.recognize(samples);
      if (recognition.text.trim() === '') continue;
      // The segment's audio starts segmentPadMs before the segment: words are timed from the segment,
      // and those heard in the pads either side of it are put at its edges.
      const tokens = recognition.tokens.map((t) => ({ ...t, startMs: Math.min(durationMs, Math.max(0, t.startMs - segmentPadMs)) }));
      const payload = {
        fileId,
        segmentId,
        text: recognition.text.trim(),
        words: wordsOf(tokens, durationMs),
        ...(recognition.language ? { language: recognition.language } : {}),
        model: model.model,
      };
      transcripts.push({ deviceId: segment.deviceId, time: segment.time, payload });
    }
    if (transcripts.length > 0) await context.emit(transcriptSegment, transcripts);
    return { rejected };
  }
}
