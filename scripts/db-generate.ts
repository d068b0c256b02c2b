// `npm run db:generate -- <name>`: writes the migration that brings the database up to the catalogue.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { journalPath, pendingMigration, snapshotPath } from '../db/migration-plan.ts';
import { migrationsFolder } from '../db/migrations-folder.ts';

const program = new Command('db:generate')
  .argument('[name]', 'what the migration does, in snake_case', 'catalogue')
  .action(async (name: string) => {
    const { statements, snapshot, journal } = await pendingMigration();
    if (statements.length === 0) {
      console.log('migrations are up to date with the catalogue');
      return;
    }
    const idx = journal.entries.length;
    const tag = `${String(idx).padStart(4, '0')}_${name}`;
    writeFileSync(join(migrationsFolder, `${tag}.sql`), statements.join('\n--> statement-breakpoint\n') + '\n');
    writeFileSync(snapshotPath(idx), JSON.stringify(snapshot, null, 2) + '\n');
    journal.entries.push({ idx, version: '7', when: Date.now(), tag, breakpoints: true });
    writeFileSync(journalPath, JSON.stringify(journal, null, 2) + '\n');
    console.log(`wrote db/migrations/${tag}.sql (${statements.length} statements)`);
  });

await program.parseAsync();
