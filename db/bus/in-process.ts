// The Bus inside one process, for the embedded default. Each topic is an append-only log of JSON
// lines in segment files (<dir>/topics/<topic>/<first offset>.log), fsynced before produce
// resolves; each group's committed offsets live in <dir>/groups/<group>.json, replaced atomically.
// Same topic names and delivery as Kafka: at-least-once, offsets committed after a batch was
// handled, a failed batch redelivered. One partition per topic, one process per directory.
import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { open, rename, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { startTicksOf, stillRunning } from '../pid-file.ts';
import type { Bus, DeliveredBatch, DeliveredMessage, OutgoingMessage, SubscribeOptions, Subscription } from './port.ts';

export interface InProcessBusOptions {
  dir: string;
  /** A segment is closed and a new one started past this size. */
  segmentBytes?: number;
  /** Closed segments older than this that every group has consumed are deleted. */
  retentionMs?: number;
}

interface StoredMessage {
  k: string;
  v: string;
  h?: Record<string, string>;
}

interface Segment {
  base: number;
  path: string;
  /** Bytes known to be complete and durable; readers never read past it. */
  size: number;
  modifiedMs: number;
}

const newline = 0x0a;
const segmentName = (base: number) => `${String(base).padStart(20, '0')}.log`;

async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** One topic's log: segments, the next offset, and a writer that fsyncs appends in groups. */
class TopicLog {
  readonly segments: Segment[] = [];
  end = 0;
  private active!: FileHandle;
  private pending: { data: string; count: number; done: (error?: Error) => void }[] = [];
  private flushing = false;
  readonly appended = new EventEmitter().setMaxListeners(0);

  constructor(
    readonly topic: string,
    private readonly dir: string,
    private readonly segmentBytes: number,
  ) {}

  async open(): Promise<void> {
    mkdirSync(this.dir, { recursive: true });
    const bases = readdirSync(this.dir)
      .filter((f) => f.endsWith('.log'))
      .map((f) => Number(f.slice(0, -4)))
      .sort((a, b) => a - b);
    if (bases.length === 0) bases.push(0);
    for (const base of bases) {
      const path = join(this.dir, segmentName(base));
      const stat = existsSync(path) ? statSync(path) : undefined;
      this.segments.push({ base, path, size: stat?.size ?? 0, modifiedMs: stat?.mtimeMs ?? Date.now() });
    }
    const last = this.segments.at(-1)!;
    // A crash may leave a torn last line: cut it off; it was never acknowledged.
    const content = existsSync(last.path) ? readFileSync(last.path) : Buffer.alloc(0);
    const complete = content.lastIndexOf(newline) + 1;
    let lines = 0;
    for (let i = 0; i < complete; i++) if (content[i] === newline) lines++;
    this.active = await open(last.path, 'a+');
    if (complete < content.length) await this.active.truncate(complete);
    last.size = complete;
    this.end = last.base + lines;
  }

  append(messages: OutgoingMessage[]): Promise<void> {
    const data = messages.map((m) => JSON.stringify({ k: m.key, v: m.value, ...(m.headers ? { h: m.headers } : {}) }) + '\n').join('');
    return new Promise((resolve, reject) => {
      this.pending.push({ data, count: messages.length, done: (error) => (error ? reject(error) : resolve()) });
      if (!this.flushing) void this.flush();
    });
  }

  /** Writes everything pending in one write and one fsync: concurrent producers share the cost. */
  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.pending.length > 0) {
      const group = this.pending.splice(0);
      try {
        const data = Buffer.from(group.map((p) => p.data).join(''));
        await this.active.write(data);
        await this.active.datasync();
        const segment = this.segments.at(-1)!;
        segment.size += data.length;
        segment.modifiedMs = Date.now();
        this.end += group.reduce((n, p) => n + p.count, 0);
        if (segment.size >= this.segmentBytes) await this.roll();
        for (const p of group) p.done();
        this.appended.emit('data');
      } catch (error) {
        for (const p of group) p.done(error as Error);
      }
    }
    this.flushing = false;
  }

  private async roll(): Promise<void> {
    await this.active.close();
    const path = join(this.dir, segmentName(this.end));
    this.active = await open(path, 'a+');
    await fsyncDirectory(this.dir);
    this.segments.push({ base: this.end, path, size: 0, modifiedMs: Date.now() });
  }

  /** Deletes closed segments older than the retention that every group has read past. */
  deleteConsumed(consumedBelow: number, olderThanMs: number): void {
    while (this.segments.length > 1) {
      const [first, second] = this.segments as [Segment, Segment];
      if (second.base > consumedBelow || first.modifiedMs > olderThanMs) return;
      rmSync(first.path, { force: true });
      this.segments.shift();
    }
  }

  /** Byte positions where recent reads ended, so the next read of a consumer need not rescan. */
  private readonly positions = new Map<number, { base: number; position: number }>();

  /** Messages from `offset` on, up to about maxBytes (at least one). */
  async read(offset: number, maxBytes: number): Promise<DeliveredMessage[]> {
    const segment = this.segments[Math.max(this.segments.findLastIndex((s) => s.base <= offset), 0)]!;
    // Offsets before the oldest kept segment were deleted by retention: start at what is left.
    let current = Math.max(offset, segment.base);
    const cached = this.positions.get(current);
    const known = cached?.base === segment.base ? cached.position : undefined;
    let position = known ?? 0;
    let skip = known === undefined ? current - segment.base : 0;
    const messages: DeliveredMessage[] = [];
    let bytes = 0;
    const handle = await open(segment.path, 'r');
    try {
      const buffer = Buffer.alloc(Math.max(1 << 20, Math.min(maxBytes, 16 << 20)));
      while (position < segment.size && (messages.length === 0 || bytes < maxBytes)) {
        const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, segment.size - position), position);
        const lastNewline = buffer.subarray(0, bytesRead).lastIndexOf(newline);
        if (lastNewline === -1) throw new Error(`${this.topic}: a message in ${segment.path} exceeds ${buffer.length} bytes`);
        let start = 0;
        for (let nl = buffer.indexOf(newline); nl !== -1 && nl <= lastNewline; nl = buffer.indexOf(newline, start)) {
          if (skip > 0) {
            skip--;
          } else if (messages.length === 0 || bytes < maxBytes) {
            const stored = JSON.parse(buffer.toString('utf8', start, nl)) as StoredMessage;
            messages.push({ offset: String(current++), key: stored.k, value: stored.v, headers: stored.h ?? {} });
            bytes += nl - start;
          } else {
            break;
          }
          start = nl + 1;
        }
        position += start;
      }
    } finally {
      await handle.close();
    }
    if (this.positions.size > 64) this.positions.delete(this.positions.keys().next().value!);
    this.positions.set(current, { base: segment.base, position });
    return messages;
  }
}

/** Committed offsets per group, each group's file replaced atomically on commit. */
class GroupOffsets {
  private readonly offsets = new Map<string, Record<string, number>>();
  private writes = new Map<string, Promise<void>>();

  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      this.offsets.set(file.slice(0, -5), JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, number>);
    }
  }

  committed(groupId: string, topic: string): number {
    return this.offsets.get(groupId)?.[topic] ?? 0;
  }

  /** The lowest offset any group still needs on the topic. */
  lowestNeeded(topic: string): number {
    let lowest = Infinity;
    for (const offsets of this.offsets.values()) if (topic in offsets) lowest = Math.min(lowest, offsets[topic]!);
    return lowest === Infinity ? 0 : lowest;
  }

  commit(groupId: string, topic: string, next: number): Promise<void> {
    const offsets = { ...this.offsets.get(groupId), [topic]: next };
    this.offsets.set(groupId, offsets);
    const previous = this.writes.get(groupId) ?? Promise.resolve();
    const write = previous.then(async () => {
      const path = join(this.dir, `${groupId}.json`);
      const temporary = `${path}.tmp`;
      const handle = await open(temporary, 'w');
      try {
        await handle.writeFile(JSON.stringify(this.offsets.get(groupId)));
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, path);
    });
    this.writes.set(groupId, write);
    return write;
  }
}

/**
 * Refuses a second process on the same directory: the log has one writer. bus.pid holds the holder's
 * PID and start time; one left by a process that died (its PID since reused by anything) is taken over.
 */
function lockDirectory(dir: string): () => void {
  const lockFile = join(dir, 'bus.pid');
  if (existsSync(lockFile)) {
    // Before start times were recorded, the file held the PID alone: its process then ran node.
    const [pidField = '', startTicks] = readFileSync(lockFile, 'utf8').trim().split(/\s+/);
    const pid = Number(pidField);
    if (pid !== process.pid && stillRunning({ pid, startTicks, commandIncludes: 'node' })) {
      throw new Error(`${dir} is in use by another Lifestream process (pid ${pid}); stop it first, or set KAFKA_BROKERS to run several processes`);
    }
  }
  writeFileSync(lockFile, `${process.pid} ${startTicksOf(process.pid) ?? ''}`.trim());
  return () => rmSync(lockFile, { force: true });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function openInProcessBus(options: InProcessBusOptions): Promise<Bus> {
  mkdirSync(options.dir, { recursive: true });
  const unlock = lockDirectory(options.dir);
  const segmentBytes = options.segmentBytes ?? 64 * 1024 * 1024;
  const retentionMs = options.retentionMs ?? 7 * 86_400_000;
  const logs = new Map<string, TopicLog>();
  const groups = new GroupOffsets(join(options.dir, 'groups'));
  const activeGroups = new Set<string>();
  const running = new Set<{ stop(): Promise<void> }>();

  const logOf = async (topic: string): Promise<TopicLog> => {
    let log = logs.get(topic);
    if (!log) {
      log = new TopicLog(topic, join(options.dir, 'topics', topic), segmentBytes);
      logs.set(topic, log);
      await log.open();
    }
    return log;
  };

  const consume = async (groupId: string, log: TopicLog, subscription: SubscribeOptions, isStopped: () => boolean, wake: EventEmitter) => {
    const maxBytes = subscription.maxBytesPerPartition ?? 4 * 1024 * 1024;
    let failures = 0;
    while (!isStopped()) {
      const offset = groups.committed(groupId, log.topic);
      const messages = offset < log.end ? await log.read(offset, maxBytes) : [];
      if (messages.length === 0) {
        await new Promise<void>((resolve) => {
          const done = () => {
            log.appended.off('data', done);
            wake.off('stop', done);
            resolve();
          };
          log.appended.on('data', done);
          wake.on('stop', done);
          if (isStopped() || offset < log.end) done();
        });
        continue;
      }
      // One process holds the group: no session to keep alive.
      const batch: DeliveredBatch = { topic: log.topic, partition: 0, messages, highWatermark: String(log.end), heartbeat: async () => {} };
      try {
        const handled = await subscription.eachBatch(batch);
        await groups.commit(groupId, log.topic, Number(handled?.handledThrough ?? messages.at(-1)!.offset) + 1);
        log.deleteConsumed(groups.lowestNeeded(log.topic), Date.now() - retentionMs);
        failures = 0;
      } catch (error) {
        // Like a Kafka consumer whose batch failed: nothing committed, the batch comes again.
        failures++;
        // A batch given up because the consumer stops comes again after the restart: no failure to report.
        if (!isStopped()) console.error(`in-process bus: group ${groupId} failed on ${log.topic}, redelivering:`, error);
        await sleep(Math.min(100 * 2 ** failures, 5_000));
      }
    }
  };

  return {
    async produce(batches) {
      await Promise.all(batches.filter((b) => b.messages.length > 0).map(async (b) => (await logOf(b.topic)).append(b.messages)));
    },

    async subscribe(subscription): Promise<Subscription> {
      const { groupId, topics } = subscription;
      if (activeGroups.has(groupId)) throw new Error(`group ${groupId} is already consuming in this process`);
      activeGroups.add(groupId);
      let stopped = false;
      const wake = new EventEmitter();
      wake.setMaxListeners(0);
      const topicLogs = await Promise.all(topics.map(logOf));
      const loops = topicLogs.map((log) => consume(groupId, log, subscription, () => stopped, wake));
      const handle = {
        async stop() {
          stopped = true;
          wake.emit('stop');
          await Promise.all(loops);
          activeGroups.delete(groupId);
          running.delete(handle);
        },
      };
      running.add(handle);
      return handle;
    },

    async backlog(groupId, topic) {
      const log = await logOf(topic);
      return log.end - Math.max(groups.committed(groupId, topic), log.segments[0]!.base);
    },

    // The log is this process's own files: nothing to reach.
    async ping() {},

    async close() {
      await Promise.all([...running].map((r) => r.stop()));
      unlock();
    },
  };
}
