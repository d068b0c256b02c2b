// A URL task that can never be processed, with a stable code saying why, so that the URL consumer
// sends it to the dead-letter topic with the reason at once instead of retrying it.
import type { CrossedError } from '../images/worker-pool.ts';

export const urlRejectionCodes = [
  'BLOCKED_ADDRESS',
  'UNSUPPORTED_SCHEME',
  'TOO_MANY_REDIRECTS',
  'TOO_LARGE',
  'TIMEOUT',
  'HTTP_STATUS',
  'UNSUPPORTED_TYPE',
  'BAD_DATA_URL',
  'PDF_ENCRYPTED',
  'PDF_CORRUPT',
  'TOO_MANY_PAGES',
  'NO_TEXT',
  'TWEET_UNAVAILABLE',
  'BAD_EMBED_DATA',
] as const;
export type UrlRejectionCode = (typeof urlRejectionCodes)[number];

export class UrlTaskRejected extends Error {
  override readonly name = 'UrlTaskRejected';
  constructor(
    readonly code: UrlRejectionCode,
    message: string,
  ) {
    super(message);
  }
}

const isUrlRejectionCode = (code: unknown): code is UrlRejectionCode => urlRejectionCodes.some((known) => known === code);

/** An error that crossed back from a PDF worker, as the UrlTaskRejected it was when it was one (cloning loses the class). */
export const reviveUrlRejection = (error: CrossedError): Error =>
  error.name === 'UrlTaskRejected' && isUrlRejectionCode(error.code) ? new UrlTaskRejected(error.code, error.message) : Object.assign(new Error(error.message), { name: error.name });
