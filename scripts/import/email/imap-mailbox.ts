// IMAP sync with imapflow: every selectable folder or a chosen list, each read from the UID after
// the last one sent; a folder whose UIDVALIDITY changed (the server renumbered it) is read again
// from the start, its messages keeping their ids by Message-ID.
import { ImapFlow } from 'imapflow';
import type { Cursor, Importer } from '../import-step.ts';
import { messageSteps } from './email-message.ts';

export interface ImapAccount {
  host: string;
  port: number;
  /** TLS from the start (port 993); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user: string;
  /** A password, or an OAuth2 access token (XOAUTH2/OAUTHBEARER, as imapflow supports). */
  auth: { password: string } | { accessToken: string };
  /** Folder paths to import; empty: every selectable folder. */
  folders: readonly string[];
  ownAddresses: ReadonlySet<string>;
  /** Attachments up to this size are sent with their bytes; larger ones without, and reported. */
  maxAttachmentBytes: number;
}

interface FolderCursor {
  uidValidity: string;
  lastUid: number;
}

function foldersOf(cursor: Cursor | undefined): Record<string, FolderCursor> {
  const saved = cursor?.folders;
  if (!saved || typeof saved !== 'object') return {};
  const folders: Record<string, FolderCursor> = {};
  for (const [path, value] of Object.entries(saved)) {
    if (value && typeof value === 'object' && 'uidValidity' in value && 'lastUid' in value && typeof value.uidValidity === 'string' && typeof value.lastUid === 'number') {
      folders[path] = { uidValidity: value.uidValidity, lastUid: value.lastUid };
    }
  }
  return folders;
}

export function imapImporter(account: ImapAccount): Importer {
  return {
    cursorKey: `email-imap-${account.user}@${account.host}-${account.port}`,
    async *steps(cursor) {
      const folders = foldersOf(cursor);
      const client = new ImapFlow({
        host: account.host,
        port: account.port,
        secure: account.secure,
        auth: 'password' in account.auth ? { user: account.user, pass: account.auth.password } : { user: account.user, accessToken: account.auth.accessToken },
        logger: false,
      });
      await client.connect().catch((error: unknown) => {
        throw new Error(`IMAP login to ${account.host}:${account.port} as ${account.user} failed; check the address, the user and the password or token`, { cause: error });
      });
      try {
        const listed = (await client.list()).filter((folder) => !folder.flags.has('\\Noselect') && !folder.flags.has('\\NonExistent'));
        const unknown = account.folders.filter((path) => !listed.some((folder) => folder.path === path));
        if (unknown.length > 0) throw new Error(`IMAP folder ${unknown.map((p) => `"${p}"`).join(', ')} not found on ${account.host}; folders there: ${listed.map((f) => f.path).join(', ')}`);
        const chosen = account.folders.length === 0 ? listed : listed.filter((folder) => account.folders.includes(folder.path));
        for (const folder of chosen) {
          const lock = await client.getMailboxLock(folder.path, { readOnly: true });
          try {
            const mailbox = client.mailbox;
            if (mailbox === false) continue;
            const uidValidity = String(mailbox.uidValidity);
            const saved = folders[folder.path];
            const lastUid = saved && saved.uidValidity === uidValidity ? saved.lastUid : 0;
            if (mailbox.exists === 0 || (mailbox.uidNext !== undefined && mailbox.uidNext <= lastUid + 1)) continue;
            const context = { ownAddresses: account.ownAddresses, inSentFolder: folder.specialUse === '\\Sent', maxAttachmentBytes: account.maxAttachmentBytes };
            for await (const message of client.fetch(`${lastUid + 1}:*`, { uid: true, source: true }, { uid: true })) {
              // "N:*" names the last message even when its UID is below N (RFC 3501 6.4.8).
              if (message.uid <= lastUid) continue;
              const where = `IMAP ${folder.path} UID ${message.uid}`;
              if (message.source) yield* messageSteps(message.source, context, where);
              else yield { type: 'skip', where, reason: 'the server sent no body' };
              folders[folder.path] = { uidValidity, lastUid: message.uid };
              yield { type: 'checkpoint', cursor: { folders: { ...folders } } };
            }
          } finally {
            lock.release();
          }
        }
      } finally {
        await client.logout().catch(() => client.close());
      }
    },
  };
}
