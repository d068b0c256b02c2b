// Decoding on real photographs and images built by code: the type from the bytes, EXIF, orientation,
// scaling, thumbnails, and each kind of bad image refused with its code before it costs memory.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { photo } from '../../test/fixtures/photos.ts';
import { png, pngDeclaring } from '../../test/fixtures/png.ts';
import { decodeImage, defaultDecodeOptions } from './decode-image.ts';
import { ImageRejected, type ImageRejectionCode } from './image-rejected.ts';
import type { RgbImage } from './rgb-image.ts';

const pixelAt = (image: RgbImage, x: number, y: number) => [...image.data.subarray((y * image.width + x) * 3, (y * image.width + x) * 3 + 3)];
const near = (actual: number[], expected: number[]) => actual.every((value, i) => Math.abs(value - (expected[i] ?? 0)) < 40);

async function rejection(bytes: Uint8Array, declaredType?: string, options = defaultDecodeOptions): Promise<ImageRejected> {
  try {
    await decodeImage(bytes, declaredType, options);
  } catch (error) {
    if (error instanceof ImageRejected) return error;
    throw error;
  }
  assert.fail('the image was decoded');
}

async function assertRejected(bytes: Uint8Array, code: ImageRejectionCode, message: RegExp, declaredType?: string, options = defaultDecodeOptions) {
  const error = await rejection(bytes, declaredType, options);
  assert.equal(error.code, code, error.message);
  assert.match(error.message, message);
}

describe('decoding an image', () => {
  it('sniffs the type from the bytes and gives the pixels and a WebP thumbnail', async () => {
    const decoded = await decodeImage(photo('astronaut'), 'image/png');
    assert.equal(decoded.mimeType, 'image/png');
    assert.deepEqual([decoded.width, decoded.height, decoded.orientation, decoded.pixelScale], [512, 512, 1, 1]);
    assert.deepEqual([decoded.pixels.width, decoded.pixels.height, decoded.pixels.data.length], [512, 512, 512 * 512 * 3]);
    assert.deepEqual(decoded.exif, {});
    const thumbnail = await sharp(decoded.thumbnail.bytes).metadata();
    assert.deepEqual([thumbnail.format, thumbnail.width, thumbnail.height], ['webp', 320, 320]);
    assert.deepEqual([decoded.thumbnail.mimeType, decoded.thumbnail.width, decoded.thumbnail.height], ['image/webp', 320, 320]);
  });

  it('reads when, where and with what a JPEG was taken from its EXIF', async () => {
    const jpeg = await sharp(photo('coffee'))
      .jpeg()
      .withExif({
        IFD0: { Make: 'Lifestream', Model: 'Test Camera 1' },
        IFD2: { DateTimeOriginal: '2026:06:01 14:30:15', OffsetTimeOriginal: '+02:00' },
        IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '33/1 51/1 3600/100', GPSLongitudeRef: 'E', GPSLongitude: '151/1 12/1 3000/100', GPSAltitudeRef: '0', GPSAltitude: '12/1' },
      })
      .toBuffer();
    const decoded = await decodeImage(jpeg, 'image/jpg');
    assert.equal(decoded.mimeType, 'image/jpeg');
    assert.equal(decoded.exif.takenAtLocal, '2026-06-01T14:30:15');
    assert.equal(decoded.exif.takenAtUtcOffset, '+02:00');
    assert.equal(decoded.exif.cameraMake, 'Lifestream');
    assert.equal(decoded.exif.cameraModel, 'Test Camera 1');
    assert.ok(decoded.exif.gps);
    assert.ok(Math.abs(decoded.exif.gps.latitude - -(33 + 51 / 60 + 36 / 3600)) < 1e-6, `latitude ${decoded.exif.gps.latitude}`);
    assert.ok(Math.abs(decoded.exif.gps.longitude - (151 + 12 / 60 + 30 / 3600)) < 1e-6, `longitude ${decoded.exif.gps.longitude}`);
    assert.equal(decoded.exif.gps.altitudeM, 12);
  });

  it('turns the pixels upright by the EXIF orientation', async () => {
    // Stored 60 wide, left half red and right half blue; orientation 6 shows it turned a quarter clockwise.
    const stored = await sharp(png(60, 40, (x) => (x < 30 ? [220, 20, 20] : [20, 20, 220])))
      .jpeg({ quality: 95 })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const decoded = await decodeImage(stored, 'image/jpeg');
    assert.deepEqual([decoded.width, decoded.height, decoded.orientation], [40, 60, 6]);
    assert.deepEqual([decoded.pixels.width, decoded.pixels.height], [40, 60]);
    assert.ok(near(pixelAt(decoded.pixels, 20, 5), [220, 20, 20]), 'the stored left half is on top');
    assert.ok(near(pixelAt(decoded.pixels, 20, 55), [20, 20, 220]), 'the stored right half is at the bottom');
  });

  it('scales large images down to the analysis size and says by how much', async () => {
    const decoded = await decodeImage(photo('astronaut'), undefined, { ...defaultDecodeOptions, analysisMaxSidePx: 256 });
    assert.deepEqual([decoded.width, decoded.height], [512, 512]);
    assert.deepEqual([decoded.pixels.width, decoded.pixels.height, decoded.pixelScale], [256, 256, 2]);
  });

  it('gives RGB for grey images and white for transparent parts', async () => {
    const page = await decodeImage(photo('page'), 'image/png');
    assert.equal(page.pixels.data.length, 384 * 191 * 3);
    const halfTransparent = await sharp({ create: { width: 20, height: 10, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
      .png()
      .toBuffer();
    const flattened = await decodeImage(halfTransparent, 'image/png');
    assert.deepEqual(pixelAt(flattened.pixels, 5, 5), [255, 255, 255]);
  });

  it("decodes a JPEG that libjpeg only warns about, as some phones write them", async () => {
    const jpeg = await sharp(photo('coffee')).jpeg().toBuffer();
    const tableAt = jpeg.indexOf(Buffer.from([0xff, 0xdb]));
    // "Corrupt JPEG data: 3 extraneous bytes before marker 0xdb": a warning, the pixels are whole.
    const withStrayBytes = Buffer.concat([jpeg.subarray(0, tableAt), Buffer.from([1, 2, 3]), jpeg.subarray(tableAt)]);
    const decoded = await decodeImage(withStrayBytes, 'image/jpeg');
    assert.deepEqual([decoded.width, decoded.height], [600, 400]);
  });

  it('takes WebP, GIF, TIFF and AVIF too', async () => {
    for (const [format, mimeType] of [['webp', 'image/webp'], ['gif', 'image/gif'], ['tiff', 'image/tiff'], ['avif', 'image/avif']] as const) {
      const bytes = await sharp(photo('cat')).toFormat(format).toBuffer();
      const decoded = await decodeImage(bytes, mimeType);
      assert.deepEqual([decoded.mimeType, decoded.width, decoded.height], [mimeType, 451, 300], format);
    }
  });
});

describe('refusing an image', () => {
  it('refuses a PNG declared as a JPEG, naming both', async () => {
    await assertRejected(photo('astronaut'), 'TYPE_MISMATCH', /declared image\/jpeg but its bytes are PNG \(image\/png\): send it as image\/png/, 'image/jpeg');
  });

  it('refuses bytes that are no image, and formats that are not analysed', async () => {
    await assertRejected(Buffer.from('these are not the pixels you are looking for'), 'UNSUPPORTED_TYPE', /not an image that is analysed here \(JPEG, PNG, WebP, GIF, TIFF or AVIF\)/);
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>');
    await assertRejected(svg, 'UNSUPPORTED_TYPE', /SVG images are not analysed/, 'image/svg+xml');
  });

  it('refuses an image bomb by its header, before decoding', async () => {
    const bomb = pngDeclaring(100_000, 100_000);
    assert.ok(bomb.length < 2_000, `the bomb is ${bomb.length} bytes`);
    await assertRejected(bomb, 'TOO_MANY_PIXELS', /declares 100000 × 100000 pixels \(10000 megapixels\), over the limit of 100 megapixels/, 'image/png');
  });

  it('applies the pixel limit it is given', async () => {
    await assertRejected(photo('astronaut'), 'TOO_MANY_PIXELS', /512 × 512 pixels \(0.3 megapixels\), over the limit of 0.2 megapixels/, undefined, { ...defaultDecodeOptions, maxPixels: 200_000 });
  });

  it('refuses a cut-off or empty image as corrupt', async () => {
    const jpeg = await sharp(photo('coffee')).jpeg().toBuffer();
    await assertRejected(jpeg.subarray(0, jpeg.length / 2), 'CORRUPT', /the JPEG image does not decode: .*premature end/i, 'image/jpeg');
    const astronaut = photo('astronaut');
    await assertRejected(astronaut.subarray(0, astronaut.length / 2), 'CORRUPT', /the PNG image does not decode/, 'image/png');
    await assertRejected(Buffer.alloc(0), 'CORRUPT', /empty \(0 bytes\)/);
  });
});
