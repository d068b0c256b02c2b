// The email importers end to end: an mbox file, .eml files and a real IMAP server (the stack's
// Dovecot) into emailEvent through the GraphQL API, the bus and persistence; re-runs that add
// nothing, an interrupted import that resumes, a malformed message reported and skipped.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { ImapFlow } from 'imapflow';
import { imapImporter, type ImapAccount } from '../scripts/import/email/imap-mailbox.ts';
import { emlImporter, mboxImporter } from '../scripts/import/email/mail-files.ts';
import { fixtureMessages, pdfBytes, rfc5322, undatedMessage, writeMbox, type FixtureMessage } from './fixtures/email-messages.ts';
import { clientLostAfter, importerLifestream, importTarget } from './import-target.ts';
import { stackEnv } from './stack-env.ts';

const MiB = 2 ** 20;
const me = { ownAddresses: new Set(['me@example.org']), maxAttachmentBytes: 10 * MiB };
const emailFields = '... on EmailEvent { messageId direction from to subject snippet threadId }';
const attachmentFields = '... on EmailAttachment { messageId filename contentType byteSize inline content { sha256 byteSize mimeType } }';

/** Attachments in the order of their messages and names (at one time, the timeline orders them by id). */
const byMessageAndName = (attachments: Record<string, unknown>[]) =>
  attachments.toSorted((a, b) => `${String(a.messageId)} ${String(a.filename)}`.localeCompare(`${String(b.messageId)} ${String(b.filename)}`));

/** Three messages: a report and its notes, the same report forwarded, and a scan over a 64 KiB limit. */
function messagesWithAttachments(label: string): FixtureMessage[] {
  const [first, second, third] = fixtureMessages(3, label);
  const report = { filename: 'report.pdf', contentType: 'application/pdf', bytes: pdfBytes(label) };
  return [
    // A mail client names a file by its extension: "notes.pdf" is text, its bytes bear no PDF signature.
    { ...first!, attachments: [report, { filename: 'notes.pdf', contentType: 'application/pdf', bytes: Buffer.from(`just notes of ${label}\n`) }] },
    { ...second!, attachments: [report] },
    { ...third!, attachments: [{ filename: 'scan.pdf', contentType: 'application/pdf', bytes: pdfBytes(`${label}-scan`, 100_000) }] },
  ];
}
const work = mkdtempSync(join(tmpdir(), 'lifestream-import-email-'));

describe('email importers', () => {
  const lifestream = importerLifestream();
  const blobFiles = () => {
    const dir = join(lifestream().env.LIFESTREAM_DATA_DIR!, 'blobs');
    return existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => /[0-9a-f]{64}$/.test(name)).length : 0;
  };
  const blobBytes = async (sha256: string) => {
    const response = await fetch(lifestream().url.replace(/\/graphql$/, `/blobs/${sha256}`), { headers: { authorization: `Bearer ${lifestream().adminToken}` } });
    assert.equal(response.status, 200);
    return Buffer.from(await response.arrayBuffer());
  };

  it('imports an mbox with times, threads and directions right, and reports the undated message it skipped', async () => {
    const target = await importTarget(lifestream(), 'mbox');
    const messages = fixtureMessages(10, 'mbox');
    const path = join(work, 'full.mbox');
    writeMbox(path, [...messages.slice(0, 4), undatedMessage('mbox'), ...messages.slice(4)]);

    const report = await target.run(mboxImporter(path, me));
    assert.equal(report.sent, 10);
    assert.equal(report.skipped.length, 1);
    assert.match(report.skipped[0]!.where, /full\.mbox message 5 \(byte \d+\)/);
    assert.equal(report.skipped[0]!.reason, 'its Date header "the day after tomorrow" is not a date');

    const events = await target.timeline('EMAIL_EVENT', 10, emailFields);
    assert.equal(events[0]!.time, '2025-03-01T07:00:00.000Z');
    assert.deepEqual(events[0], {
      id: events[0]!.id,
      time: '2025-03-01T07:00:00.000Z',
      messageId: '<mbox-0@example.org>',
      direction: 'SENT',
      from: '"Me Myself" <me@example.org>',
      to: ['friend0@example.net'],
      subject: 'Message 0 of mbox',
      snippet: 'Hello, this is message 0. From the fixture, with a line that starts with From. Bye.',
      threadId: '<mbox-0@example.org>',
    });
    assert.equal(events[1]!.direction, 'RECEIVED');
    assert.equal(events[2]!.threadId, '<mbox-0@example.org>');
    assert.equal(events[9]!.time, '2025-03-01T16:00:00.000Z');
  });

  it('a re-run of the same mbox sends nothing, and a message appended later is the only one sent next', async () => {
    const target = await importTarget(lifestream(), 'mbox-again');
    const messages = fixtureMessages(6, 'again');
    const path = join(work, 'again.mbox');
    writeMbox(path, messages.slice(0, 5));
    assert.equal((await target.run(mboxImporter(path, me))).sent, 5);
    await target.timeline('EMAIL_EVENT', 5, emailFields);

    const rerun = await target.run(mboxImporter(path, me));
    assert.equal(rerun.sent, 0);
    assert.ok(rerun.resumedFrom);

    writeMbox(path, messages);
    assert.equal((await target.run(mboxImporter(path, me))).sent, 1);
    await target.timeline('EMAIL_EVENT', 6, emailFields);
    assert.equal(await target.rowCount('email_event'), 6);
  });

  it('an import interrupted after an acknowledged batch resumes without gaps or duplicates', async () => {
    const target = await importTarget(lifestream(), 'mbox-resume');
    const path = join(work, 'resume.mbox');
    writeMbox(path, fixtureMessages(20, 'resume'));

    await assert.rejects(target.run(mboxImporter(path, me), { client: clientLostAfter(target.client, 2), batchSize: 3 }), /connection lost/);
    const resumed = await target.run(mboxImporter(path, me), { batchSize: 3 });
    assert.ok(resumed.resumedFrom, 'the second run starts from the saved cursor');
    // Six were saved behind the cursor; the third batch was acknowledged but its cursor not saved: sent again.
    assert.equal(resumed.sent, 14);
    const events = await target.timeline('EMAIL_EVENT', 20, emailFields);
    assert.deepEqual(events.map((e) => e.messageId), fixtureMessages(20, 'resume').map((m) => m.messageId));
    assert.equal(await target.rowCount('email_event'), 20);
  });

  it('imports .eml files from a folder, resumes after --limit, and a re-run sends nothing', async () => {
    const target = await importTarget(lifestream(), 'eml');
    const folder = join(work, 'eml');
    mkdirSync(join(folder, 'nested'), { recursive: true });
    fixtureMessages(5, 'eml').forEach((m, i) => writeFileSync(join(folder, i < 3 ? '' : 'nested', `${i}.eml`), rfc5322(m)));
    writeFileSync(join(folder, 'broken.eml'), rfc5322(undatedMessage('eml')));

    const first = await target.run(emlImporter([folder], me), { limit: 2, batchSize: 1 });
    assert.equal(first.sent, 2);
    assert.equal(first.stoppedAtLimit, true);
    const second = await target.run(emlImporter([folder], me));
    assert.equal(second.sent, 3);
    assert.deepEqual(second.skipped.map((s) => s.reason), ['its Date header "the day after tomorrow" is not a date']);
    assert.equal((await target.run(emlImporter([folder], me))).sent, 0);
    await target.timeline('EMAIL_EVENT', 5, emailFields);
    assert.equal(await target.rowCount('email_event'), 5);
  });

  describe('attachments', () => {
    const limited = { ...me, maxAttachmentBytes: 64 * 1024 };

    it('keeps attachments in the blob store once each, records one over the limit without its content, and a re-import adds nothing', async () => {
      const target = await importTarget(lifestream(), 'attachments');
      const messages = messagesWithAttachments('attach');
      const path = join(work, 'attachments.mbox');
      writeMbox(path, messages);
      const blobsBefore = blobFiles();

      const report = await target.run(mboxImporter(path, limited));
      assert.equal(report.sent, 3 + 4);
      assert.equal(report.skipped.length, 1);
      assert.match(report.skipped[0]!.where, /attachments\.mbox message 3 \(byte \d+\)$/);
      assert.equal(report.skipped[0]!.reason, 'attachment 1 "scan.pdf" (application/pdf, 0.1 MiB) is over the 0.06 MiB limit (--max-attachment-mib): recorded without its content');

      const [notes, report1, report2, scan] = byMessageAndName(await target.timeline('EMAIL_ATTACHMENT', 4, attachmentFields));
      assert.equal(report1!.time, '2025-03-01T07:00:00.000Z', "an attachment is at its email's time");
      assert.deepEqual({ ...report1, id: undefined, time: undefined }, {
        id: undefined,
        time: undefined,
        messageId: messages[0]!.messageId,
        filename: 'report.pdf',
        contentType: 'application/pdf',
        byteSize: 2_000,
        inline: null,
        content: { sha256: (report1!.content as { sha256: string }).sha256, byteSize: 2_000, mimeType: 'application/pdf' },
      });
      assert.deepEqual(notes!.content, { sha256: (notes!.content as { sha256: string }).sha256, byteSize: 21, mimeType: 'application/octet-stream' }, 'bytes that are not what the message declares are kept as what they are');
      assert.equal(notes!.contentType, 'application/pdf');
      assert.deepEqual(report2!.content, report1!.content, 'the same file in two messages is one blob');
      assert.equal(report2!.messageId, messages[1]!.messageId);
      assert.deepEqual({ filename: scan!.filename, byteSize: scan!.byteSize, content: scan!.content }, { filename: 'scan.pdf', byteSize: 100_000, content: null });

      assert.equal(blobFiles() - blobsBefore, 2, 'two distinct files, two blobs');
      assert.deepEqual(await blobBytes((report1!.content as { sha256: string }).sha256), pdfBytes('attach'));

      // The same messages again, from .eml files and with no cursor: their ids are the same, nothing is added.
      rmSync(target.stateDir, { recursive: true, force: true });
      const folder = join(work, 'attachments-eml');
      mkdirSync(folder, { recursive: true });
      messages.forEach((m, i) => writeFileSync(join(folder, `${i}.eml`), rfc5322(m)));
      assert.equal((await target.run(emlImporter([folder], limited))).sent, 7);
      await target.timeline('EMAIL_EVENT', 3, emailFields);
      await target.timeline('EMAIL_ATTACHMENT', 4, attachmentFields);
      assert.equal(await target.rowCount('email_attachment'), 4);
      assert.equal(blobFiles() - blobsBefore, 2);
    });

    it('sends attachments in requests of bounded size', async () => {
      const target = await importTarget(lifestream(), 'attachments-split');
      const files = Array.from({ length: 5 }, (_, i) => ({ filename: `part${i}.pdf`, contentType: 'application/pdf', bytes: pdfBytes(`split-${i}`, 300_000) }));
      const path = join(work, 'split.mbox');
      writeMbox(path, [{ ...fixtureMessages(1, 'split')[0]!, attachments: files }]);
      const requests: number[] = [];
      const counting = { ingest: (events: Parameters<typeof target.client.ingest>[0]) => (requests.push(events.length), target.client.ingest(events)) };
      assert.equal((await target.run(mboxImporter(path, me), { client: counting, maxRequestFileBytes: 700_000 })).sent, 6);
      assert.deepEqual(requests, [3, 2, 1], 'the message with two attachments, then two, then one: at most 700 kB of files per request');
      const stored = byMessageAndName(await target.timeline('EMAIL_ATTACHMENT', 5, attachmentFields));
      for (const [i, attachment] of stored.entries()) assert.deepEqual(await blobBytes((attachment.content as { sha256: string }).sha256), files[i]!.bytes);
    });
  });

  describe('IMAP against the stack\'s Dovecot', () => {
    const imapUrl = new URL(stackEnv().LIFESTREAM_STACK_IMAP_URL ?? 'imap://missing');
    const password = stackEnv().LIFESTREAM_STACK_IMAP_PASSWORD ?? '';
    const account = (user: string, extra: Partial<ImapAccount> = {}): ImapAccount => ({
      host: imapUrl.hostname,
      port: Number(imapUrl.port),
      secure: false,
      user,
      auth: { password },
      folders: [],
      ownAddresses: me.ownAddresses,
      maxAttachmentBytes: me.maxAttachmentBytes,
      ...extra,
    });
    const mailbox = async (user: string) => {
      const client = new ImapFlow({ host: imapUrl.hostname, port: Number(imapUrl.port), secure: false, auth: { user, pass: password }, logger: false });
      await client.connect();
      return client;
    };

    it('syncs every folder, then only what is new, and reads a folder again when its UIDVALIDITY changes', async () => {
      const target = await importTarget(lifestream(), 'imap');
      const user = target.deviceId;
      const messages = fixtureMessages(9, user);
      const client = await mailbox(user);
      try {
        await client.mailboxCreate('Archive');
        for (const m of messages.slice(0, 3)) await client.append('INBOX', rfc5322(m));
        await client.append('INBOX', rfc5322(undatedMessage(user)));
        for (const m of messages.slice(3, 5)) await client.append('Sent', rfc5322({ ...m, from: 'other-me@example.com' }));
        for (const m of messages.slice(5, 7)) await client.append('Archive', rfc5322(m));

        const first = await target.run(imapImporter(account(user)));
        assert.equal(first.sent, 7);
        assert.deepEqual(first.skipped.map((s) => `${s.where}: ${s.reason}`), ['IMAP INBOX UID 4: its Date header "the day after tomorrow" is not a date']);
        const events = await target.timeline('EMAIL_EVENT', 7, emailFields);
        assert.deepEqual(events.filter((e) => e.direction === 'SENT').map((e) => e.messageId).sort(), [messages[0]!, messages[3]!, messages[4]!].map((m) => m.messageId).sort(), 'mail in \\Sent and mail from --me is SENT');

        assert.equal((await target.run(imapImporter(account(user)))).sent, 0, 'nothing new, nothing sent');
        await client.append('INBOX', rfc5322(messages[7]!));
        assert.equal((await target.run(imapImporter(account(user)))).sent, 1, 'only the new message');

        // Deleting and making a folder anew gives it a new UIDVALIDITY: the importer reads it again from the start.
        await client.mailboxDelete('Archive');
        await client.mailboxCreate('Archive');
        for (const m of [messages[5]!, messages[8]!]) await client.append('Archive', rfc5322(m));
        assert.equal((await target.run(imapImporter(account(user)))).sent, 2);
        await target.timeline('EMAIL_EVENT', 9, emailFields);
        assert.equal(await target.rowCount('email_event'), 9, 'the message read again keeps its id: one row');
      } finally {
        await client.logout();
      }
    });

    it('imports only the chosen folders, and names a folder that does not exist', async () => {
      const target = await importTarget(lifestream(), 'imap-folders');
      const user = target.deviceId;
      const client = await mailbox(user);
      try {
        await client.mailboxCreate('Work');
        const messages = fixtureMessages(4, user);
        for (const m of messages.slice(0, 2)) await client.append('INBOX', rfc5322(m));
        for (const m of messages.slice(2)) await client.append('Work', rfc5322(m));
      } finally {
        await client.logout();
      }
      assert.equal((await target.run(imapImporter(account(user, { folders: ['Work'] })))).sent, 2);
      await assert.rejects(target.run(imapImporter(account(user, { folders: ['Holidays'] }))), /IMAP folder "Holidays" not found on 127\.0\.0\.1; folders there: .*Work/);
    });

    it('keeps the attachments of IMAP messages, and reports one over the limit', async () => {
      const target = await importTarget(lifestream(), 'imap-attachments');
      const user = target.deviceId;
      const messages = messagesWithAttachments(user);
      const client = await mailbox(user);
      try {
        for (const m of messages) await client.append('INBOX', rfc5322(m));
      } finally {
        await client.logout();
      }
      const first = await target.run(imapImporter(account(user, { maxAttachmentBytes: 64 * 1024 })));
      assert.equal(first.sent, 7);
      assert.deepEqual(first.skipped.map((s) => s.where), ['IMAP INBOX UID 3']);
      assert.match(first.skipped[0]!.reason, /^attachment 1 "scan\.pdf" \(application\/pdf, 0\.1 MiB\) is over the 0\.06 MiB limit/);
      const attachments = byMessageAndName(await target.timeline('EMAIL_ATTACHMENT', 4, attachmentFields));
      assert.deepEqual(attachments.map((a) => [a.filename, (a.content as { mimeType: string } | null)?.mimeType ?? null]), [
        ['notes.pdf', 'application/octet-stream'],
        ['report.pdf', 'application/pdf'],
        ['report.pdf', 'application/pdf'],
        ['scan.pdf', null],
      ]);
      assert.deepEqual(await blobBytes((attachments[1]!.content as { sha256: string }).sha256), pdfBytes(user));
      assert.equal((await target.run(imapImporter(account(user, { maxAttachmentBytes: 64 * 1024 })))).sent, 0, 'a re-run sends nothing');
      assert.equal(await target.rowCount('email_attachment'), 4);
    });

    it('a wrong password is refused with the server and the user named', async () => {
      const target = await importTarget(lifestream(), 'imap-login');
      await assert.rejects(target.run(imapImporter(account(target.deviceId, { auth: { password: 'wrong' } }))), (error: Error) => {
        assert.match(error.message, new RegExp(`IMAP login to 127\\.0\\.0\\.1:\\d+ as ${target.deviceId} failed; check the address, the user and the password or token`));
        return true;
      });
    });
  });

  it('npm run import -- mbox runs from a shell with an ingest token and prints its report', async () => {
    const target = await importTarget(lifestream(), 'mbox-cli');
    const path = join(work, 'cli.mbox');
    writeMbox(path, [...fixtureMessages(3, 'cli'), undatedMessage('cli')]);
    const run = () =>
      promisify(execFile)('npm', ['run', '-s', 'import', '--', 'mbox', path, '--me', 'me@example.org', '--device', target.deviceId, '--url', lifestream().url, '--state-dir', target.stateDir], {
        env: { ...process.env, LIFESTREAM_TOKEN: target.token },
      });
    const { stdout } = await run();
    assert.match(stdout, /^email: 3 events sent, 1 skipped\n {2}skipped .*cli\.mbox message 4 \(byte \d+\): its Date header "the day after tomorrow" is not a date\n$/);
    assert.match((await run()).stdout, /^email: 0 events sent, 0 skipped \(resumed from the last run\)\n$/);
    await target.timeline('EMAIL_EVENT', 3, emailFields);
  });

  it('npm run import -- mbox names an attachment limit past what an emailAttachment takes', async () => {
    const run = promisify(execFile)('npm', ['run', '-s', 'import', '--', 'mbox', join(work, 'none.mbox'), '--max-attachment-mib', '30'], { env: { ...process.env, LIFESTREAM_TOKEN: 'unused' } });
    await assert.rejects(run, (error: Error & { stderr: string }) => {
      assert.match(error.stderr, /option '--max-attachment-mib <MiB>' argument '30' is invalid\. must be a number of MiB from 0 \(no attachment content\) to 25 \(the most an emailAttachment takes\), got "30"/);
      return true;
    });
  });
});
