// The Store in-process on PGlite. The caller opens the PGlite instance, so the same code serves the
// embedded default and the TimescaleDB build of PGlite the tests use.
import type { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { migrationsFolder } from './migrations-folder.ts';
import type { Statement, Store } from './store.ts';

export function openPgliteStore(pglite: PGlite): Store {
  const db = drizzle(pglite);
  return {
    db,
    // No StatementBounds: PGlite (unit tests and benches) runs in this process, one statement at a time, and cannot cancel one.
    query: async <Row>(text: string, params: unknown[] = []) => (await pglite.query<Row>(text, params)).rows,
    transaction: <Row>(statements: readonly Statement[]) =>
      pglite.transaction(async (tx) => {
        const results: Row[][] = [];
        for (const { text, params } of statements) results.push((await tx.query<Row>(text, params)).rows);
        return results;
      }),
    async listen(channel, onMessage) {
      const unlisten = await pglite.listen(channel, onMessage);
      return unlisten;
    },
    migrate: () => migrate(db, { migrationsFolder }),
    // PGlite lives in this process: no other process can be preparing it.
    exclusively: (work) => work(),
    close: () => pglite.close(),
  };
}
