// An image that can never be analysed, with a stable code saying why, so that a consumer sends it to
// the dead-letter topic with the reason instead of retrying it.
import type { CrossedError } from './worker-pool.ts';

export const imageRejectionCodes = ['UNSUPPORTED_TYPE', 'TYPE_MISMATCH', 'TOO_MANY_PIXELS', 'CORRUPT'] as const;
export type ImageRejectionCode = (typeof imageRejectionCodes)[number];

export class ImageRejected extends Error {
  override readonly name = 'ImageRejected';
  constructor(
    readonly code: ImageRejectionCode,
    message: string,
  ) {
    super(message);
  }
}

export const isImageRejectionCode = (code: unknown): code is ImageRejectionCode => imageRejectionCodes.some((known) => known === code);

/** An error that crossed back from an analysis worker, as the ImageRejected it was when it was one (cloning loses the class). */
export const reviveRejection = (error: CrossedError): Error =>
  error.name === 'ImageRejected' && isImageRejectionCode(error.code) ? new ImageRejected(error.code, error.message) : Object.assign(new Error(error.message), { name: error.name });
