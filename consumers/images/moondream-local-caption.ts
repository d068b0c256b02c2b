// The caption of in-process Moondream (LIFESTREAM_MOONDREAM_MODEL) as the analysis workers give it:
// the model loaded on the first image and kept with the worker; a caption, or why there is none
// (the model missing or broken, decoding past the timeout), so that the analysis is never lost for it.
import { basename, join, resolve } from 'node:path';
import type { CaptionLength } from './moondream-client.ts';
import { CaptionTimedOut, loadLocalMoondream, type LocalMoondream } from './moondream-local.ts';
import type { RgbImage } from './rgb-image.ts';

export interface LocalMoondreamSettings {
  /** The folder of the release's unpacked files. */
  dir: string;
  length: CaptionLength;
  maxTokens: number;
  /** Longest the decoding of one caption may take; loading the model is not counted. */
  timeoutMs: number;
}

/** The release client's default for generated tokens. */
export const localCaptionMaxTokens = 512;

/** A caption and the model that wrote it, or why there is none. */
export type LocalCaption = { caption: string; source: string } | { failure: string };

/** LIFESTREAM_MOONDREAM_MODEL's folder: a path (it holds a /) as is, else a model's name under MODELS_DIR. */
export function localMoondreamDir(setting: string, modelsDir: string): string {
  return setting.includes('/') ? resolve(setting) : join(modelsDir, setting);
}

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Captions images with the model in settings.dir, loaded on the first call (again after a failed load); never rejects. */
export function localMoondreamCaptioner(settings: LocalMoondreamSettings, threads: number): (image: RgbImage) => Promise<LocalCaption> {
  const name = basename(settings.dir);
  let loading: Promise<LocalMoondream> | undefined;
  return async (image) => {
    loading ??= loadLocalMoondream(settings.dir, { threads }).catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    try {
      const model = await loading;
      const caption = (await model.caption(image, { length: settings.length, maxTokens: settings.maxTokens, deadline: Date.now() + settings.timeoutMs })).trim();
      if (!caption) return { failure: `Moondream ${name} in process: an empty caption` };
      return { caption, source: `caption: Moondream ${model.model} in process (${settings.length})` };
    } catch (error) {
      const reason = error instanceof CaptionTimedOut ? `no caption within ${settings.timeoutMs / 1000} s (LIFESTREAM_MOONDREAM_TIMEOUT_S; ${error.tokens} tokens decoded)` : errorMessage(error);
      return { failure: `Moondream ${name} in process: ${reason}` };
    }
  };
}
