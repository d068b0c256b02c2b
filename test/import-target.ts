// What the importer suites share: an ingest token on a harness, an importer run against its API
// with a fresh state folder, and the device's events as the timeline returns them.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAccessToken } from '../db/access-tokens.ts';
import { cursorFile } from '../scripts/import/cursor-file.ts';
import type { Importer } from '../scripts/import/import-step.ts';
import { lifestreamClient, type LifestreamClient } from '../scripts/import/lifestream-client.ts';
import { runImport, type ImportReport } from '../scripts/import/run-import.ts';
import { after, before } from 'node:test';
import { eventually, startHarness, uniqueDevice, type Harness } from './harness.ts';

/**
 * The suite's Lifestream with its persistence consumer, started before the suite's tests and closed
 * after them (call it inside describe); the function returned answers it once started.
 */
export function importerLifestream(): () => Harness {
  let started: Harness | undefined;
  before(async () => {
    started = await startHarness();
    await started.startPersistence();
  });
  after(() => started?.close());
  return () => {
    if (!started) throw new Error("the suite's Lifestream is not started: use it inside a test");
    return started;
  };
}

export interface ImportTarget {
  deviceId: string;
  token: string;
  stateDir: string;
  client: LifestreamClient;
  run(importer: Importer, options?: { client?: LifestreamClient; batchSize?: number; limit?: number; maxRequestFileBytes?: number }): Promise<ImportReport>;
  /** The device's events of one kind on the timeline, oldest first, once there are `count` of them. */
  timeline(kind: string, count: number, fields: string): Promise<Record<string, unknown>[]>;
  rowCount(table: string): Promise<number>;
}

export async function importTarget(h: Harness, label: string): Promise<ImportTarget> {
  const deviceId = uniqueDevice(label);
  const { token } = await createAccessToken(h.services.store, { name: `importer test ${label}`, scope: 'ingest', deviceId });
  const stateDir = mkdtempSync(join(tmpdir(), 'lifestream-import-state-'));
  // Retried as the CLI does: a socket the server closed while a test held the event loop is tried anew.
  const client = lifestreamClient({ url: h.url, token, deviceId, retries: 2 });
  const target: ImportTarget = {
    deviceId,
    token,
    stateDir,
    client,
    run: (importer, options = {}) =>
      runImport(importer, { ...options, client: options.client ?? client, cursor: cursorFile(stateDir, importer.cursorKey) }),
    async timeline(kind, count, fields) {
      return eventually(async () => {
        const result = await h.graphql<{ timeline: { edges: { node: Record<string, unknown> }[] } }>(
          `query($devices: [ID!], $kinds: [EventKind!]) { timeline(from: "1970-01-01T00:00:00Z", to: "2100-01-01T00:00:00Z", deviceIds: $devices, kinds: $kinds, first: 500) { edges { node { id time ${fields} } } } }`,
          { devices: [deviceId], kinds: [kind] },
        );
        if (result.errors) throw new Error(JSON.stringify(result.errors));
        const nodes = result.data!.timeline.edges.map((e) => e.node);
        return nodes.length === count ? nodes : undefined;
      }, `${count} ${kind} events of ${deviceId} on the timeline`);
    },
    async rowCount(table) {
      const [row] = await h.services.store.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE device_id = $1`, [deviceId]);
      return row!.n;
    },
  };
  return target;
}

/**
 * A client that delivers the first `batches` batches sent and loses the connection on every later
 * one after the API acknowledged it, in whatever order several in flight are answered.
 */
export function clientLostAfter(client: LifestreamClient, batches: number): LifestreamClient {
  let sent = 0;
  return {
    async ingest(events) {
      const place = ++sent;
      const rejected = await client.ingest(events);
      if (place > batches) throw new Error('connection lost after the answer (test)');
      return rejected;
    },
  };
}
