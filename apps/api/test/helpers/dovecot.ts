import { execFile, spawn } from 'node:child_process';
import { access, chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ImapFlow } from 'imapflow';

const run = promisify(execFile);
const DOVECOT = '/usr/sbin/dovecot';

/** Whether Dovecot can be started here; in CI (CI=true) its absence is a failure, never a skip. */
export async function dovecotAvailable() {
  const ok = await access(DOVECOT).then(() => true, () => false) && process.getuid?.() === 0;
  if (!ok && process.env.CI === 'true') throw new Error('Dovecot is required in CI: apt-get install -y dovecot-imapd (as root)');
  return ok;
}

async function freePort() {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

/** A throwaway Dovecot (SETUP-NOTES recipe) on a free 127.0.0.1 port, with one password-file user. */
export async function startDovecot() {
  const dir = await mkdtemp(path.join(tmpdir(), 'hs-email-dovecot-'));
  const port = await freePort();
  const user = 'support@example.test';
  const password = 'dovecot-test-pw';
  await mkdir(path.join(dir, 'mail'), { recursive: true });
  await chmod(dir, 0o755);
  await run('chown', ['nobody:nogroup', path.join(dir, 'mail')]);
  await writeFile(path.join(dir, 'users'), `${user}:{PLAIN}${password}\n`);
  await writeFile(path.join(dir, 'dovecot.conf'), `
protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${dir}/mail/%u
default_internal_user = dovenull
default_login_user = dovenull
mail_uid = nobody
mail_gid = nogroup
first_valid_uid = 0
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=${dir}/mail/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
}
`);
  // Dovecot daemonises: the started process exits once the master runs. Its output is not piped, or the
  // daemon would hold the pipe open.
  await new Promise<void>((resolve, reject) => {
    const child = spawn(DOVECOT, ['-c', path.join(dir, 'dovecot.conf')], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`dovecot exited with ${code}; see ${dir}/dovecot.log`))));
  });
  const client = () => new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user, pass: password }, logger: false });
  return {
    port,
    user,
    password,
    /** Puts a raw mail into the INBOX with IMAP APPEND, as a delivering MTA would. */
    async append(raw: string) {
      const c = client();
      await c.connect();
      try {
        await c.append('INBOX', raw);
      } finally {
        await c.logout();
      }
    },
    async stop() {
      const pid = Number((await readFile(path.join(dir, 'run', 'master.pid'), 'utf8')).trim());
      process.kill(pid);
      await new Promise((r) => setTimeout(r, 200));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A raw RFC 5322 message. */
export function rawMail(h: { from: string; to: string; subject: string; messageId: string; inReplyTo?: string; extra?: string }, body: string) {
  return [
    `From: ${h.from}`,
    `To: ${h.to}`,
    `Subject: ${h.subject}`,
    `Message-ID: ${h.messageId}`,
    `Date: ${new Date().toUTCString()}`,
    ...(h.inReplyTo ? [`In-Reply-To: ${h.inReplyTo}`, `References: ${h.inReplyTo}`] : []),
    ...(h.extra ? [h.extra] : []),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    body,
  ].join('\r\n');
}
