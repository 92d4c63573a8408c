import { faultSettings } from '../faults/fault-settings';
import type { RunStats } from '../faults/fault-world';
import { FAULT_MODES, faultModeUnavailableReason, startFaultInfrastructure } from '../faults/infrastructure';
import { runFaults } from '../faults/run-faults';
import { distributionLine, header } from './report';

/**
 * `npm run bench -- faults`: the randomized fault runs of the integration suite, long. Settings:
 * FAULTS_RUNS (runs per mode, default 8), FAULTS_COMMANDS (most commands per run, default 200),
 * FAULTS_MODE (one mode only), FAULTS_SEED / FAULTS_PATH (replay one run).
 */
export async function faultsBench(): Promise<void> {
  const settings = faultSettings({ runs: 8, maxCommands: 200 }, 'npm run bench -- faults');
  header('faults: randomized fault runs (real consoles, SIGKILLed servers; scale-out also kills Redis and restarts PostgreSQL)', [
    `seed ${settings.seed}${settings.path ? `, path ${settings.path}` : ''}; ${settings.path ? 'one replayed run' : `${settings.runs} runs`} per mode of at most ${settings.maxCommands} commands`,
    'each run: a fresh desk, 4 consoles (agent L1, agent in two groups, supervisor, admin), then heal + every invariant; checkpoints heal and check mid-run too',
  ]);
  const failures: string[] = [];
  for (const mode of FAULT_MODES) {
    if (settings.mode !== null && settings.mode !== mode) continue;
    const unavailable = faultModeUnavailableReason(mode);
    if (unavailable) {
      console.log(`\n${mode}: skipped (${unavailable})`);
      continue;
    }
    const infrastructure = await startFaultInfrastructure(mode);
    const startedAt = performance.now();
    try {
      const report = await runFaults(infrastructure, { ...settings, mode, replayCommand: (seed, path) => settings.replayCommand(mode, seed, path) });
      printTotals(mode, report.runs, (performance.now() - startedAt) / 1000);
      if (report.failure) {
        console.log(`\n${mode} FAILED:\n${report.failure.message}\n\nreplay: ${report.failure.replay}`);
        failures.push(`${mode}: ${report.failure.replay}`);
      }
    } finally {
      await infrastructure.remove();
    }
  }
  if (failures.length) throw new Error(`fault runs failed; replay with:\n  ${failures.join('\n  ')}`);
}

function printTotals(mode: string, runs: RunStats[], seconds: number): void {
  const sum = (pick: (stats: RunStats) => number) => runs.reduce((total, stats) => total + pick(stats), 0);
  const byCommand = new Map<string, number>();
  for (const stats of runs) for (const [name, count] of Object.entries(stats.byCommand)) byCommand.set(name, (byCommand.get(name) ?? 0) + count);
  console.log(`\n${mode}: ${runs.length} runs in ${seconds.toFixed(0)} s, ${sum((stats) => stats.commands)} commands (${[...byCommand].map(([name, count]) => `${name} ${count}`).join(', ')})`);
  console.log(`  kills: ${sum((stats) => stats.serverKills)} servers (${sum((stats) => stats.killsMidPush)} mid-push), ${sum((stats) => stats.redisKills)} Redis, ${sum((stats) => stats.postgresRestarts)} PostgreSQL restarts; ${sum((stats) => stats.checkpoints)} heal-and-checks`);
  console.log(distributionLine('convergence after reconnect', runs.flatMap((stats) => stats.convergenceMs)));
}
