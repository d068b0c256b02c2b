import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { configurationReference } from './configuration-page.ts';

describe('configuration reference', () => {
  it('shows each setting with its default, what it accepts and its description', () => {
    const table = configurationReference(
      z.object({
        PORT: z.coerce.number().int().min(0).max(65_535).default(4000).describe('HTTP port.'),
        MODE: z.enum(['auto', 'cpu']).default('auto').describe('Where it runs.'),
        DIR: z.string().min(1).transform((dir) => dir.trim()).optional().describe('A folder. Unset: <none>.'),
      }),
    );
    assert.equal(
      table,
      [
        '| variable | default | accepts | meaning |',
        '| --- | --- | --- | --- |',
        '| `PORT` | `4000` | an integer, 0 to 65535 | HTTP port. |',
        '| `MODE` | `auto` | one of `auto`, `cpu` | Where it runs. |',
        '| `DIR` | unset | non-empty text | A folder. Unset: &lt;none&gt;. |',
      ].join('\n'),
    );
  });

  it('refuses a setting without a description, saying where to add it', () => {
    assert.throws(() => configurationReference(z.object({ PORT: z.coerce.number().default(4000) })), /schema\/config\.ts: PORT has no description; add \.describe\('\.\.\.'\) to its entry/);
  });
});
