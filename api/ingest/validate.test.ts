import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { calendarEvent, webVisit } from '../../schema/kinds/digital.ts';
import { heartRate } from '../../schema/kinds/device-state.ts';
import { audioChunk } from '../../schema/kinds/media.ts';
import { validateEvents } from './validate.ts';

const now = new Date('2026-06-01T12:00:00Z');
const limits = { now, maxFutureSkewMs: 5 * 60_000 };
const at = (iso: string) => new Date(iso);

describe('ingest validation', () => {
  it('accepts good events beside bad ones and names index, kind, field and value of each bad one', () => {
    const { valid, rejected } = validateEvents(
      [
        { kind: heartRate, input: { deviceId: 'watch', time: at('2026-06-01T11:00:00Z'), bpm: 61 } },
        { kind: heartRate, input: { deviceId: 'watch', time: at('2026-06-01T11:00:01Z'), bpm: -4 } },
        { kind: heartRate, input: { deviceId: 'watch', time: at('2026-06-01T11:00:02Z'), bpm: 62 } },
      ],
      limits,
    );
    assert.deepEqual(valid.map((v) => v.index), [0, 2]);
    assert.equal(rejected.length, 1);
    assert.equal(rejected[0]?.message, 'event 1 (heartRate): bpm must be 20–300, got -4');
    assert.equal(rejected[0]?.field, 'bpm');
  });

  it('refuses a time far in the future unless the kind allows it', () => {
    const future = at('2026-06-02T12:00:00Z');
    const { rejected } = validateEvents([{ kind: heartRate, input: { deviceId: 'w', time: future, bpm: 60 } }], limits);
    assert.equal(rejected[0]?.code, 'TIME_OUT_OF_RANGE');
    assert.match(rejected[0]?.message ?? '', /is in the future/);
    const meeting = { deviceId: 'laptop', time: future, calendarEventId: 'c1', title: 'Standup', endTime: future };
    assert.equal(validateEvents([{ kind: calendarEvent, input: meeting }], limits).valid.length, 1);
  });

  it('refuses oversized strings, non-http URLs and bad device ids', () => {
    const { rejected } = validateEvents(
      [
        { kind: webVisit, input: { deviceId: 'laptop', time: now, url: 'https://example.com', title: 'x'.repeat(2000) } },
        { kind: webVisit, input: { deviceId: 'laptop', time: now, url: 'javascript:alert(1)' } },
        { kind: webVisit, input: { deviceId: 'bad device', time: now, url: 'https://example.com' } },
      ],
      limits,
    );
    assert.deepEqual(
      rejected.map((r) => [r.index, r.field]),
      [
        [0, 'title'],
        [1, 'url'],
        [2, 'deviceId'],
      ],
    );
    assert.match(rejected[0]?.message ?? '', /at most 1024 characters, got 2000/);
  });

  it('checks blob encoding and mime type', () => {
    const chunk = { deviceId: 'phone', time: now, fileId: 'f', seq: 0, encoding: 'PCM_S16LE', sampleRateHz: 16000, channels: 1, durationMs: 10 };
    const { rejected } = validateEvents(
      [
        { kind: audioChunk, input: { ...chunk, audio: { base64: 'not base64!', mimeType: 'audio/pcm' } } },
        { kind: audioChunk, input: { ...chunk, audio: { base64: 'AAAA', mimeType: 'video/mp4' } } },
      ],
      limits,
    );
    assert.deepEqual(rejected.map((r) => r.field), ['audio.base64', 'audio.mimeType']);
  });

  it('derives the same id for the same content, and keeps a client id', () => {
    const input = { deviceId: 'watch', time: at('2026-06-01T11:00:00Z'), bpm: 61 };
    const first = validateEvents([{ kind: heartRate, input }], limits).valid[0];
    const again = validateEvents([{ kind: heartRate, input: { ...input } }], limits).valid[0];
    const other = validateEvents([{ kind: heartRate, input: { ...input, bpm: 62 } }], limits).valid[0];
    assert.equal(first?.id, again?.id);
    assert.notEqual(first?.id, other?.id);
    assert.equal(validateEvents([{ kind: heartRate, input: { ...input, id: 'mine' } }], limits).valid[0]?.id, 'mine');
  });
});

describe('ingest validation of plain JSON events', () => {
  it('judges wrong types, missing fields and bad times per event', () => {
    const { valid, rejected } = validateEvents(
      [
        { kind: heartRate, input: { deviceId: 'watch', time: '2026-06-01T11:00:00+02:00', bpm: 61 } },
        { kind: heartRate, input: { deviceId: 'watch', time: '2026-06-01T11:00:00Z', bpm: 'fast' } },
        { kind: heartRate, input: { deviceId: 'watch', time: 'yesterday', bpm: 60 } },
        { kind: heartRate, input: { time: '2026-06-01T11:00:00Z' } },
        { kind: 'teleport', input: {} },
      ],
      limits,
      'json',
    );
    assert.deepEqual(valid.map((v) => [v.index, v.time.toISOString()]), [[0, '2026-06-01T09:00:00.000Z']]);
    assert.deepEqual(
      rejected.map((r) => [r.index, r.field, r.code]),
      [
        [1, 'bpm', 'INVALID_FIELD'],
        [2, 'time', 'INVALID_FIELD'],
        [3, 'deviceId', 'INVALID_FIELD'],
        [3, 'bpm', 'INVALID_FIELD'],
        [4, '(kind)', 'UNKNOWN_KIND'],
      ],
    );
    assert.equal(rejected[0]?.message, 'event 1 (heartRate): bpm must be number, got "fast"');
    assert.equal(rejected[2]?.message, 'event 3 (heartRate): deviceId is required');
  });
});
