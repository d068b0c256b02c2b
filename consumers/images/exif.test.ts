// EXIF tag values (as exifr gives them raw) to the facts kept, and what is dropped when a tag is odd.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { photoExif, readExif } from './exif.ts';

describe('EXIF facts', () => {
  it('keeps time, offset, position, altitude and camera', () => {
    assert.deepEqual(
      photoExif({
        DateTimeOriginal: '2026:06:01 14:30:15',
        OffsetTimeOriginal: '-04:00',
        latitude: 40.7,
        longitude: -74,
        GPSAltitude: 10.5,
        GPSAltitudeRef: new Uint8Array([0]),
        Make: 'Apple ',
        Model: 'iPhone 15',
      }),
      { takenAtLocal: '2026-06-01T14:30:15', takenAtUtcOffset: '-04:00', gps: { latitude: 40.7, longitude: -74, altitudeM: 10.5 }, cameraMake: 'Apple', cameraModel: 'iPhone 15' },
    );
  });

  it('puts an altitude with reference 1 below sea level', () => {
    assert.equal(photoExif({ latitude: 31.5, longitude: 35.5, GPSAltitude: 430, GPSAltitudeRef: new Uint8Array([1]) }).gps?.altitudeM, -430);
    assert.equal(photoExif({ latitude: 31.5, longitude: 35.5, GPSAltitude: 430, GPSAltitudeRef: 1 }).gps?.altitudeM, -430);
  });

  it('falls back to the creation date, whose offset is unknown', () => {
    assert.deepEqual(photoExif({ CreateDate: '2025:12:31 23:59:59', OffsetTimeOriginal: '+01:00' }), { takenAtLocal: '2025-12-31T23:59:59' });
  });

  it('drops odd tags one by one and keeps the rest', () => {
    assert.deepEqual(photoExif({ DateTimeOriginal: '0000:00:00', latitude: 123, longitude: 5, Make: '   ', Model: 42, OffsetTimeOriginal: 'CET' }), {});
    assert.deepEqual(photoExif({ DateTimeOriginal: 'yesterday', Model: 'Pixel 9' }), { cameraModel: 'Pixel 9' });
    assert.deepEqual(photoExif(undefined), {});
    assert.deepEqual(photoExif('not tags'), {});
  });

  it('reads nothing from a block that does not parse', async () => {
    assert.deepEqual(await readExif(undefined), {});
    assert.deepEqual(await readExif(Buffer.from('Exif\0\0garbage that is no TIFF header')), {});
  });
});
