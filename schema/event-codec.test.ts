import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PayloadOf } from './catalogue.ts';
import { decodeEvent, decodeEvents, encodeEvent, encodeEvents, eventOfInput, eventOfRow, idOfInput, messagesByTopic, newEvent, rowOf, timelineRowOf, eventKey } from './event-codec.ts';
import { parseTimeText } from './time-text.ts';
import type { Event } from './event.ts';
import { calendarEvent } from './kinds/digital.ts';
import { heartRate, power } from './kinds/device-state.ts';
import { cameraPhoto, screenshot } from './kinds/media.ts';
import { speechSegment } from './kinds/processed.ts';
import { snakeCase } from './naming.ts';

const receivedAt = new Date('2026-06-01T10:00:05.000Z');
const time = new Date('2026-06-01T10:00:00.000Z');

/** A row as PostgreSQL's to_jsonb gives it back: snake_case columns, timestamps as ISO-8601 with offset. */
const asJsonb = (row: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(row).map(([name, value]) => [snakeCase(name), value instanceof Date ? value.toISOString().replace('Z', '+00:00') : value]));

describe('event codec', () => {
  it('keeps the ids it derived before: a device re-sending after an upgrade is not duplicated', () => {
    assert.equal(idOfInput({ kind: heartRate, deviceId: 'watch', time, payload: { bpm: 64 } }), '58b4f4a1-ac0a-7f43-391a-9c62715f3c2e');
  });

  it('turns a validated input into an event: blob bytes into the store, the reference kept', async () => {
    const stored: Buffer[] = [];
    const input = { kind: screenshot, deviceId: 'laptop', time, payload: { widthPx: 2, heightPx: 1, image: { base64: Buffer.from('png!').toString('base64'), mimeType: 'image/png' } } };
    const event = await eventOfInput(input, receivedAt, async ({ base64, mimeType }) => {
      const bytes = Buffer.from(base64 ?? '', 'base64');
      stored.push(bytes);
      return { sha256: 'cd'.repeat(32), byteSize: bytes.byteLength, mimeType };
    });
    assert.deepEqual(stored, [Buffer.from('png!')]);
    assert.equal(idOfInput(input), '0c8d35ec-29c0-ca1a-4b24-e7a576dc0f0f', 'derived from the bytes as sent, as before');
    assert.deepEqual(event, {
      id: idOfInput(input),
      kind: 'screenshot',
      deviceId: 'laptop',
      time,
      receivedAt,
      payload: { widthPx: 2, heightPx: 1, image: { sha256: 'cd'.repeat(32), byteSize: 4, mimeType: 'image/png' } },
    });
  });

  it('goes to the wire and back unchanged, timestamps in the payload too', () => {
    const meeting = newEvent(calendarEvent, { deviceId: 'phone', time, payload: { calendarEventId: 'c1', title: 'Dentist', endTime: new Date('2026-06-01T11:00:00.000Z') } }, receivedAt);
    const wire = encodeEvent(meeting);
    assert.deepEqual(JSON.parse(wire), {
      id: meeting.id,
      kind: 'calendarEvent',
      deviceId: 'phone',
      time: '2026-06-01T10:00:00.000Z',
      receivedAt: '2026-06-01T10:00:05.000Z',
      payload: { calendarEventId: 'c1', title: 'Dentist', endTime: '2026-06-01T11:00:00.000Z' },
    });
    assert.deepEqual(decodeEvent(wire, [calendarEvent]), { event: meeting });
    assert.deepEqual(decodeEvents(encodeEvents([meeting])), [meeting]);
    const moved = { ...meeting, movedFrom: new Date('2026-05-31T10:00:00.000Z') };
    assert.deepEqual(decodeEvents(encodeEvents([moved, meeting])), [moved, meeting], 'an announcement keeps where a moved event was');
    assert.deepEqual(messagesByTopic([meeting]), [{ topic: 'external.calendar.events.raw', messages: [{ key: 'phone', value: wire }] }]);
  });

  it('goes to a row and back, unset optional fields NULL in the row and absent in the event', () => {
    const sample = newEvent(power, { deviceId: 'phone', time, payload: { levelPct: 80, charging: true } }, receivedAt);
    const row = rowOf(sample);
    assert.deepEqual(row, { id: sample.id, device_id: 'phone', time: time.toISOString(), received_at: receivedAt.toISOString(), level_pct: 80, charging: true, source: null });
    assert.deepEqual(eventOfRow(power, asJsonb(row)), sample);
    const stored = timelineRowOf(eventOfRow(power, asJsonb(row)));
    assert.equal(stored.definition, power);
    assert.equal(stored.timeUs, BigInt(time.getTime()) * 1000n);
  });

  it('keeps microseconds from input through wire and row to the timeline position', () => {
    const precise = parseTimeText('2026-06-01T10:00:00.123456Z')!;
    const sample = newEvent(power, { deviceId: 'phone', time: precise, payload: { levelPct: 80, charging: true } }, receivedAt);
    const wire = encodeEvent(sample);
    assert.match(wire, /"time":"2026-06-01T10:00:00.123456Z"/);
    const decoded = decodeEvent(wire, [power]);
    assert.ok('event' in decoded);
    assert.equal(decoded.event.time.toISOString(), '2026-06-01T10:00:00.123456Z');
    assert.equal(decodeEvents(encodeEvents([sample]))[0]!.time.toISOString(), '2026-06-01T10:00:00.123456Z');
    const fromRow = eventOfRow(power, { ...asJsonb(rowOf(sample)), time: '2026-06-01T12:00:00.123456+02:00' });
    assert.equal(fromRow.time.toISOString(), '2026-06-01T10:00:00.123456Z');
    assert.equal(timelineRowOf(fromRow).timeUs, 1_780_308_000_123_456n);
    assert.notEqual(sample.id, newEvent(power, { deviceId: 'phone', time: parseTimeText('2026-06-01T10:00:00.123457Z')!, payload: sample.payload }).id);
  });

  it('keys an event by kind, device, time to the microsecond and id', () => {
    const at = (text: string, deviceId = 'phone', id = 'e1') => eventKey({ id, kind: power.name, deviceId, time: parseTimeText(text)!, receivedAt, payload: {} });
    assert.equal(at('2026-06-01T10:00:00.123456Z'), at('2026-06-01T12:00:00.123456+02:00'));
    assert.notEqual(at('2026-06-01T10:00:00.123456Z'), at('2026-06-01T10:00:00.123457Z'));
    assert.notEqual(at('2026-06-01T10:00:00Z'), at('2026-06-01T10:00:00Z', 'watch'));
    assert.notEqual(at('2026-06-01T10:00:00Z'), at('2026-06-01T10:00:00Z', 'phone', 'e2'));
  });

  it('derives a consumer\'s event id from its kind\'s identity fields only, so redone work repeats it', () => {
    const audio = { sha256: 'ab'.repeat(32), byteSize: 10, mimeType: 'audio/wav' };
    const segment = (model: string) => newEvent(speechSegment, { deviceId: 'phone', time, payload: { fileId: 'rec', segmentId: 'rec@0', durationMs: 900, probability: 0.9, audio, model } });
    assert.equal(segment('silero-vad-v4').id, segment('silero-vad-v5').id);
    assert.notEqual(segment('silero-vad-v4').id, newEvent(speechSegment, { deviceId: 'phone', time, payload: { ...segment('x').payload, segmentId: 'rec@1' } }).id);
  });

  it('says why a message is no event, and skips the kinds a reader does not take before judging them', () => {
    const photo = newEvent(cameraPhoto, { deviceId: 'phone', time, payload: { camera: 'REAR', widthPx: 4, heightPx: 3, image: { sha256: 'ab'.repeat(32), byteSize: 1, mimeType: 'image/jpeg' } } });
    const invalidPhoto = encodeEvent({ ...photo, payload: { ...photo.payload, widthPx: 0 } });
    assert.deepEqual(decodeEvent(null, [cameraPhoto]), { error: 'empty message' });
    assert.match(errorOf(decodeEvent('{no', [cameraPhoto])), /^not JSON: /);
    assert.match(errorOf(decodeEvent('{"id":"x"}', [cameraPhoto])), /^not an envelope: kind /);
    assert.equal(errorOf(decodeEvent(encodeEvent({ ...photo, kind: 'hologram' }), [cameraPhoto])), 'unknown kind "hologram"');
    assert.equal(errorOf(decodeEvent(invalidPhoto, [cameraPhoto])), 'cameraPhoto payload invalid: widthPx must be 1–16384, got 0');
    assert.deepEqual(decodeEvent(invalidPhoto, [screenshot]), { skipped: cameraPhoto });
  });

  it('types a payload by its kind', () => {
    const reading: PayloadOf<'heartRate'> = { bpm: 64 };
    const charging: PayloadOf<'power'> = { levelPct: 50, charging: true, source: 'USB' };
    // @ts-expect-error bpm is required
    const missing: PayloadOf<'heartRate'> = { confidencePct: 50 };
    // @ts-expect-error source is one of the kind's enum values
    const unknownSource: PayloadOf<'power'> = { levelPct: 50, charging: true, source: 'SOLAR' };
    const event: Event<typeof heartRate> = newEvent(heartRate, { deviceId: 'watch', time, payload: reading });
    const bpm: number = event.payload.bpm;
    assert.deepEqual([bpm, charging.source, missing.confidencePct, unknownSource.levelPct], [64, 'USB', 50, 50]);
  });
});

function errorOf(decoded: ReturnType<typeof decodeEvent>): string {
  assert.ok('error' in decoded, JSON.stringify(decoded));
  return decoded.error;
}
