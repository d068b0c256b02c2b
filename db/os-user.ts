// PostgreSQL refuses to run as root. As root we run it as the `postgres` OS user, which must be
// able to reach its directory through every parent.
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

export const postgresOsUser = 'postgres';

export const runningAsRoot = () => process.getuid?.() === 0;

function lookUpIds(): { uid: number; gid: number } | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', postgresOsUser], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    const gid = Number(execFileSync('id', ['-g', postgresOsUser], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    return { uid, gid };
  } catch {
    return undefined;
  }
}

/** uid and gid of the postgres OS user, created (as a system user without login) when missing. */
export function postgresIds(): { uid: number; gid: number } {
  const existing = lookUpIds();
  if (existing) return existing;
  try {
    execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', postgresOsUser], { stdio: 'ignore' });
  } catch {
    throw new Error(`PostgreSQL cannot run as root and the "${postgresOsUser}" OS user could not be created: run Lifestream as a normal user, or create it (useradd --system ${postgresOsUser})`);
  }
  console.log(`created the system user "${postgresOsUser}" to run the embedded PostgreSQL (it refuses to run as root)`);
  return lookUpIds()!;
}

/**
 * Grants search permission (o+x: traverse, not list) on every parent of dir that lacks it: a
 * checkout in a private directory (mktemp's 0700) would otherwise keep the postgres user out.
 */
export function grantTraversal(dir: string): void {
  for (let parent = dirname(dir); parent !== dirname(parent); parent = dirname(parent)) {
    const mode = statSync(parent).mode;
    if ((mode & 0o001) === 0) {
      chmodSync(parent, mode | 0o001);
      console.log(`granted traversal (o+x) on ${parent} so the ${postgresOsUser} user can reach its data`);
    }
  }
}

/** Makes dir the postgres user's when running as root. */
export function handToPostgresUser(dir: string): void {
  if (!runningAsRoot()) return;
  const { uid, gid } = postgresIds();
  chownSync(dir, uid, gid);
  grantTraversal(dir);
}
