// Image bytes to what the models need: the real type sniffed from the bytes (and checked against
// the declared one), a pixel limit checked on the header before anything is decoded, the EXIF facts,
// the pixels turned upright by their EXIF orientation and scaled to the analysis size, and a WebP
// thumbnail. Whatever cannot be analysed is an ImageRejected with a code.
import type { Metadata } from 'sharp';
import { readExif, type PhotoExif } from './exif.ts';
import { ImageRejected } from './image-rejected.ts';
import { loadSharp } from './sharp-on-use.ts';
import type { RgbImage } from './rgb-image.ts';

export interface DecodeOptions {
  /** Images whose header declares more pixels than this are refused before decoding. */
  maxPixels: number;
  /** The longest side, in pixels, of the image the models see; larger images are scaled down. */
  analysisMaxSidePx: number;
  /** Width of the thumbnail; smaller images keep their own width. */
  thumbnailWidthPx: number;
}

export const defaultDecodeOptions: DecodeOptions = { maxPixels: 100_000_000, analysisMaxSidePx: 1600, thumbnailWidthPx: 320 };

/** The types analysed, by the name sharp's sniffing gives them. */
const supportedTypes = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif', tiff: 'image/tiff', avif: 'image/avif' } as const;
type SupportedFormat = keyof typeof supportedTypes;
export type ImageMimeType = (typeof supportedTypes)[SupportedFormat];
const supportedList = 'JPEG, PNG, WebP, GIF, TIFF or AVIF';

/** Other names clients give the same types. */
const mimeAliases: Record<string, string> = { 'image/jpg': 'image/jpeg', 'image/pjpeg': 'image/jpeg', 'image/x-png': 'image/png', 'image/tif': 'image/tiff' };

export interface Thumbnail {
  mimeType: 'image/webp';
  bytes: Uint8Array;
  width: number;
  height: number;
}

export interface DecodedImage {
  mimeType: ImageMimeType;
  /** Size of the image as seen, its EXIF orientation applied. */
  width: number;
  height: number;
  /** The EXIF orientation (1–8) the image was stored with; 1 when it had none. */
  orientation: number;
  exif: PhotoExif;
  /** The image as seen, scaled to fit analysisMaxSidePx. */
  pixels: RgbImage;
  /** Pixels of the image as seen per pixel of `pixels` (1 when it was not scaled down). */
  pixelScale: number;
  thumbnail: Thumbnail;
}

const formatName = (format: string, compression: string | undefined) => (format === 'heif' ? (compression === 'av1' ? 'avif' : 'HEIC') : format);

const isSupported = (name: string): name is SupportedFormat => Object.hasOwn(supportedTypes, name);

/** The format sharp sniffs from the bytes, named as supportedTypes does; AVIF is HEIF with AV1 inside. */
function sniffedFormat(format: string, compression: string | undefined): SupportedFormat | undefined {
  const name = formatName(format, compression);
  return isSupported(name) ? name : undefined;
}

function normalisedDeclaredType(declaredType: string | undefined): string | undefined {
  const type = declaredType?.split(';')[0]?.trim().toLowerCase();
  if (!type || type === 'application/octet-stream') return undefined;
  return mimeAliases[type] ?? type;
}

async function header(bytes: Uint8Array): Promise<Metadata> {
  if (bytes.length === 0) throw new ImageRejected('CORRUPT', 'the image is empty (0 bytes)');
  try {
    // The limit is checked by hand below, with the declared size in the message.
    return await (await loadSharp())(bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/unsupported image format/i.test(message)) throw new ImageRejected('UNSUPPORTED_TYPE', `the bytes are not an image that is analysed here (${supportedList})`);
    throw new ImageRejected('CORRUPT', `the image header does not read: ${message}`);
  }
}

export async function decodeImage(bytes: Uint8Array, declaredType: string | undefined, options: DecodeOptions = defaultDecodeOptions): Promise<DecodedImage> {
  const metadata = await header(bytes);
  const format = sniffedFormat(metadata.format, metadata.compression);
  if (!format) throw new ImageRejected('UNSUPPORTED_TYPE', `${formatName(metadata.format, metadata.compression).toUpperCase()} images are not analysed: send ${supportedList}`);
  const mimeType = supportedTypes[format];
  const declared = normalisedDeclaredType(declaredType);
  if (declared && declared !== mimeType) throw new ImageRejected('TYPE_MISMATCH', `the image is declared ${declaredType} but its bytes are ${format.toUpperCase()} (${mimeType}): send it as ${mimeType}`);

  // Only the first frame of an animation or page of a TIFF is analysed.
  const storedWidth = metadata.width;
  const storedHeight = metadata.pageHeight ?? metadata.height;
  if (storedWidth * storedHeight > options.maxPixels) {
    throw new ImageRejected(
      'TOO_MANY_PIXELS',
      `the image declares ${storedWidth} × ${storedHeight} pixels (${megapixels(storedWidth * storedHeight)}), over the limit of ${megapixels(options.maxPixels)}: send a smaller image`,
    );
  }
  const orientation = metadata.orientation ?? 1;
  const { width, height } = metadata.autoOrient;

  let pixels: RgbImage;
  try {
    // Cut-off and broken data fail; libjpeg's warnings (extraneous bytes before a marker, common in
    // phone photos) do not, as they would by sharp's default.
    const { data, info } = await (await loadSharp())(bytes, { limitInputPixels: options.maxPixels, pages: 1, failOn: 'error' })
      .autoOrient()
      .resize({ width: options.analysisMaxSidePx, height: options.analysisMaxSidePx, fit: 'inside', withoutEnlargement: true })
      // Transparent parts of screenshots become white, where text shows as it did on screen.
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    pixels = { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
  } catch (error) {
    throw new ImageRejected('CORRUPT', `the ${format.toUpperCase()} image does not decode: ${error instanceof Error ? error.message : String(error)}`);
  }
  return {
    mimeType,
    width,
    height,
    orientation,
    exif: await readExif(metadata.exif),
    pixels,
    pixelScale: width / pixels.width,
    thumbnail: await thumbnail(pixels, options.thumbnailWidthPx),
  };
}

const megapixels = (pixels: number) => `${Math.round(pixels / 1e5) / 10} megapixels`;

/** A WebP thumbnail made from the analysis pixels, which are never smaller than it. */
async function thumbnail(pixels: RgbImage, widthPx: number): Promise<Thumbnail> {
  const { data, info } = await (await loadSharp())(pixels.data, { raw: { width: pixels.width, height: pixels.height, channels: 3 } })
    .resize({ width: widthPx, withoutEnlargement: true })
    .webp({ quality: 75 })
    .toBuffer({ resolveWithObject: true });
  return { mimeType: 'image/webp', bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
}
