// A model loaded on its first use and released once unused for idleMs (LIFESTREAM_MODEL_IDLE_S), so
// that an idle consumer holds no model's memory; the next use loads it again.

/** LIFESTREAM_MODEL_IDLE_S's default, for handlers built without the configuration (tests, benchmarks). */
export const defaultModelIdleMs = 300_000;

export interface ReleasableModel {
  /** Frees what the model holds; without it, dropping the model leaves it to the garbage collector. */
  release?(): Promise<void>;
}

export interface ModelOnUse<Model> {
  /** Runs work with the model, loading it first if it is not loaded (again after a failed load). */
  use<Result>(work: (model: Model) => Promise<Result>): Promise<Result>;
  /** Whether the model is loaded or loading now. */
  readonly loaded: boolean;
  /** Releases the model now (the consumer stops, or it was idle long enough). */
  release(): Promise<void>;
}

export function modelOnUse<Model extends ReleasableModel>(load: () => Promise<Model>, idleMs: number): ModelOnUse<Model> {
  let loading: Promise<Model> | undefined;
  let inUse = 0;
  let idleTimer: NodeJS.Timeout | undefined;

  async function release(): Promise<void> {
    clearTimeout(idleTimer);
    const model = loading;
    loading = undefined;
    await model?.then(
      (loaded) => loaded.release?.(),
      () => undefined,
    );
  }

  return {
    async use(work) {
      clearTimeout(idleTimer);
      inUse += 1;
      try {
        loading ??= load().catch((error: unknown) => {
          loading = undefined;
          throw error;
        });
        return await work(await loading);
      } finally {
        inUse -= 1;
        if (inUse === 0) idleTimer = setTimeout(() => release().catch((error: unknown) => console.warn(`releasing an idle model: ${String(error)}`)), idleMs).unref();
      }
    },
    get loaded() {
      return loading !== undefined;
    },
    release,
  };
}
