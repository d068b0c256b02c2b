// What a photo's EXIF block says about when, where and with what it was taken, read by exifr. A
// block that does not parse says nothing: the pixels are still worth analysing. exifr (about 10 MB
// resident) is imported with the first photo, in the analysis worker, not at start.
import { z } from 'zod';

export interface PhotoExif {
  /** The camera's wall-clock time when the photo was taken, ISO 8601 without offset: 2026-06-01T14:30:15. */
  takenAtLocal?: string;
  /** That clock's offset from UTC (+02:00), when the camera recorded it. */
  takenAtUtcOffset?: string;
  gps?: { latitude: number; longitude: number; altitudeM?: number };
  cameraMake?: string;
  cameraModel?: string;
}

const exifDateTime = /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const utcOffset = /^[+-]\d{2}:\d{2}$/;
const text = z
  .string()
  .transform((value) => value.trim())
  .pipe(z.string().min(1))
  .optional()
  .catch(undefined);

// Each field on its own: one odd tag drops that tag, not the rest.
const tags = z.object({
  DateTimeOriginal: z.string().regex(exifDateTime).optional().catch(undefined),
  CreateDate: z.string().regex(exifDateTime).optional().catch(undefined),
  OffsetTimeOriginal: z.string().regex(utcOffset).optional().catch(undefined),
  latitude: z.number().min(-90).max(90).optional().catch(undefined),
  longitude: z.number().min(-180).max(180).optional().catch(undefined),
  GPSAltitude: z.number().finite().optional().catch(undefined),
  // 1 means below sea level; exifr gives the BYTE tag as one byte.
  GPSAltitudeRef: z
    .union([z.number(), z.instanceof(Uint8Array).transform((bytes) => bytes[0])])
    .optional()
    .catch(undefined),
  Make: text,
  Model: text,
});

/** The EXIF block as sharp gives it (an "Exif\0\0" header, then TIFF). */
export async function readExif(block: Uint8Array | undefined): Promise<PhotoExif> {
  if (!block || block.length === 0) return {};
  const header = Buffer.from('Exif\0\0', 'binary');
  const tiff = Buffer.from(block.buffer, block.byteOffset, block.byteLength);
  const { default: exifr } = await import('exifr');
  try {
    // Raw values: revived dates would be read in this server's time zone, translated ones are words.
    const tagValues: unknown = await exifr.parse(tiff.subarray(0, header.length).equals(header) ? tiff.subarray(header.length) : tiff, {
      tiff: true,
      exif: true,
      gps: true,
      ifd1: false,
      interop: false,
      reviveValues: false,
      translateValues: false,
    });
    return photoExif(tagValues);
  } catch {
    return {};
  }
}

/** The facts in exifr's raw tag values (and the latitude and longitude it works out). */
export function photoExif(tagValues: unknown): PhotoExif {
  const found = tags.safeParse(tagValues ?? {});
  if (!found.success) return {};
  const t = found.data;
  const exif: PhotoExif = {};
  const taken = exifDateTime.exec(t.DateTimeOriginal ?? t.CreateDate ?? '');
  if (taken) {
    const [, year, month, day, hour, minute, second] = taken;
    exif.takenAtLocal = `${year}-${month}-${day}T${hour}:${minute}:${second}`;
    if (t.DateTimeOriginal && t.OffsetTimeOriginal) exif.takenAtUtcOffset = t.OffsetTimeOriginal;
  }
  if (t.latitude !== undefined && t.longitude !== undefined) {
    exif.gps = { latitude: t.latitude, longitude: t.longitude };
    if (t.GPSAltitude !== undefined) exif.gps.altitudeM = t.GPSAltitudeRef === 1 ? -t.GPSAltitude : t.GPSAltitude;
  }
  if (t.Make) exif.cameraMake = t.Make;
  if (t.Model) exif.cameraModel = t.Model;
  return exif;
}
