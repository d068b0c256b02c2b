// Tools the tests make media with (not services): espeak-ng speaks known sentences, sox mixes them
// with silence and noise, ffmpeg re-records them as a phone would (AAC, Opus, MP3, FLAC); Debian's
// chromium runs the web app's end-to-end suite (playwright-core never downloads a browser). Installed
// with the stack so `npm test` needs nothing else.
import type { AptRequirement } from './service.ts';

export const testMediaTools: readonly AptRequirement[] = [
  { binary: 'espeak-ng', aptPackage: 'espeak-ng' },
  { binary: 'sox', aptPackage: 'sox' },
  { binary: 'ffmpeg', aptPackage: 'ffmpeg' },
  { binary: 'chromium', aptPackage: 'chromium' },
];
