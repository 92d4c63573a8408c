import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { cleanUpAtExit } from './child-cleanup';
import { freePort } from './killable-server';

export const DOVECOT = process.env.TIERDESK_TEST_DOVECOT ?? '/usr/sbin/dovecot';

/** Null when Dovecot can be run here; otherwise why not (the suite skips with it). */
export function privateDovecotUnavailableReason(): string | null {
  try {
    execFileSync(DOVECOT, ['--version'], { stdio: 'ignore' });
    return null;
  } catch {
    return `${DOVECOT} is not installed (Debian: apt-get install dovecot-imapd; or set TIERDESK_TEST_DOVECOT)`;
  }
}

export type PrivateDovecot = {
  /** Plain IMAP; with `tls`, STARTTLS is offered on it. */
  port: number;
  /** With `tls`: IMAP over TLS from the first byte (imaps), under a self-signed certificate for 127.0.0.1. */
  tlsPort: number | null;
  /** Dovecot's log so far (its login lines say whether the session was under TLS). */
  log(): string;
  /** An IMAP client of the mailbox's owner (to put mail in, as the mail server's delivery would, and to look). */
  client(user: string): Promise<ImapFlow>;
  stop(): Promise<void>;
};

/**
 * A Dovecot IMAP server of the test's own: its config, users (plain passwords in a passwd file),
 * Maildirs and sockets in a temporary folder, plain IMAP on a free loopback port, never the
 * machine's mail. Run as root (CI), its processes take Debian's `dovecot`/`dovenull` users, as
 * Dovecot refuses to serve mail as root; otherwise everything runs as the current user.
 */
export async function startPrivateDovecot(users: Record<string, string>, options: { tls?: boolean } = {}): Promise<PrivateDovecot> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'tierdesk-dovecot-'));
  const port = await freePort();
  const tlsPort = options.tls ? await freePort() : null;
  const root = process.getuid?.() === 0;
  const me = os.userInfo().username;
  const [internal, login] = root ? ['dovecot', 'dovenull'] : [me, me];
  for (const sub of ['run', 'state', 'mail']) fs.mkdirSync(path.join(folder, sub));
  // mkdtemp makes the folder 0700: Dovecot's own users must reach the password file and the Maildirs in it.
  fs.chmodSync(folder, 0o755);
  if (root) execFileSync('chown', ['-R', `${internal}:${internal}`, path.join(folder, 'mail')]);
  if (options.tls) selfSignedCertificate(folder);
  fs.writeFileSync(path.join(folder, 'users'), Object.entries(users).map(([user, password]) => `${user}:{PLAIN}${password}\n`).join(''));
  fs.writeFileSync(
    path.join(folder, 'dovecot.conf'),
    `base_dir = ${folder}/run
state_dir = ${folder}/state
log_path = ${folder}/dovecot.log
protocols = imap
listen = 127.0.0.1
${options.tls ? `ssl = yes\nssl_cert = <${folder}/cert.pem\nssl_key = <${folder}/key.pem` : 'ssl = no'}
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${folder}/mail/%u
default_internal_user = ${internal}
default_internal_group = ${internal}
default_login_user = ${login}
first_valid_uid = 1
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${folder}/users
}
userdb {
  driver = static
  args = uid=${internal} gid=${internal} home=${folder}/mail/%u
}
service imap-login {
  inet_listener imap {
    port = ${port}
  }
  inet_listener imaps {
    port = ${tlsPort ?? 0}
  }
}
service stats {
  unix_listener stats-reader {
    mode = 0666
  }
  unix_listener stats-writer {
    mode = 0666
  }
}
`,
  );
  const child = spawn(DOVECOT, ['-F', '-c', path.join(folder, 'dovecot.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const forget = cleanUpAtExit(() => {
    child.kill('SIGKILL');
    fs.rmSync(folder, { recursive: true, force: true });
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const client = async (user: string) => {
    // Plain, never STARTTLS: the test's own hand in the mailbox needs no certificate check.
    const imap = new ImapFlow({ host: '127.0.0.1', port, secure: false, doSTARTTLS: false, auth: { user, pass: users[user] ?? '' }, logger: false });
    await imap.connect();
    return imap;
  };
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      const probe = await client(Object.keys(users)[0]!);
      await probe.logout();
      break;
    } catch (error) {
      if (Date.now() > deadline || child.exitCode !== null) {
        child.kill('SIGKILL');
        const log = fs.existsSync(path.join(folder, 'dovecot.log')) ? fs.readFileSync(path.join(folder, 'dovecot.log'), 'utf8') : '';
        throw new Error(`Dovecot did not start: ${String(error)}\n${stderr}\n${log}`, { cause: error });
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const logFile = path.join(folder, 'dovecot.log');
  return {
    port,
    tlsPort,
    log: () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : ''),
    client,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      forget();
      fs.rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** A throwaway key and self-signed certificate for 127.0.0.1 (what a small office's own IMAP server often has). */
function selfSignedCertificate(folder: string): void {
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', path.join(folder, 'key.pem'), '-out', path.join(folder, 'cert.pem')], { stdio: 'ignore' });
  fs.chmodSync(path.join(folder, 'key.pem'), 0o644);
}
