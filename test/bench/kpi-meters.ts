import fs from 'node:fs';
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { peakSampler, type ServerProcess } from './push-server';

/** What a phase cost: CPU in percent of one core, memory in bytes, event-loop delay of this process in ms. */
export type PhaseCost = {
  wallMs: number;
  server: { averagePercent: number; peakPercent: number };
  /** This process: the simulated agents and the supervisor. */
  benchPercent: number;
  /** Everything else that ran on the machine meanwhile (the 2 cores are shared). */
  othersPercent: number;
  rss: { before: number; peak: number; after: number };
  benchLoopDelay: { p50: number; p99: number; max: number };
  loadAverage: number;
};

const LOOP_SAMPLE_MS = 10;
const CPU_SAMPLE_MS = 1_000;
/** Linux reports /proc CPU times in USER_HZ, 100 per second on every platform it runs on. */
const MS_PER_TICK = 10;

/** CPU time the whole machine spent busy (every core, every process, the kernel), in ms. */
function machineBusyMs(): number {
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  return (user + nice + system + irq + softirq) * MS_PER_TICK;
}

/**
 * Starts measuring the server process and this one: CPU (user + system, sampled every second for
 * the peak), the server's resident set (every 500 ms), this process's event-loop delay, and how
 * busy the machine was besides both. `stop()` ends it.
 */
export function startPhaseMeter(server: ServerProcess): { stop(): PhaseCost } {
  const startWall = performance.now();
  const serverStart = server.cpuMs();
  const machineStart = machineBusyMs();
  const benchStart = process.cpuUsage();
  const rssBefore = server.rss();
  const rssPeak = peakSampler(() => server.rss());
  const loop = monitorEventLoopDelay({ resolution: LOOP_SAMPLE_MS });
  loop.enable();
  let lastWall = startWall;
  let lastCpu = serverStart;
  let peak = 0;
  const sampler = setInterval(() => {
    try {
      const wall = performance.now();
      const cpu = server.cpuMs();
      peak = Math.max(peak, ((cpu - lastCpu) / (wall - lastWall)) * 100);
      lastWall = wall;
      lastCpu = cpu;
    } catch {
      // The process is gone: the figures so far stand.
    }
  }, CPU_SAMPLE_MS);
  return {
    stop() {
      clearInterval(sampler);
      loop.disable();
      const wallMs = performance.now() - startWall;
      const serverMs = server.cpuMs() - serverStart;
      const bench = process.cpuUsage(benchStart);
      const benchMs = (bench.user + bench.system) / 1000;
      const percentOf = (cpuMs: number) => (cpuMs / wallMs) * 100;
      // The histogram holds whole intervals between its samples: the delay is what exceeds the interval.
      const lag = (nanoseconds: number) => Math.max(0, nanoseconds / 1e6 - LOOP_SAMPLE_MS);
      return {
        wallMs,
        server: { averagePercent: percentOf(serverMs), peakPercent: peak },
        benchPercent: percentOf(benchMs),
        othersPercent: Math.max(0, percentOf(machineBusyMs() - machineStart - serverMs - benchMs)),
        rss: { before: rssBefore, peak: rssPeak.stop(), after: server.rss() },
        benchLoopDelay: { p50: lag(loop.percentile(50)), p99: lag(loop.percentile(99)), max: lag(loop.max) },
        loadAverage: os.loadavg()[0]!,
      };
    },
  };
}
