import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { MoondreamArchiveError, unpackMoondreamArchive } from './moondream-archive.ts';

/** A MOON archive as the release's moonfile.py reads it. */
function moonArchive(members: Record<string, Uint8Array>, version = 1): Buffer {
  const parts: Buffer[] = [Buffer.from('MOON'), Buffer.from([version])];
  for (const [name, content] of Object.entries(members)) {
    const nameBytes = Buffer.from(name);
    const nameLength = Buffer.alloc(4);
    nameLength.writeUInt32BE(nameBytes.length);
    const contentLength = Buffer.alloc(8);
    contentLength.writeBigUInt64BE(BigInt(content.length));
    parts.push(nameLength, nameBytes, contentLength, Buffer.from(content));
  }
  return Buffer.concat(parts);
}

describe("Moondream's model archive", () => {
  const dir = mkdtempSync(join(tmpdir(), 'lifestream-moondream-archive-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  // Larger than a read chunk (64 KiB), so members span chunks and chunks span members.
  const big = Uint8Array.from({ length: 200_000 }, (_, i) => (i * 31) % 251);
  const members = { 'moondream-2b-int8/config.json': Buffer.from('{"special_tokens":{"eos":0}}'), 'text_decoder.onnx': big, 'empty.npy': new Uint8Array(0) };

  for (const [kind, bytes, file] of [
    ['.mf', moonArchive(members), 'model.mf'],
    ['.mf.gz', gzipSync(moonArchive(members)), 'model.mf.gz'],
  ] as const) {
    it(`unpacks a ${kind} member by member, each under the last part of its name`, async () => {
      const archive = join(dir, file);
      writeFileSync(archive, bytes);
      const out = join(dir, `out-${file}`);
      assert.deepEqual(await unpackMoondreamArchive(archive, out), ['config.json', 'text_decoder.onnx', 'empty.npy']);
      assert.deepEqual(readdirSync(out).sort(), ['config.json', 'empty.npy', 'text_decoder.onnx']);
      assert.equal(readFileSync(join(out, 'config.json'), 'utf8'), '{"special_tokens":{"eos":0}}');
      assert.deepEqual(new Uint8Array(readFileSync(join(out, 'text_decoder.onnx'))), big);
      assert.equal(readFileSync(join(out, 'empty.npy')).length, 0);
    });
  }

  const refusals = [
    { what: 'a file of another kind', bytes: Buffer.from('PK\u0003\u0004 a zip'), error: /is not a Moondream model archive \(it does not start with "MOON"\)/ },
    { what: 'another format version', bytes: moonArchive(members, 2), error: /has format version 2; Lifestream reads version 1/ },
    { what: 'a truncated archive', bytes: moonArchive(members).subarray(0, 100_000), error: /ends inside .*text_decoder.onnx: it is truncated; download it again/ },
    { what: 'a member named ..', bytes: moonArchive({ '..': new Uint8Array(1) }), error: /has a member without a usable name \("\.\."\)/ },
  ];
  for (const { what, bytes, error } of refusals) {
    it(`refuses ${what}, naming the archive`, async () => {
      const archive = join(dir, 'bad.mf');
      writeFileSync(archive, bytes);
      await assert.rejects(unpackMoondreamArchive(archive, join(dir, 'bad')), (e: unknown) => e instanceof MoondreamArchiveError && e.message.includes(archive) && error.test(e.message));
    });
  }

  it('refuses a .gz that is not gzip', async () => {
    const archive = join(dir, 'plain.mf.gz');
    writeFileSync(archive, moonArchive(members));
    await assert.rejects(unpackMoondreamArchive(archive, join(dir, 'plain')), /Moondream archive .*plain.mf.gz could not be read: incorrect header check/);
  });
});
