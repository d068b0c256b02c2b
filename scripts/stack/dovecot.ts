// Dovecot from Debian: a real IMAP server for the email importer's tests. Any user name logs in
// with the stack's password and gets a Maildir of its own, so each test works in a fresh account.
import { mkdirSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { assertPortFree, canConnect, type Daemon, runChecked, runningPid, startDetached, stopDaemon, waitUntilReady } from './processes.ts';
import type { Service } from './service.ts';
import { host, ports, stackDir } from './settings.ts';

const dovecotDir = join(stackDir, 'dovecot');
const mailDir = join(dovecotDir, 'mail');
const configFile = join(dovecotDir, 'dovecot.conf');
const logFile = join(dovecotDir, 'dovecot.log');
const port = ports.imap;
const daemon: Daemon = { pidFile: join(dovecotDir, 'dovecot.pid'), commandLineMarker: configFile };

/** Any user logs in with it: the server listens on 127.0.0.1 only and holds test mail only. */
export const imapPassword = 'stack-imap';
export const imapUrl = `imap://${host}:${port}`;

/**
 * Dovecot refuses to run its login process as root and to hand root's uid to a mailbox: as root it
 * runs them as the users Debian's package creates; otherwise everything runs as the caller.
 */
function accounts(): { login: string; internal: string; mailUser: string } {
  if (process.getuid?.() === 0) return { login: 'dovenull', internal: 'dovecot', mailUser: 'dovecot' };
  const me = userInfo().username;
  return { login: me, internal: me, mailUser: me };
}

function configText(): string {
  const { login, internal, mailUser } = accounts();
  return `# Written by npm run stack; a private IMAP server for tests.
base_dir = ${join(dovecotDir, 'run')}
state_dir = ${join(dovecotDir, 'state')}
log_path = ${logFile}
info_log_path = ${logFile}
protocols = imap
listen = ${host}
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = ${internal}
default_internal_group = ${internal}
default_login_user = ${login}
first_valid_uid = 1
passdb {
  driver = static
  args = password=${imapPassword}
}
userdb {
  driver = static
  args = uid=${mailUser} gid=${mailUser} home=${mailDir}/%u
}
mail_location = maildir:~/Maildir
namespace inbox {
  inbox = yes
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
}
service imap-login {
  inet_listener imap {
    address = ${host}
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
  chroot =
}
service anvil {
  chroot =
}
`;
}

const answers = () => canConnect(host, port);

export const dovecotService: Service = {
  name: 'imap',
  address: `${host}:${port}`,
  requires: [{ binary: '/usr/sbin/dovecot', aptPackage: 'dovecot-imapd' }],
  logFiles: [logFile],
  dataPaths: [dovecotDir],

  async isRunning() {
    return runningPid(daemon) !== undefined;
  },

  isReady: answers,

  async start() {
    await assertPortFree(host, port);
    for (const dir of [dovecotDir, join(dovecotDir, 'run'), join(dovecotDir, 'state'), mailDir]) mkdirSync(dir, { recursive: true });
    const { mailUser } = accounts();
    if (mailUser !== userInfo().username) await runChecked('chown', [`${mailUser}:${mailUser}`, mailDir]);
    writeFileSync(configFile, configText());
    startDetached('/usr/sbin/dovecot', ['-F', '-c', configFile], daemon, { outputFile: logFile, cwd: dovecotDir });
    await waitUntilReady('dovecot', daemon, answers, 30_000);
  },

  async stop() {
    await stopDaemon(daemon, 30_000);
  },
};
