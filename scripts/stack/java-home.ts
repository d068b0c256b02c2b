// Finds a JDK new enough for a service: Trino refuses anything before Java 22, while the `java` on
// PATH (Debian's 17, which Kafka runs on) is older, so we look in the machine's JVM folder too.
import { accessSync, constants, existsSync, readFileSync, readdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';

const jvmFolder = '/usr/lib/jvm';

/** JAVA_HOME when it is new enough, else the newest JDK under /usr/lib/jvm that is. */
export function findJavaHome(minimumMajor: number, purpose: string): string {
  const fromEnv = process.env.JAVA_HOME;
  if (fromEnv) {
    const major = javaMajorVersion(fromEnv);
    if (major !== undefined && major >= minimumMajor) return fromEnv;
    console.log(`JAVA_HOME (${fromEnv}) is ${major === undefined ? 'not a JDK' : `Java ${major}`}; ${purpose} needs ${minimumMajor}+, looking in ${jvmFolder}`);
  }
  const installed = installedJavaHomes();
  const newest = installed.filter((home) => home.major >= minimumMajor).sort((a, b) => b.major - a.major)[0];
  if (newest) return newest.path;
  const seen = installed.length === 0 ? 'none' : installed.map((home) => `${home.path} (Java ${home.major})`).join(', ');
  throw new Error(
    `${purpose} needs Java ${minimumMajor} or newer; found in ${jvmFolder}: ${seen}. Install one (e.g. Temurin 25) there or set JAVA_HOME to it`,
  );
}

function installedJavaHomes(): { path: string; major: number }[] {
  if (!existsSync(jvmFolder)) return [];
  // Debian links several names to one JDK (java-17-openjdk-amd64, java-1.17.0-openjdk-amd64): count each once.
  const byRealPath = new Map<string, { path: string; major: number }>();
  for (const name of readdirSync(jvmFolder)) {
    const path = join(jvmFolder, name);
    const major = javaMajorVersion(path);
    if (major === undefined) continue;
    const realPath = realpathSync(path);
    if (!byRealPath.has(realPath)) byRealPath.set(realPath, { path: realPath, major });
  }
  return [...byRealPath.values()];
}

/** From the JDK's `release` file, which every JDK since 9 ships: JAVA_VERSION="25.0.3" (or "1.8.0_392" for 8). */
function javaMajorVersion(javaHome: string): number | undefined {
  try {
    accessSync(join(javaHome, 'bin', 'java'), constants.X_OK);
    const version = /^JAVA_VERSION="([^"]+)"/m.exec(readFileSync(join(javaHome, 'release'), 'utf8'))?.[1];
    if (version === undefined) return undefined;
    const [first, second] = version.split('.').map(Number);
    const major = first === 1 ? second : first;
    return Number.isInteger(major) ? major : undefined;
  } catch {
    return undefined;
  }
}
