// Migrations are generated from the catalogue's tables (and the few tables of our own, like
// access tokens) with drizzle-kit's API and kept in
// db/migrations in the layout drizzle's migrator reads (SQL files plus meta/_journal.json and snapshots).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateDrizzleJson, generateMigration } from 'drizzle-kit/api';
import { accessTokens } from './access-tokens.ts';
import { migrationsFolder } from './migrations-folder.ts';
import { tables } from './tables.ts';
import { timelineRollups } from './timeline-rollups.ts';


type Snapshot = ReturnType<typeof generateDrizzleJson>;

export interface JournalEntry {
  idx: number;
  version: string;
  when: number;
  tag: string;
  breakpoints: boolean;
}
export interface Journal {
  version: string;
  dialect: 'postgresql';
  entries: JournalEntry[];
}

export const journalPath = join(migrationsFolder, 'meta', '_journal.json');
export const snapshotPath = (idx: number) => join(migrationsFolder, 'meta', `${String(idx).padStart(4, '0')}_snapshot.json`);

export function readJournal(): Journal {
  if (!existsSync(journalPath)) return { version: '7', dialect: 'postgresql', entries: [] };
  return JSON.parse(readFileSync(journalPath, 'utf8')) as Journal;
}

function lastSnapshot(journal: Journal): Snapshot {
  const last = journal.entries.at(-1);
  if (!last) return generateDrizzleJson({});
  return JSON.parse(readFileSync(snapshotPath(last.idx), 'utf8')) as Snapshot;
}

/** The SQL that would bring the last generated migration up to the catalogue, and the new snapshot. */
export async function pendingMigration(): Promise<{ statements: string[]; snapshot: Snapshot; journal: Journal }> {
  const journal = readJournal();
  const previous = lastSnapshot(journal);
  const snapshot = generateDrizzleJson({ ...tables, accessTokens, timelineRollups }, previous.id);
  return { statements: await generateMigration(previous, snapshot), snapshot, journal };
}
