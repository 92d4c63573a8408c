import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cleanUpAtExit } from './child-cleanup';
import { freePort } from './killable-server';

export const RSPAMD = process.env.TIERDESK_TEST_RSPAMD ?? '/usr/bin/rspamd';

/** Null when rspamd can be run here; otherwise why not (the suite skips with it). */
export function privateRspamdUnavailableReason(): string | null {
  try {
    execFileSync(RSPAMD, ['--version'], { stdio: 'ignore' });
    return null;
  } catch {
    return `${RSPAMD} is not installed (Debian: apt-get install rspamd; or set TIERDESK_TEST_RSPAMD)`;
  }
}

/**
 * An rspamd of the test's own: Debian's stock configuration with its local and override folders,
 * database, run and log folders moved into a temporary folder, only the normal worker (the scanner)
 * on a free loopback port, the controller and proxy off. As root its workers run as Debian's
 * `_rspamd` user. Nothing outside is reachable here, so its DNS-based checks find nothing.
 */
export async function startPrivateRspamd(): Promise<{ url: string; stop(): Promise<void> }> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'tierdesk-rspamd-'));
  fs.chmodSync(folder, 0o755);
  const port = await freePort();
  for (const sub of ['local.d', 'override.d', 'db', 'run', 'log']) fs.mkdirSync(path.join(folder, sub));
  const root = process.getuid?.() === 0;
  if (root) execFileSync('chown', ['-R', '_rspamd:_rspamd', path.join(folder, 'db'), path.join(folder, 'run'), path.join(folder, 'log')]);
  fs.writeFileSync(path.join(folder, 'override.d', 'worker-normal.inc'), `bind_socket = "127.0.0.1:${port}";\n`);
  fs.writeFileSync(path.join(folder, 'override.d', 'worker-controller.inc'), 'count = -1;\n');
  fs.writeFileSync(path.join(folder, 'override.d', 'worker-proxy.inc'), 'count = -1;\n');
  fs.writeFileSync(path.join(folder, 'override.d', 'logging.inc'), 'type = "console";\nlevel = "error";\n');
  const vars = ['LOCAL_CONFDIR', 'DBDIR', 'RUNDIR', 'LOGDIR'].map((name, index) => `--var=${name}=${path.join(folder, ['', 'db', 'run', 'log'][index]!)}`);
  const child = spawn(RSPAMD, ['-f', ...(root ? ['-u', '_rspamd', '-g', '_rspamd'] : []), ...vars], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4_000)));
  const forget = cleanUpAtExit(() => {
    child.kill('SIGKILL');
    fs.rmSync(folder, { recursive: true, force: true });
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  // Loading its rules (and timing out on the outside names it cannot resolve here) takes seconds.
  const deadline = Date.now() + 60_000;
  for (;;) {
    const up = await fetch(`${url}/ping`).then(
      (response) => response.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill('SIGKILL');
      throw new Error(`rspamd did not start: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      child.kill('SIGKILL');
      forget();
      fs.rmSync(folder, { recursive: true, force: true });
    },
  };
}
