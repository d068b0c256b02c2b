// sharp (libvips, about 10 MB resident) imported with the first image, not at start: the image and
// screen consumers' main threads import the modules that use it, for their options and stages.
import type Sharp from 'sharp';

let loaded: Promise<typeof Sharp> | undefined;

export const loadSharp = (): Promise<typeof Sharp> => (loaded ??= import('sharp').then((module) => module.default));
