import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { cleanUpAtExit } from './child-cleanup';
import { freePort } from './killable-server';

/**
 * A redis-server of a test's own, on a free port, persisting nothing (`--save '' --appendonly
 * no`), that the test may kill with SIGKILL and start again on the same port: never the
 * machine's shared Redis. Killed and removed at process exit even when a test fails.
 */
export type PrivateRedis = {
  readonly port: number;
  readonly url: string;
  readonly running: boolean;
  start(): Promise<void>;
  kill(): Promise<void>;
  /** Kills it and deletes its folder. Idempotent. */
  remove(): Promise<void>;
};

export const REDIS_SERVER = process.env.TIERDESK_TEST_REDIS_SERVER ?? 'redis-server';

/** Null when redis-server can be run here; otherwise why not (the suite skips with it). */
export function privateRedisUnavailableReason(): string | null {
  try {
    execFileSync(REDIS_SERVER, ['--version'], { stdio: 'ignore' });
    return null;
  } catch {
    return `${REDIS_SERVER} is not installed (set TIERDESK_TEST_REDIS_SERVER)`;
  }
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'tierdesk-redis-'));
  const port = await freePort();
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  let removed = false;
  // The folder too, when a failed test never reaches remove(); the process is killed on its own.
  const forgetFolder = cleanUpAtExit(() => fs.rmSync(folder, { recursive: true, force: true }));

  const start = async () => {
    if (child) throw new Error('redis-server is already running');
    const spawned = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', folder], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = spawned;
    const forget = cleanUpAtExit(() => spawned.kill('SIGKILL'));
    const lines: string[] = [];
    exited = new Promise((resolve) =>
      spawned.once('exit', () => {
        if (child === spawned) child = null;
        forget();
        resolve();
      }),
    );
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('redis-server did not start within 20 s')), 20_000);
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited before it was ready:\n${lines.slice(-10).join('\n')}`));
      });
      readline.createInterface({ input: spawned.stdout! }).on('line', (line) => {
        lines.push(line);
        if (!line.includes('Ready to accept connections')) return;
        clearTimeout(timer);
        resolve();
      });
    });
  };
  const kill = async () => {
    const current = child;
    if (!current) return;
    current.kill('SIGKILL');
    await exited;
  };

  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    get running() {
      return child !== null;
    },
    start,
    kill,
    async remove() {
      if (removed) return;
      removed = true;
      await kill();
      forgetFolder();
      fs.rmSync(folder, { recursive: true, force: true });
    },
  };
}
