// Audio and images captured by devices; the bytes go to the blob store, the event keeps the reference.
import { defineKind } from '../event-kind.ts';
import { field, optional } from '../fields.ts';
import { imageTypes } from '../image-types.ts';

const audioEncodings = ['PCM_S16LE', 'OPUS', 'AAC', 'MP3', 'FLAC', 'WAV'] as const;

export const audioChunk = defineKind({
  name: 'audioChunk',
  description: 'A chunk of microphone audio belonging to one recording (fileId), in order by seq.',
  topic: 'device.audio.raw',
  stage: 'raw',
  fields: {
    fileId: field.string(128),
    seq: field.int({ min: 0, max: 10_000_000 }),
    encoding: field.enum(audioEncodings),
    sampleRateHz: field.int({ min: 8_000, max: 192_000 }),
    channels: field.int({ min: 1, max: 8 }),
    durationMs: field.int({ min: 1, max: 600_000 }),
    audio: field.blob(['audio/pcm', 'audio/ogg', 'audio/aac', 'audio/mpeg', 'audio/flac', 'audio/wav', 'audio/mp4', 'audio/webm']),
    isLast: optional(field.boolean({ description: 'The device closed the recording with this chunk.' })),
  },
  timeline: { lane: 'Audio', headline: (p) => `audio ${p.fileId} #${p.seq} (${p.durationMs} ms)` },
  retentionDays: 30,
});

export const screenKeyframe = defineKind({
  name: 'screenKeyframe',
  description: 'A keyframe of a screen recording session.',
  topic: 'device.video.screen.raw',
  stage: 'raw',
  fields: {
    sessionId: field.string(128),
    frameIndex: field.int({ min: 0 }),
    widthPx: field.int({ min: 1, max: 16_384 }),
    heightPx: field.int({ min: 1, max: 16_384 }),
    image: field.blob(imageTypes),
    isLast: optional(field.boolean({ description: 'The agent ended the session with this frame; later frames of the session are refused.' })),
  },
  timeline: { lane: 'Screen', headline: (p) => `screen ${p.sessionId} frame ${p.frameIndex}` },
  retentionDays: 30,
});

export const cameraPhoto = defineKind({
  name: 'cameraPhoto',
  description: 'A periodic photo from the front or rear camera; pairs close in time feed 3D reconstruction.',
  topic: 'device.image.camera.raw',
  stage: 'raw',
  fields: {
    camera: field.enum(['FRONT', 'REAR', 'WEBCAM']),
    widthPx: field.int({ min: 1, max: 16_384 }),
    heightPx: field.int({ min: 1, max: 16_384 }),
    image: field.blob(imageTypes),
  },
  timeline: { lane: 'Photos', headline: (p) => `${p.camera.toLowerCase()} camera photo` },
});

export const screenshot = defineKind({
  name: 'screenshot',
  description: 'A screenshot taken on a device.',
  topic: 'device.image.camera.raw',
  stage: 'raw',
  fields: {
    widthPx: field.int({ min: 1, max: 16_384 }),
    heightPx: field.int({ min: 1, max: 16_384 }),
    appName: optional(field.string(256)),
    image: field.blob(imageTypes),
  },
  timeline: { lane: 'Photos', headline: (p) => `screenshot${p.appName ? ` of ${p.appName}` : ''}`, text: ['appName'] },
});
