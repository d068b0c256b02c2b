// Binary media the way clients send it: GraphQL multipart uploads (the File scalar in BlobInput),
// streamed into the blob store under their sha256, refused by name when over the field's limit or
// not of the declared type, the rest of the batch accepted; the whole request bounded by
// LIFESTREAM_MAX_BODY_BYTES.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { photo } from './fixtures/photos.ts';
import { eventually, startHarness, uniqueDevice, type Harness } from './harness.ts';

const MiB = 2 ** 20;
const maxBodyBytes = 16 * MiB;
/** The catalogue's default blob limit, which cameraPhoto.image keeps. */
const imageMaxBytes = 8 * MiB;

interface IngestResult {
  acceptedCount: number;
  accepted: { index: number; id: string }[];
  errors: { index: number; field: string; code: string; message: string }[];
}

const ingestCameraPhoto = `mutation($e: [CameraPhotoInput!]!) {
  ingestCameraPhoto(events: $e) { acceptedCount accepted { index id } errors { index field code message } }
}`;

interface Part {
  bytes: Buffer;
  mimeType: string;
}

const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('uploads', () => {
  let h: Harness;
  let base: string;
  let bigJpeg: Buffer;
  let time = 0;
  const nextTime = () => new Date(Date.UTC(2026, 5, 2, 9, 0, time++)).toISOString();
  const photoEvent = (deviceId: string, image: Record<string, unknown>) => ({ deviceId, time: nextTime(), camera: 'REAR', widthPx: 4032, heightPx: 3024, image });

  /** Sends ingestCameraPhoto as a multipart request (graphql-multipart-request-spec): the files are mapped to events' image.file. */
  async function uploadPhotos(deviceId: string, parts: Part[]): Promise<{ status: number; body: { data?: { ingestCameraPhoto: IngestResult }; errors?: { message: string; extensions?: { code?: string } }[] } }> {
    const events = parts.map((part) => photoEvent(deviceId, { file: null, mimeType: part.mimeType }));
    const form = new FormData();
    form.set('operations', JSON.stringify({ query: ingestCameraPhoto, variables: { e: events } }));
    form.set('map', JSON.stringify(Object.fromEntries(parts.map((_, i) => [String(i), [`variables.e.${i}.image.file`]]))));
    parts.forEach((part, i) => form.set(String(i), new Blob([new Uint8Array(part.bytes)], { type: part.mimeType }), `photo-${i}`));
    const response = await fetch(h.url, { method: 'POST', headers: { authorization: `Bearer ${h.adminToken}` }, body: form });
    return { status: response.status, body: await response.json() };
  }

  const blobFiles = () => readdirSync(join(h.env.LIFESTREAM_DATA_DIR!, 'blobs'), { recursive: true, encoding: 'utf8' }).filter((name) => !name.match(/^[0-9a-f]{2}$/));

  before(async () => {
    h = await startHarness(undefined, { LIFESTREAM_MAX_BODY_BYTES: String(maxBodyBytes) });
    await h.startPersistence();
    base = h.url.replace(/\/graphql$/, '');
    // A phone camera's full resolution, 4032 × 3024, from a real photograph.
    bigJpeg = await sharp(photo('astronaut')).resize(4032, 3024).jpeg({ quality: 92 }).toBuffer();
  });

  after(() => h?.close());

  it('stores an uploaded photo once under its sha256, readable byte-identical at /blobs/<sha256>', async () => {
    const device = uniqueDevice('camera');
    const first = await uploadPhotos(device, [{ bytes: bigJpeg, mimeType: 'image/jpeg' }]);
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.deepEqual(first.body.data?.ingestCameraPhoto.errors, []);
    const again = await uploadPhotos(device, [{ bytes: bigJpeg, mimeType: 'image/jpeg' }]);
    assert.equal(again.body.data?.ingestCameraPhoto.acceptedCount, 1, JSON.stringify(again.body));

    const sha256 = sha256Of(bigJpeg);
    assert.deepEqual(blobFiles().filter((name) => name.includes(sha256)), [join(sha256.slice(0, 2), sha256)], 'one file, no temporary left');
    const stored = await eventually(async () => {
      const result = await h.graphql<{ timeline: { edges: { node: { image: { sha256: string; byteSize: number; mimeType: string } } }[] } }>(
        `query($d: [ID!]) { timeline(from: "2026-06-01T00:00:00Z", to: "2026-06-03T00:00:00Z", deviceIds: $d) { edges { node { ... on CameraPhoto { image { sha256 byteSize mimeType } } } } } }`,
        { d: [device] },
      );
      const edges = result.data?.timeline.edges ?? [];
      return edges.length === 2 ? edges.map((edge) => edge.node.image) : undefined;
    }, `the photos of ${device}`);
    assert.deepEqual(stored, [0, 1].map(() => ({ sha256, byteSize: bigJpeg.byteLength, mimeType: 'image/jpeg' })));

    const response = await fetch(`${base}/blobs/${sha256}`, { headers: { authorization: `Bearer ${h.adminToken}` } });
    assert.equal(response.status, 200);
    assert.ok(Buffer.from(await response.arrayBuffer()).equals(bigJpeg), 'the bytes read back are the bytes uploaded');
  });

  it('gives a re-sent upload the same event id', async () => {
    const device = uniqueDevice('camera');
    const events = [photoEvent(device, { file: null, mimeType: 'image/jpeg' })];
    const send = async () => {
      const form = new FormData();
      form.set('operations', JSON.stringify({ query: ingestCameraPhoto, variables: { e: events } }));
      form.set('map', JSON.stringify({ 0: ['variables.e.0.image.file'] }));
      form.set('0', new Blob([new Uint8Array(bigJpeg)], { type: 'image/jpeg' }), 'photo.jpg');
      const response = await fetch(h.url, { method: 'POST', headers: { authorization: `Bearer ${h.adminToken}` }, body: form });
      return ((await response.json()) as { data: { ingestCameraPhoto: IngestResult } }).data.ingestCameraPhoto.accepted[0]?.id;
    };
    const id = await send();
    assert.ok(id);
    assert.equal(await send(), id);
  });

  it('refuses a PNG declared image/jpeg by name, uploaded or base64', async () => {
    const png = photo('astronaut');
    const uploaded = await uploadPhotos(uniqueDevice('camera'), [{ bytes: png, mimeType: 'image/jpeg' }]);
    const [error] = uploaded.body.data?.ingestCameraPhoto.errors ?? [];
    assert.equal(error?.code, 'INVALID_FIELD', JSON.stringify(uploaded.body));
    assert.equal(error.field, 'image');
    assert.match(error.message, /^event 0 \(cameraPhoto\): image declared image\/jpeg but the bytes are PNG \(image\/png\)/);

    const inline = await h.graphql<{ ingestCameraPhoto: IngestResult }>(ingestCameraPhoto, { e: [photoEvent(uniqueDevice('camera'), { base64: png.toString('base64'), mimeType: 'image/jpeg' })] });
    assert.match(inline.data?.ingestCameraPhoto.errors[0]?.message ?? JSON.stringify(inline), /image declared image\/jpeg but the bytes are PNG/);
  });

  it('accepts the good photos of a mixed batch and refuses an oversized one and a mislabelled one, each by name', async () => {
    const device = uniqueDevice('camera');
    // Past the field's limit but within the request's: the size is refused while reading, by the field.
    const oversized = Buffer.concat([bigJpeg.subarray(0, 4096), randomBytes(imageMaxBytes)]);
    const result = await uploadPhotos(device, [
      { bytes: bigJpeg, mimeType: 'image/jpeg' },
      { bytes: oversized, mimeType: 'image/jpeg' },
      { bytes: photo('cat'), mimeType: 'image/webp' },
    ]);
    const ingest = result.body.data?.ingestCameraPhoto;
    assert.deepEqual(ingest?.accepted.map((event) => event.index), [0], JSON.stringify(result.body));
    assert.deepEqual(
      ingest.errors.map((error) => [error.index, error.field, error.code]),
      [
        [1, 'image', 'INVALID_FIELD'],
        [2, 'image', 'INVALID_FIELD'],
      ],
    );
    assert.match(ingest.errors[0]!.message, new RegExp(`image must be at most ${imageMaxBytes} bytes \\(8 MiB\\)`));
    assert.match(ingest.errors[1]!.message, /declared image\/webp but the bytes are PNG/);
    assert.ok(!blobFiles().some((name) => name.includes(sha256Of(oversized)) || name.endsWith('.tmp')), 'nothing of the oversized upload is kept');
  });

  it('refuses a blob that sets both base64 and file, or neither', async () => {
    const device = uniqueDevice('camera');
    const form = new FormData();
    const events = [photoEvent(device, { base64: bigJpeg.subarray(0, 100).toString('base64'), file: null, mimeType: 'image/jpeg' }), photoEvent(device, { mimeType: 'image/jpeg' })];
    form.set('operations', JSON.stringify({ query: ingestCameraPhoto, variables: { e: events } }));
    form.set('map', JSON.stringify({ 0: ['variables.e.0.image.file'] }));
    form.set('0', new Blob([new Uint8Array(bigJpeg)], { type: 'image/jpeg' }), 'photo.jpg');
    const response = await fetch(h.url, { method: 'POST', headers: { authorization: `Bearer ${h.adminToken}` }, body: form });
    const { data } = (await response.json()) as { data: { ingestCameraPhoto: IngestResult } };
    assert.deepEqual(
      data.ingestCameraPhoto.errors.map((error) => [error.index, error.field, error.message.replace(/^event \d \(cameraPhoto\): /, '')]),
      [0, 1].map((index) => [index, 'image', 'image must set exactly one of base64 (inline bytes) and file (a multipart upload)']),
    );
  });

  it('refuses a map that puts a file where operations holds no null, naming the place, and keeps nothing', async () => {
    const device = uniqueDevice('camera');
    const form = new FormData();
    form.set('operations', JSON.stringify({ query: ingestCameraPhoto, variables: { e: [photoEvent(device, { file: null, mimeType: 'image/jpeg' })] } }));
    form.set('map', JSON.stringify({ 0: ['variables.e.1.image.file'] }));
    const unseen = Buffer.concat([bigJpeg, randomBytes(16)]);
    form.set('0', new Blob([new Uint8Array(unseen)], { type: 'image/jpeg' }), 'photo.jpg');
    const response = await fetch(h.url, { method: 'POST', headers: { authorization: `Bearer ${h.adminToken}`, accept: 'application/graphql-response+json' }, body: form });
    assert.equal(response.status, 400);
    assert.deepEqual(await response.json(), {
      errors: [
        {
          message: 'the multipart map puts part "0" at variables.e.1.image.file, where operations holds no null: set that place to null in operations (such as "file": null), or name the place that does',
          extensions: { code: 'BAD_REQUEST' },
        },
      ],
    });
    assert.ok(!blobFiles().some((name) => name.includes(sha256Of(unseen))), 'the photo is not kept');
  });

  it('answers 413 to a multipart request over LIFESTREAM_MAX_BODY_BYTES', async () => {
    const tooLarge = Buffer.concat([bigJpeg.subarray(0, 4096), randomBytes(maxBodyBytes)]);
    const result = await uploadPhotos(uniqueDevice('camera'), [{ bytes: tooLarge, mimeType: 'image/jpeg' }]);
    assert.equal(result.status, 413);
    assert.equal(result.body.errors?.[0]?.extensions?.code, 'PAYLOAD_TOO_LARGE');
  });
});
