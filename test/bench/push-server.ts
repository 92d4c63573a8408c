import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The server in its own process (as `npm start` runs it), so its memory and CPU are its own. */
export type ServerProcess = {
  url: string;
  pid: number;
  /** Resident set size now, from /proc/<pid>/status (VmRSS), in bytes. */
  rss(): number;
  /** The kernel's high-water mark of the resident set (VmHWM) since the process started, in bytes. */
  rssHighWater(): number;
  /** CPU time (user + system) the process has used so far, in milliseconds. */
  cpuMs(): number;
  stop(): Promise<void>;
};

function procStatusBytes(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const line = fs
    .readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith(`${field}:`));
  const kib = Number(line?.split(/\s+/)[1]);
  if (!Number.isFinite(kib)) throw new Error(`no ${field} in /proc/${pid}/status`);
  return kib * 1024;
}

/** utime + stime from /proc/<pid>/stat (fields 14 and 15, in clock ticks of 1/100 s on Linux). */
export function procCpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces; the fields after it are fixed.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The soft limit of open files of this process (its children inherit it). */
export function openFileLimit(): number {
  const line = fs
    .readFileSync('/proc/self/limits', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('Max open files'));
  const soft = line?.split(/\s{2,}/)[1];
  return soft === 'unlimited' ? Infinity : Number(soft);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Starts `server/index.ts` on a free port over an already seeded data folder, and resolves once
 * /api/health answers. LOG_LEVEL warn: per-request info logs would cost the server CPU the
 * benchmark should measure; warnings and errors still reach this terminal. TIERDESK_RATE_LIMITS=off:
 * a benchmark is a load test from one address (the server warns about it at start). `nodeArgs` go to the
 * server's Node (e.g. `--cpu-prof` to see where its time goes under this load).
 */
export async function startServerProcess(dataDir: string, options: { env?: Record<string, string>; nodeArgs?: string[] } = {}): Promise<ServerProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', 'server/index.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', TIERDESK_DATA_DIR: dataDir, LOG_LEVEL: 'warn', TIERDESK_RATE_LIMITS: 'off', ...options.env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('the server process did not start');
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  // A benchmark stopped by Ctrl-C (or killed by a timeout) must not leave its server running.
  const killOnSignal = () => {
    child.kill('SIGKILL');
    process.exit(130);
  };
  process.once('SIGINT', killOnSignal).once('SIGTERM', killOnSignal);
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const url = `http://127.0.0.1:${port}`;
  // Generous: on a loaded 2-core machine tsx's first compile of the server takes a while.
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (exited) throw new Error(`the server exited during start (code ${child.exitCode})`);
    const healthy = await fetch(`${url}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('the server did not answer /api/health within 90 s');
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    pid,
    rss: () => procStatusBytes(pid, 'VmRSS'),
    rssHighWater: () => procStatusBytes(pid, 'VmHWM'),
    cpuMs: () => procCpuMs(pid),
    async stop() {
      process.off('SIGINT', killOnSignal).off('SIGTERM', killOnSignal).off('exit', killOnExit);
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exit;
      clearTimeout(timer);
    },
  };
}

/** Samples a reading every `everyMs` and keeps the largest; `stop()` returns it. */
export function peakSampler(read: () => number, everyMs = 500): { stop(): number } {
  let peak = read();
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, read());
    } catch {
      // The process is gone: the last peak stands.
    }
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}

/** Bytes of the server's SQLite files (database + write-ahead log) in the data folder. */
export function dataFolderBytes(dataDir: string): number {
  return fs.readdirSync(dataDir).reduce((sum, name) => sum + fs.statSync(path.join(dataDir, name)).size, 0);
}
