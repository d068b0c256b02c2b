// A model loaded on first use, kept while in use, released once idle, and loaded again after.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { modelOnUse } from './model-on-use.ts';

/** A model whose loads and releases are counted; `released` settles on its next release. */
function countedModel() {
  const counts = { loads: 0, releases: 0 };
  let onRelease: () => void = () => {};
  const nextRelease = () => new Promise<void>((resolve) => (onRelease = resolve));
  const load = async () => {
    counts.loads += 1;
    const generation = counts.loads;
    return {
      generation,
      release: async () => {
        counts.releases += 1;
        onRelease();
      },
    };
  };
  return { counts, load, nextRelease };
}

describe('a model on use', () => {
  it('is not loaded before its first use, and loaded once for uses close together', async () => {
    const { counts, load } = countedModel();
    const model = modelOnUse(load, 60_000);
    assert.equal(model.loaded, false);
    const generations = await Promise.all([model.use(async (m) => m.generation), model.use(async (m) => m.generation)]);
    assert.deepEqual(generations, [1, 1]);
    assert.equal(counts.loads, 1);
    await model.release();
  });

  it('is released once idle, and loaded again by the next use', async () => {
    const { counts, load, nextRelease } = countedModel();
    const model = modelOnUse(load, 5);
    const released = nextRelease();
    await model.use(async () => undefined);
    // The idle timer does not hold the process open (an idle model must not keep a consumer alive),
    // so the test holds its event loop open until the release, or it would end with the wait pending.
    const holdOpen = setInterval(() => {}, 1000);
    try {
      await released;
    } finally {
      clearInterval(holdOpen);
    }
    assert.equal(model.loaded, false);
    assert.equal(await model.use(async (m) => m.generation), 2);
    assert.deepEqual(counts, { loads: 2, releases: 1 });
    await model.release();
  });

  it('is not released while a use is running, however long it takes', async () => {
    const { counts, load } = countedModel();
    const model = modelOnUse(load, 1);
    let finish: () => void = () => {};
    const running = model.use(() => new Promise<void>((resolve) => (finish = resolve)));
    // Another use starts and ends meanwhile, and more than idleMs passes (an absence cannot be polled for):
    // no release while the first use holds the model.
    await model.use(async () => undefined);
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(model.loaded, true);
    finish();
    await running;
    assert.equal(counts.releases, 0, 'the idle timer starts when the last use ends');
    await model.release();
    assert.equal(counts.releases, 1);
  });

  it('loads again after a failed load', async () => {
    let attempts = 0;
    const model = modelOnUse(async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('weights missing');
      return { attempt: attempts, release: async () => {} };
    }, 60_000);
    await assert.rejects(model.use(async () => undefined), /weights missing/);
    assert.equal(await model.use(async (m) => m.attempt), 2);
    await model.release();
  });
});
