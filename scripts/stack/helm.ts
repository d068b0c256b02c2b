// Helm, for the chart tests (helm lint, helm template): built from the Go module proxy with the
// machine's Go into .stack/go, once, since no Helm release binary can be downloaded here.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findOnPath, runChecked } from './processes.ts';
import { stackDir } from './settings.ts';

export const helmVersion = 'v3.22.0';
const goDir = join(stackDir, 'go');
export const helmBinary = join(goDir, 'bin', 'helm');

/** Builds helm when it is missing; returns whether it did. */
export async function ensureHelm(): Promise<boolean> {
  if (existsSync(helmBinary)) return false;
  const go = findOnPath('go') ?? (existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : undefined);
  if (!go) throw new Error('helm is built with Go, which is missing: install Go 1.24 or newer (https://go.dev/dl) and run `npm run stack -- up` again');
  console.log(`building helm ${helmVersion} from the Go module proxy into ${goDir}, once (a few minutes)`);
  await runChecked(go, ['install', '-trimpath', '-ldflags=-s -w', `helm.sh/helm/v3/cmd/helm@${helmVersion}`], {
    env: { ...process.env, GOPATH: goDir, GOMODCACHE: join(goDir, 'mod'), GOCACHE: join(goDir, 'cache'), GOFLAGS: '-mod=mod' },
  });
  return true;
}
