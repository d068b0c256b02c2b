// Installs the Debian packages the stack runs on, when their binaries are missing.
import { findOnPath, runChecked } from './processes.ts';
import type { AptRequirement } from './service.ts';

export async function installMissingPackages(requirements: readonly AptRequirement[]): Promise<void> {
  await installPackages(requirements.filter((r) => !findOnPath(r.binary)).map((r) => r.aptPackage));
}

/** apt-get installs these packages (none: does nothing), refreshing the package lists first. */
export async function installPackages(packages: readonly string[]): Promise<void> {
  const missing = [...new Set(packages)];
  if (missing.length === 0) return;
  console.log(`installing ${missing.join(', ')} with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await runChecked('apt-get', ['update'], { env });
  await runChecked('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env });
}
