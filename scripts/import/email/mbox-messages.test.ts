import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { mboxMessages } from './mbox-messages.ts';

const path = join(mkdtempSync(join(tmpdir(), 'mbox-')), 'test.mbox');
const first = 'From a@example.org Sat Mar  1 07:00:00 2025\nSubject: one\n\n>From the start\n>>From twice\nFrom: not a separator\n\n';
const second = 'From b@example.org Sat Mar  1 08:00:00 2025\nSubject: two\n\nbody\n';
writeFileSync(path, first + second);

const all = async (offset?: number) => {
  const messages = [];
  for await (const m of mboxMessages(path, offset)) messages.push({ start: m.start, end: m.end, text: m.raw.toString() });
  return messages;
};

it('splits at From lines, unquotes >From lines once and gives each message its byte range', async () => {
  assert.deepEqual(await all(), [
    { start: 0, end: first.length, text: 'Subject: one\n\nFrom the start\n>From twice\nFrom: not a separator\n\n' },
    { start: first.length, end: first.length + second.length, text: 'Subject: two\n\nbody\n' },
  ]);
});

it('resumes at a message boundary', async () => {
  assert.deepEqual((await all(first.length)).map((m) => m.text), ['Subject: two\n\nbody\n']);
});

it('refuses a file that is not an mbox, naming it', async () => {
  const eml = join(mkdtempSync(join(tmpdir(), 'mbox-')), 'message.eml');
  writeFileSync(eml, 'Subject: hi\n\nbody\n');
  await assert.rejects(async () => {
    for await (const m of mboxMessages(eml)) void m;
  }, /message\.eml is not an mbox file: byte 0 should start a "From " line; pass \.eml files with the eml source/);
});
