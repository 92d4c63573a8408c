import { spawn } from 'node:child_process';

/** What one closed-loop run measured in the generator's own process. */
export type ClosedLoopRun = { succeeded: number; failed: number; failures: string[]; latenciesMs: number[]; elapsedMs: number; cpuMs: number };

/**
 * Closed loop, as peers are measured: `concurrency` clients, each sending request `index` and the
 * next one as soon as the answer came, until `count` were asked for. `attempt` resolves with null
 * on success or a short failure text; only successes are timed.
 */
export async function closedLoop(load: { concurrency: number; count: number; firstIndex: number }, attempt: (index: number) => Promise<string | null>): Promise<ClosedLoopRun> {
  const latenciesMs: number[] = [];
  const failures: string[] = [];
  let failed = 0;
  let next = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const client = async () => {
    while (next < load.count) {
      const index = load.firstIndex + next++;
      const sentAt = performance.now();
      const failure = await attempt(index);
      if (failure === null) latenciesMs.push(performance.now() - sentAt);
      else {
        failed++;
        if (failures.length < 5) failures.push(failure.slice(0, 200));
      }
    }
  };
  await Promise.all(Array.from({ length: load.concurrency }, client));
  const elapsedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return { succeeded: latenciesMs.length, failed, failures, latenciesMs, elapsedMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/**
 * Runs a generator script in its own Node process (so its CPU is not the benchmark's, and the
 * server's measured CPU is its own), passing `load` as JSON, and resolves with the JSON report it prints.
 */
export function runInProcess<Report>(script: string, load: unknown, what: string): Promise<Report> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify(load)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`the ${what} exited with ${code}`));
      try {
        resolve(JSON.parse(output) as Report);
      } catch (error) {
        reject(new Error(`the ${what} printed no report: ${(error as Error).message}`));
      }
    });
  });
}
