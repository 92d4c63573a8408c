import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { cleanUpAtExit } from './child-cleanup';
import { freePort } from './killable-server';

const run = promisify(execFile);

export const POSTGRES_BIN = process.env.TIERDESK_TEST_POSTGRES_BIN ?? '/usr/lib/postgresql/15/bin';
const OS_USER = 'postgres';

/**
 * A PostgreSQL cluster of a test's own (initdb in a temporary folder, on a free port, trust auth,
 * its socket in that folder), that the test may stop, crash and start again without touching the
 * machine's shared PostgreSQL. initdb refuses to run as root: as root, every command runs as the
 * `postgres` OS user, who owns the folder. Removed at process exit even when a test fails.
 */
export type PrivatePostgres = {
  readonly port: number;
  /** A connection URL for `database` (default `postgres`). */
  url(database?: string): string;
  createDatabase(name: string): Promise<string>;
  readonly running: boolean;
  /** `immediate` is a crash (no checkpoint; recovery at the next start), `fast` a clean shutdown. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
  /** Stops the cluster and deletes its folder. Idempotent. */
  remove(): Promise<void>;
};

/** Null when a private cluster can be made here; otherwise why not (the suite skips with it). */
export function privatePostgresUnavailableReason(): string | null {
  for (const tool of ['initdb', 'pg_ctl']) {
    if (!fs.existsSync(path.join(POSTGRES_BIN, tool))) return `${path.join(POSTGRES_BIN, tool)} is missing (set TIERDESK_TEST_POSTGRES_BIN)`;
  }
  if (isRoot()) {
    try {
      execFileSync('id', ['-u', OS_USER], { stdio: 'ignore' });
    } catch {
      return `running as root, and there is no "${OS_USER}" OS user to run initdb as`;
    }
  }
  return null;
}

const isRoot = () => process.getuid?.() === 0;

/** Runs a PostgreSQL tool, as the postgres OS user when this process is root. */
function tool(name: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  const binary = path.join(POSTGRES_BIN, name);
  return isRoot() ? run('runuser', ['-u', OS_USER, '--', binary, ...args]) : run(binary, args);
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'tierdesk-pg-'));
  const dataDir = path.join(folder, 'data');
  const logFile = path.join(folder, 'server.log');
  if (isRoot()) execFileSync('chown', [OS_USER, folder]);
  const port = await freePort();
  let running = false;
  let removed = false;

  const forget = cleanUpAtExit(() => {
    try {
      const args = ['-D', dataDir, 'stop', '-m', 'immediate', '-w'];
      if (isRoot()) execFileSync('runuser', ['-u', OS_USER, '--', path.join(POSTGRES_BIN, 'pg_ctl'), ...args], { stdio: 'ignore' });
      else execFileSync(path.join(POSTGRES_BIN, 'pg_ctl'), args, { stdio: 'ignore' });
    } catch {
      // Not running.
    }
    fs.rmSync(folder, { recursive: true, force: true });
  });

  await tool('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
  // fsync off: the tests crash the server process, never the machine, so what a commit wrote
  // to the OS is never lost; synchronous_commit stays on (an acknowledged commit is in the WAL).
  const settings = [`-p ${port}`, `-k ${folder}`, "-c listen_addresses='127.0.0.1'", '-c fsync=off', '-c full_page_writes=off', '-c max_connections=60'];

  const start = async () => {
    await tool('pg_ctl', ['-D', dataDir, '-l', logFile, '-w', '-t', '60', '-o', settings.join(' '), 'start']);
    running = true;
  };
  const stop = async (mode: 'fast' | 'immediate' = 'fast') => {
    running = false;
    await tool('pg_ctl', ['-D', dataDir, '-m', mode, '-w', '-t', '60', 'stop']);
  };
  try {
    await start();
  } catch (error) {
    forget();
    fs.rmSync(folder, { recursive: true, force: true });
    throw new Error(`could not start a private PostgreSQL: ${(error as Error).message}\n${readLog(logFile)}`, { cause: error });
  }

  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    port,
    url,
    get running() {
      return running;
    },
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`not a plain database name: ${name}`);
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try {
        await client.query(`create database ${name}`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    stop,
    start,
    async remove() {
      if (removed) return;
      removed = true;
      if (running) await stop('immediate').catch(() => undefined);
      forget();
      fs.rmSync(folder, { recursive: true, force: true });
    },
  };
}

function readLog(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-15).join('\n');
  } catch {
    return '';
  }
}
