import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { calendarEvent, clipboard, emailAttachment, likedTweet, urlTask, webVisit } from '../../schema/kinds/digital.ts';
import { pdfExtract } from '../../schema/kinds/processed.ts';
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

  it('names the raw kinds nearest to an unknown kind, and shows the shape a JSON event that names no kind must have', () => {
    const { rejected } = validateEvents(
      [
        { kind: 'HEART_RATE', input: {} },
        { kind: 'hartRate', input: {} },
        { kind: 'teleport', input: {} },
        { kind: null, input: {} },
      ],
      limits,
    );
    assert.deepEqual(
      rejected.map((r) => [r.code, r.field, r.message]),
      [
        ['UNKNOWN_KIND', '(kind)', 'event 0 (HEART_RATE): (kind) HEART_RATE is not a raw event kind: did you mean heartRate? The raw kinds are the fields of EventInput, listed in docs/kinds.md'],
        ['UNKNOWN_KIND', '(kind)', 'event 1 (hartRate): (kind) hartRate is not a raw event kind: did you mean heartRate? The raw kinds are the fields of EventInput, listed in docs/kinds.md'],
        ['UNKNOWN_KIND', '(kind)', 'event 2 (teleport): (kind) teleport is not a raw event kind: the raw kinds are the fields of EventInput, listed in docs/kinds.md'],
        [
          'UNKNOWN_KIND',
          '(kind)',
          'event 3: must be an object with one field, named for its kind, holding the event: {"heartRate": {"deviceId": "watch", "time": "2026-06-01T09:30:00+02:00", "bpm": 61}}',
        ],
      ],
    );
  });

  it('refuses a time far in the future unless the kind allows it', () => {
    const future = at('2026-06-02T12:00:00Z');
    const { rejected } = validateEvents([{ kind: heartRate, input: { deviceId: 'w', time: future, bpm: 60 } }], limits);
    assert.equal(rejected[0]?.code, 'TIME_OUT_OF_RANGE');
    assert.equal(
      rejected[0]?.message,
      "event 0 (heartRate): time is in the future (2026-06-02T12:00:00.000Z, now 2026-06-01T12:00:00.000Z), more than the 300 s ahead allowed: check the device's clock and time zone offset, or raise LIFESTREAM_MAX_FUTURE_SKEW_S",
    );
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

  it('takes a URL task as an http(s) URL or a data: URL, and refuses any other scheme naming both forms', () => {
    const { valid, rejected } = validateEvents(
      [
        { kind: urlTask, input: { deviceId: 'laptop', time: now, url: 'https://example.org/report.pdf' } },
        { kind: urlTask, input: { deviceId: 'laptop', time: now, url: 'data:application/pdf;base64,JVBERi0xLjc=', refetch: true } },
        { kind: urlTask, input: { deviceId: 'laptop', time: now, url: 'file:///etc/passwd' } },
        { kind: urlTask, input: { deviceId: 'laptop', time: now, url: 'data-application/pdf' } },
      ],
      limits,
    );
    assert.deepEqual(valid.map((v) => v.index), [0, 1]);
    assert.deepEqual(rejected.map((r) => [r.index, r.field]), [[2, 'url'], [3, 'url']]);
    assert.equal(rejected[0]?.message, 'event 2 (urlTask): url must be an http(s) URL or a data: URL (data:application/pdf;base64,...), got "file:///etc/passwd"');
  });

  it('refuses NUL and lone surrogates in any string, id, device id, list entry or JSON key, naming the field', () => {
    const meeting = { deviceId: 'laptop', time: now, calendarEventId: 'c1', title: 'Standup', endTime: now };
    const { valid, rejected } = validateEvents(
      [
        { kind: clipboard, input: { deviceId: 'laptop', time: now, text: 'a\u0000b' } },
        { kind: clipboard, input: { id: 'x\u0000', deviceId: 'laptop', time: now, text: 'fine' } },
        { kind: clipboard, input: { deviceId: 'lap\u0000top', time: now, text: 'fine' } },
        { kind: clipboard, input: { deviceId: 'laptop', time: now, text: 'half a pair \ud83d here' } },
        { kind: calendarEvent, input: { ...meeting, attendees: ['ann@example.org', 'bob\udc00@example.org'] } },
        { kind: pdfExtract, input: { deviceId: 'cam', time: now, sourceEventId: 'e', url: 'https://x.example/a.pdf', contentSha256: 'a'.repeat(64), pageCount: 1, text: 't', metadata: { 'Pro\u0000ducer': 'x' } } },
        { kind: clipboard, input: { deviceId: 'laptop', time: now, text: 'a whole pair 🙂 is fine' } },
      ],
      limits,
    );
    assert.deepEqual(valid.map((v) => v.index), [6]);
    assert.deepEqual(
      rejected.map((r) => [r.index, r.field, r.code]),
      [
        [0, 'text', 'INVALID_FIELD'],
        [1, 'id', 'INVALID_FIELD'],
        [2, 'deviceId', 'INVALID_FIELD'],
        [3, 'text', 'INVALID_FIELD'],
        [4, 'attendees.1', 'INVALID_FIELD'],
        [5, 'metadata', 'INVALID_FIELD'],
      ],
    );
    assert.equal(rejected[0]?.message, 'event 0 (clipboard): text must not contain NUL (U+0000), found at character 2: PostgreSQL cannot store it');
    assert.equal(rejected[3]?.message, 'event 3 (clipboard): text must be well-formed Unicode, found a lone surrogate U+D83D at character 13: send the whole pair or none');
    assert.match(rejected[5]?.message ?? '', /metadata has a key that must not contain NUL/);
  });

  it('refuses every timestamp PostgreSQL cannot keep (years 1–9999 in UTC) with TIME_OUT_OF_RANGE', () => {
    const beyond = at('9999-12-31T23:59:59Z');
    beyond.setTime(beyond.getTime() + 23 * 3_600_000 + 59 * 60_000);
    const meeting = { deviceId: 'laptop', time: now, calendarEventId: 'c1', title: 'Standup' };
    const tweet = { deviceId: 'laptop', time: now, tweetId: '1', authorHandle: 'a', text: 't', url: 'https://example.com/t/1' };
    const { valid, rejected } = validateEvents(
      [
        { kind: calendarEvent, input: { ...meeting, time: beyond, endTime: beyond } },
        { kind: likedTweet, input: { ...tweet, postedAt: at('0000-12-31T23:00:00Z') } },
        { kind: calendarEvent, input: { ...meeting, endTime: at('9999-12-31T23:59:59.999Z') } },
      ],
      limits,
    );
    assert.deepEqual(valid.map((v) => v.index), [2]);
    assert.deepEqual(
      rejected.map((r) => [r.index, r.field, r.code]),
      [
        [0, 'time', 'TIME_OUT_OF_RANGE'],
        [0, 'endTime', 'TIME_OUT_OF_RANGE'],
        [1, 'postedAt', 'TIME_OUT_OF_RANGE'],
      ],
    );
    assert.equal(rejected[0]?.message, 'event 0 (calendarEvent): time must fall within years 0001–9999 in UTC once its offset is applied, got +010000-01-01T23:58:59.000Z');
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

  it('takes any media type in a blob field that says so, and names one that is no media type', () => {
    const attachment = (mimeType: string) => ({
      deviceId: 'import-email',
      time: at('2026-06-01T11:00:00Z'),
      messageId: '<m@example.org>',
      contentType: 'application/pdf',
      byteSize: 3,
      content: { base64: 'YWJj', mimeType },
    });
    const { valid, rejected } = validateEvents(['text/csv', 'application/vnd.ms-excel', 'pdf', 'text/plain; charset=utf-8'].map((type) => ({ kind: emailAttachment, input: attachment(type) })), limits);
    assert.deepEqual(valid.map((v) => v.index), [0, 1]);
    assert.deepEqual(rejected.map((r) => r.message), [
      'event 2 (emailAttachment): content.mimeType must be a media type such as application/pdf (type/subtype, no parameters), got "pdf"',
      'event 3 (emailAttachment): content.mimeType must be a media type such as application/pdf (type/subtype, no parameters), got "text/plain; charset=utf-8"',
    ]);
  });

  it('keeps a client id, and leaves the others to be derived once blobs are stored', () => {
    const input = { deviceId: 'watch', time: at('2026-06-01T11:00:00Z'), bpm: 61 };
    assert.equal(validateEvents([{ kind: heartRate, input }], limits).valid[0]?.id, undefined);
    assert.equal(validateEvents([{ kind: heartRate, input: { ...input, id: 'mine' } }], limits).valid[0]?.id, 'mine');
  });
});
