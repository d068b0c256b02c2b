// Holds every locked package to the Node that package.json declares (engines.node), so `npm ci` on
// the oldest declared Node prints no EBADENGINE warning and nothing at run time needs a newer one.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import semver from 'semver';
import { z } from 'zod';

// Old packages write engines as an array of strings; npm ignores those, and so does this check.
const enginesSchema = z.union([z.object({ node: z.string().optional() }), z.array(z.string())]);
const lockfileSchema = z.object({
  packages: z.record(z.string(), z.object({ version: z.string().optional(), engines: enginesSchema.optional() })),
});
type Lockfile = z.infer<typeof lockfileSchema>;

/** Each locked package whose engines.node the oldest Node in declaredNode does not satisfy, with the fix. */
function packagesNeedingNewerNode(lockfile: Lockfile, declaredNode: string): string[] {
  const oldestNode = semver.minVersion(declaredNode);
  if (oldestNode === null) throw new Error(`package.json engines.node "${declaredNode}" is not a semver range`);
  return Object.entries(lockfile.packages).flatMap(([path, entry]) => {
    const wanted = entry.engines !== undefined && !Array.isArray(entry.engines) ? entry.engines.node : undefined;
    if (path === '' || wanted === undefined || semver.satisfies(oldestNode, wanted)) return [];
    return [
      `${path}@${entry.version ?? '?'} wants Node ${wanted} but package.json declares ${declaredNode}: ` +
        'pin a version that supports it (package.json overrides for a transitive one) or raise engines.node',
    ];
  });
}

async function readJson(name: string): Promise<unknown> {
  return JSON.parse(await readFile(new URL(`../${name}`, import.meta.url), 'utf8'));
}

describe('the Node that package.json declares', () => {
  it('runs every package in package-lock.json, dev and optional ones included', async () => {
    const declaredNode = z.object({ engines: z.object({ node: z.string() }) }).parse(await readJson('package.json')).engines.node;
    const lockfile = lockfileSchema.parse(await readJson('package-lock.json'));
    assert.deepEqual(packagesNeedingNewerNode(lockfile, declaredNode), []);
  });

  it('names a package that wants a newer Node, and accepts ranges that include the oldest declared one', () => {
    const lockfile: Lockfile = {
      packages: {
        '': { version: '0.1.0', engines: { node: '>=20.19' } },
        'node_modules/needs-22': { version: '2.0.2', engines: { node: '>=22.15.0' } },
        'node_modules/either-line': { version: '1.0.0', engines: { node: '^20.19.0 || >=22.12.0' } },
        'node_modules/listed-majors': { version: '12.0.0', engines: { node: '20.x || 22.x || 24.x' } },
        'node_modules/old-array-form': { version: '0.1.0', engines: ['node >= 0.4'] },
        'node_modules/no-engines': { version: '1.0.0' },
      },
    };
    const problems = packagesNeedingNewerNode(lockfile, '>=20.19');
    assert.equal(problems.length, 1);
    assert.match(problems[0] ?? '', /^node_modules\/needs-22@2\.0\.2 wants Node >=22\.15\.0 but package\.json declares >=20\.19/);
  });
});
