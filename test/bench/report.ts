import os from 'node:os';

/** Nearest-rank percentile of already collected samples (milliseconds or any unit). */
export function percentile(samples: readonly number[], p: number): number {
  return rankOf([...samples].sort((a, b) => a - b), p);
}

/** Nearest rank in samples sorted ascending. */
function rankOf(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export const median = (samples: readonly number[]) => percentile(samples, 50);

export type Distribution = { n: number; p50: number; p95: number; p99: number; max: number; mean: number };

/** Sorts once; a reduce rather than Math.max(...samples), which overflows the stack past ~100k samples. */
export function distribution(samples: readonly number[]): Distribution {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => rankOf(sorted, p);
  return {
    n: sorted.length,
    p50: at(50),
    p95: at(95),
    p99: at(99),
    max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
    mean: sorted.reduce((sum, value) => sum + value, 0) / sorted.length,
  };
}

export const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
export const seconds = (valueMs: number) => `${(valueMs / 1000).toFixed(2)} s`;
export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** One aligned line: label, then p50/p95/p99/max in milliseconds. */
export function distributionLine(label: string, samples: readonly number[], width = 28): string {
  const d = distribution(samples);
  const cell = (value: number) => ms(value).padStart(10);
  return `  ${label.padEnd(width)} n=${String(d.n).padEnd(4)} p50 ${cell(d.p50)}  p95 ${cell(d.p95)}  p99 ${cell(d.p99)}  max ${cell(d.max)}`;
}

/** What a reader needs to compare two runs: the load and the machine it ran on. */
export function header(scenario: string, load: string[]): void {
  const cpus = os.cpus();
  console.log('');
  console.log(`=== ${scenario} ${'='.repeat(Math.max(3, 72 - scenario.length))}`);
  console.log(`machine: ${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown cpu'}), ${mib(os.totalmem())} RAM, Node ${process.version}, ${os.platform()} ${os.arch()}`);
  for (const line of load) console.log(`load:    ${line}`);
  console.log('');
}

export const now = () => performance.now();

/** Rejects after `timeoutMs` with `what`: every wait in the benchmark is bounded. */
export async function within<T>(what: string, timeoutMs: number, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
