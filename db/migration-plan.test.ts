import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pendingMigration } from './migration-plan.ts';

describe('migrations', () => {
  it('are up to date with the catalogue (after changing a kind, run `npm run db:generate -- <name>`)', async () => {
    const { statements } = await pendingMigration();
    assert.deepEqual(statements, []);
  });
});
