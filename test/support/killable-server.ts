import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { cleanUpAtExit } from './child-cleanup';
import { ADMIN } from './test-server';

/** A TCP port nobody listens on right now (the kernel's pick, released at once). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The server as `npm start` runs it, in its own process, that a test can kill with SIGKILL at any
 * moment and start again on the same port and the same data folder (or database): the consoles
 * connected to it reconnect by themselves. The admin is `ADMIN` of test-server.ts.
 */
export type KillableServer = {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** True from a successful start until a kill or stop. */
  readonly running: boolean;
  readonly pid: number | null;
  readonly starts: number;
  /** Starts the process (again) and resolves once it listens; rejects when it exits first or takes over 90 s. */
  start(): Promise<void>;
  /** SIGKILL now, synchronously (for a kill in the middle of a request); `kill()` waits for the exit. */
  killNow(): void;
  kill(): Promise<void>;
  /** SIGTERM (a clean shutdown) and wait for the exit. */
  stop(): Promise<void>;
  /** Stops it and deletes the data folder (when this helper created it). Idempotent. */
  remove(): Promise<void>;
  /** The last lines the process wrote (stdout and stderr), for a failure report. */
  recentOutput(): string[];
};

export type KillableServerOptions = {
  port?: number;
  /** Default: a fresh temporary folder, deleted by remove(). */
  dataDir?: string;
  env?: Record<string, string>;
};

const ROOT = path.resolve(import.meta.dirname, '../..');

async function answersHealth(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(2_000) });
    return response.ok;
  } catch {
    return false;
  }
}
const OUTPUT_LINES = 200;

export async function createKillableServer(options: KillableServerOptions = {}): Promise<KillableServer> {
  const port = options.port ?? (await freePort());
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tierdesk-killable-'));
  const output: string[] = [];
  const remember = (line: string) => {
    output.push(line);
    if (output.length > OUTPUT_LINES) output.shift();
  };
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  let running = false;
  let starts = 0;
  let forget: (() => void) | null = null;
  // A temporary folder goes at exit too, when a failed test never reaches remove().
  const forgetFolder = ownsDataDir ? cleanUpAtExit(() => fs.rmSync(dataDir, { recursive: true, force: true })) : () => undefined;

  const start = async () => {
    if (child) throw new Error('the server is already running');
    const spawned = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        TIERDESK_DATA_DIR: dataDir,
        TIERDESK_ADMIN_EMAIL: ADMIN.email,
        TIERDESK_ADMIN_PASSWORD: ADMIN.password,
        LOG_LEVEL: 'warn',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = spawned;
    starts++;
    forget = cleanUpAtExit(() => spawned.kill('SIGKILL'));
    exited = new Promise((resolve) =>
      spawned.once('exit', (code, signal) => {
        remember(`[process exited: ${signal ?? `code ${code}`}]`);
        running = false;
        if (child === spawned) child = null;
        forget?.();
        resolve();
      }),
    );
    readline.createInterface({ input: spawned.stderr! }).on('line', remember);
    readline.createInterface({ input: spawned.stdout! }).on('line', remember);
    let gone = false;
    void exited.then(() => (gone = true));
    // Generous: on a loaded 2-core machine tsx's first compile of the server takes a while.
    const deadline = Date.now() + 90_000;
    while (!(await answersHealth(port))) {
      if (gone) throw new Error(`the server exited before listening:\n${output.slice(-20).join('\n')}`);
      if (Date.now() > deadline) throw new Error('the server did not start within 90 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // It answered: unless it was killed meanwhile, it is this process that listens.
    running = child === spawned;
  };

  const signal = async (name: NodeJS.Signals) => {
    const current = child;
    if (!current) return;
    running = false;
    current.kill(name);
    await exited;
  };

  let removed = false;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    get running() {
      return running;
    },
    get pid() {
      return child?.pid ?? null;
    },
    get starts() {
      return starts;
    },
    start,
    killNow() {
      running = false;
      child?.kill('SIGKILL');
    },
    kill: () => signal('SIGKILL'),
    stop: () => signal('SIGTERM'),
    async remove() {
      if (removed) return;
      removed = true;
      await signal('SIGKILL');
      forgetFolder();
      if (ownsDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
    recentOutput: () => [...output],
  };
}
