// Running commands and watching daemons: pid files, ports, log tails.
import { spawn } from 'node:child_process';
import { accessSync, closeSync, constants, existsSync, openSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { delimiter, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface CommandOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Run as this OS user (through runuser); PostgreSQL refuses to run as root. */
  user?: string;
}

export interface CommandResult {
  exitCode: number;
  output: string;
}

export function runCommand(command: string, args: readonly string[], options: CommandOptions = {}): Promise<CommandResult> {
  const [file, argv] = options.user ? ['runuser', ['-u', options.user, '--', command, ...args]] : [command, args];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(file, argv, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ exitCode: code ?? 1, output }));
  });
}

export async function runChecked(command: string, args: readonly string[], options: CommandOptions = {}): Promise<string> {
  const { exitCode, output } = await runCommand(command, args, options);
  if (exitCode !== 0) {
    throw new Error(`\`${[command, ...args].join(' ')}\` exited with ${exitCode}:\n${lastLines(output, 30)}`);
  }
  return output;
}

export function findOnPath(binary: string): string | undefined {
  const candidates = binary.includes('/') ? [binary] : (process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, binary));
  return candidates.find((candidate) => {
    try {
      accessSync(candidate, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

export interface Daemon {
  pidFile: string;
  /** Part of its command line, to tell it from a process that later got the same pid. */
  commandLineMarker: string;
}

/**
 * Starts a daemon that outlives this process, its output appended to `outputFile`. We detach it
 * ourselves rather than let it daemonize so that its pid is known at once and an early crash is
 * seen at once.
 */
export function startDetached(command: string, args: readonly string[], daemon: Daemon, files: { outputFile: string; cwd: string }): number {
  const output = openSync(files.outputFile, 'a');
  try {
    const child = spawn(command, args, { cwd: files.cwd, detached: true, stdio: ['ignore', output, output] });
    child.on('error', () => {}); // a failed spawn is reported by the missing pid below
    if (child.pid === undefined) throw new Error(`could not start ${command}`);
    child.unref();
    writeFileSync(daemon.pidFile, `${child.pid}\n`);
    return child.pid;
  } finally {
    closeSync(output);
  }
}

/**
 * The pid of a running daemon, checked against its command line so that a recycled pid does not
 * count; a pid file naming a dead process is removed.
 */
export function runningPid({ pidFile, commandLineMarker }: Daemon): number | undefined {
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  if (Number.isInteger(pid) && pid > 0 && settledCommandLine(() => commandLineOf(pid), pauseBriefly).includes(commandLineMarker)) return pid;
  rmSync(pidFile, { force: true });
  return undefined;
}

/**
 * A process that is exec'ing shows an empty command line for an instant (Dovecot execs doveconf,
 * which execs Dovecot again, while it starts), so an empty one is read again before it counts as
 * gone. `undefined` from `read` means there is no such process.
 */
export function settledCommandLine(read: () => string | undefined, pause: () => void, attempts = 50): string {
  for (let attempt = 1; ; attempt += 1) {
    const commandLine = read();
    if (commandLine === undefined) return '';
    if (commandLine !== '' || attempt >= attempts) return commandLine;
    pause();
  }
}

const pauseCell = new Int32Array(new SharedArrayBuffer(4));
function pauseBriefly(): void {
  Atomics.wait(pauseCell, 0, 0, 10);
}

/** `undefined` for a process that is gone; empty for a zombie (the kernel drops its command line) or one caught mid-exec. */
function commandLineOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return undefined;
  }
}

/** SIGTERM for a clean shutdown, SIGKILL if it does not exit within `graceMs`. */
export async function stopDaemon(daemon: Daemon, graceMs: number): Promise<void> {
  const pid = runningPid(daemon);
  if (pid === undefined) return;
  const isGone = async () => !(commandLineOf(pid) ?? '').includes(daemon.commandLineMarker);
  process.kill(pid, 'SIGTERM');
  try {
    await waitUntil(`process ${pid} to exit after SIGTERM`, isGone, graceMs);
  } catch {
    console.warn(`${daemon.commandLineMarker} (pid ${pid}) ignored SIGTERM for ${graceMs / 1000} s; killing it`);
    process.kill(pid, 'SIGKILL');
    await waitUntil(`process ${pid} to exit after SIGKILL`, isGone, 10_000);
  }
  rmSync(daemon.pidFile, { force: true });
}

/** Waits for a daemon started by `startDetached` to answer, giving up as soon as it dies. */
export async function waitUntilReady(name: string, daemon: Daemon, isReady: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  await waitUntil(`${name} to answer`, async () => {
    if (runningPid(daemon) === undefined) throw new Error(`${name} exited during start`);
    return isReady();
  }, timeoutMs);
}

/** Polls `check` until it answers true; `check` throws to give up early (a daemon that died). */
export async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(250);
  }
}

export function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const socket = connect({ host, port, timeout: 1000 });
    const finish = (connected: boolean) => {
      socket.destroy();
      resolvePromise(connected);
    };
    socket.once('connect', () => finish(true));
    socket.once('timeout', () => finish(false));
    socket.once('error', () => finish(false));
  });
}

/** Guards against answering for a stranger's server that holds our port. */
export async function assertPortFree(host: string, port: number): Promise<void> {
  if (await canConnect(host, port)) {
    throw new Error(`port ${host}:${port} is already taken by a process this stack did not start; stop it or choose another port`);
  }
}

export function fileSize(path: string): number {
  return existsSync(path) ? statSync(path).size : 0;
}

/** The last lines written after byte `since`; reads at most 64 KiB since logs of a long-lived stack grow large. */
export function tailFile(path: string, lineCount: number, since = 0): string {
  const size = fileSize(path);
  const start = Math.max(since, size - 64 * 1024);
  if (size <= start) return '';
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(size - start);
    readSync(fd, buffer, 0, buffer.length, start);
    return lastLines(buffer.toString('utf8'), lineCount);
  } finally {
    closeSync(fd);
  }
}

function lastLines(text: string, lineCount: number): string {
  return text.trimEnd().split('\n').slice(-lineCount).join('\n');
}
