// Prometheus metrics of the screen consumer: what became of each keyframe, and the time of each stage.
import { Counter, Histogram } from 'prom-client';

export const screenFrames = new Counter({
  name: 'lifestream_screen_frames_total',
  help: 'Screen keyframes by outcome: analysed, skipped (came faster than they could be analysed), duplicate, rejected (dead-lettered).',
  labelNames: ['outcome'],
});

export const screenOcrSkipped = new Counter({
  name: 'lifestream_screen_ocr_skipped_total',
  help: 'Analysed keyframes whose text was not read again because nothing on screen changed.',
});

export const screenStageSeconds = new Histogram({
  name: 'lifestream_screen_stage_seconds',
  help: 'Time of each stage of a keyframe analysis (decode, compare, flow, objects, ocr, total).',
  labelNames: ['stage'],
  buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15],
});
