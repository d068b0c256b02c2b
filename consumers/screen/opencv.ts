// OpenCV's WebAssembly build (@techstark/opencv-js), loaded once per thread. Its module object is
// thenable and resolves to itself, so awaiting it never ends: its `then` is taken off once it is ready.
import { createRequire } from 'node:module';

export type OpenCv = typeof import('@techstark/opencv-js');

type Loading = OpenCv & { then?: (ready: (module: OpenCv & { then?: unknown }) => void) => void };

const require = createRequire(import.meta.url);
let loaded: Promise<OpenCv> | undefined;

export function loadOpenCv(): Promise<OpenCv> {
  loaded ??= new Promise((resolve) => {
    const runtime: Loading = require('@techstark/opencv-js');
    if (!runtime.then) return resolve(runtime);
    runtime.then((ready) => {
      delete ready.then;
      resolve(ready);
    });
  });
  return loaded;
}
