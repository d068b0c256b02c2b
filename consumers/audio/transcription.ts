// The transcription consumer: speech segments in (media.audio.vad_filtered), their words out
// (media.text.transcribed.words), each word timed from the segment's start. The recognizer is
// loaded on the first batch; which one is a matter of the models installed (see models/).
import type { BlobStore } from '../../db/blob-store.ts';
import { deriveEventId } from '../../schema/event-id.ts';
import type { BlobRef, Envelope } from '../../schema/envelope.ts';
import { speechSegment, transcriptSegment } from '../../schema/kinds/processed.ts';
import type { ConsumerDefinition, Rejection } from '../consumer.ts';
import { decodeChunk } from './decode-audio.ts';
import { AudioDecodeError, vadSampleRate } from './pcm.ts';
import { wordsOf, type SpeechRecognizer } from './recognizer.ts';
import { segmentPadMs } from './vad.ts';

export function transcriptionConsumer(blobs: BlobStore, loadRecognizer: () => Promise<SpeechRecognizer>): ConsumerDefinition {
  let recognizer: Promise<SpeechRecognizer> | undefined;
  return {
    name: 'transcription',
    inputTopics: [speechSegment.topic],
    outputTopics: [transcriptSegment.topic],
    async handle(envelopes, context) {
      const model = await (recognizer ??= loadRecognizer());
      const transcripts: Envelope[] = [];
      const rejected: Rejection[] = [];
      for (const envelope of envelopes) {
        if (envelope.kind !== speechSegment.name) continue;
        const { fileId, segmentId, durationMs, audio } = envelope.payload as { fileId: string; segmentId: string; durationMs: number; audio?: BlobRef };
        const bytes = audio ? await blobs.get(audio.sha256) : undefined;
        if (!bytes) {
          rejected.push({ envelope, error: `speech segment ${segmentId} has no audio in the blob store` });
          continue;
        }
        let samples: Float32Array;
        try {
          samples = await decodeChunk(bytes, { encoding: 'WAV', sampleRateHz: vadSampleRate, channels: 1 });
        } catch (error) {
          if (!(error instanceof AudioDecodeError)) throw error;
          rejected.push({ envelope, error: `speech segment ${segmentId}: ${error.message}` });
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
        const time = new Date(envelope.time);
        transcripts.push({
          id: deriveEventId(transcriptSegment.name, envelope.deviceId, time, { fileId, segmentId }),
          kind: transcriptSegment.name,
          deviceId: envelope.deviceId,
          time: envelope.time,
          receivedAt: new Date().toISOString(),
          payload,
        });
      }
      if (transcripts.length > 0) await context.emit(transcriptSegment.topic, transcripts);
      return { rejected };
    },
  };
}
