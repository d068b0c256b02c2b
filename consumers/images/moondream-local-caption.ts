// The caption of in-process Moondream (LIFESTREAM_MOONDREAM_MODEL) as the analysis workers give it:
// the model loaded on the first image and kept with the worker; a caption, or why there is none
// (the model missing or broken, decoding past the timeout), so that the analysis is never lost for it.
import { CaptionTimedOut, loadLocalMoondream, type LocalMoondream } from './moondream-local.ts';
import type { LocalMoondreamSettings } from './moondream-local-settings.ts';
import type { RgbImage } from './rgb-image.ts';

/** A caption and the model that wrote it, or why there is none. */
export type LocalCaption = { caption: string; source: string } | { failure: string };

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Captions images with settings.model, loaded on the first call (again after a failed load); never rejects. */
export function localMoondreamCaptioner(settings: LocalMoondreamSettings, threads: number): (image: RgbImage) => Promise<LocalCaption> {
  const { name } = settings.model;
  let loading: Promise<LocalMoondream> | undefined;
  return async (image) => {
    loading ??= loadLocalMoondream(settings.model, { threads }).catch((error: unknown) => {
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
