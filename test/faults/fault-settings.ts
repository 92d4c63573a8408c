import { FAULT_MODES, type FaultMode } from './infrastructure';

/**
 * The fault runs' settings from the environment, checked (a bad value stops the run naming the
 * variable). FAULTS_SEED and FAULTS_PATH replay one run exactly as printed; FAULTS_COMMANDS must
 * then be the one printed too, since it shapes what a seed generates.
 */
export type FaultSettings = {
  seed: number;
  path: string | undefined;
  runs: number;
  maxCommands: number;
  /**
   * Scale-out runs also kill single server processes and Redis (FAULTS_RELAY_FAULTS, on by
   * default; 0 kills only the whole server tier at once). These are the faults that lose relayed
   * changes, which the receiving process must notice and make its consoles pull again.
   */
  relayFaults: boolean;
  /** Only this mode (FAULTS_MODE), or both. */
  mode: FaultMode | null;
  replayCommand(mode: FaultMode, seed: number, path: string): string;
};

function integer(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name}=${raw} is not an integer from ${min} to ${max}`);
  return value;
}

export function faultSettings(defaults: { runs: number; maxCommands: number }, replayVia = 'npx vitest run test/integration/fault-runs.test.ts'): FaultSettings {
  const seed = integer('FAULTS_SEED', Math.floor(Math.random() * 2 ** 31), -(2 ** 31), 2 ** 31 - 1);
  const path = process.env.FAULTS_PATH || undefined;
  if (path !== undefined && !/^\d+(:\d+)*$/.test(path)) throw new Error(`FAULTS_PATH=${path} is not a fast-check path such as 0 or 3:1`);
  const rawMode = process.env.FAULTS_MODE || null;
  if (rawMode !== null && !FAULT_MODES.includes(rawMode as FaultMode)) throw new Error(`FAULTS_MODE=${rawMode} is not one of ${FAULT_MODES.join(', ')}`);
  const maxCommands = integer('FAULTS_COMMANDS', defaults.maxCommands, 1, 100_000);
  return {
    seed,
    path,
    runs: integer('FAULTS_RUNS', defaults.runs, 1, 10_000),
    maxCommands,
    relayFaults: integer('FAULTS_RELAY_FAULTS', 1, 0, 1) === 1,
    mode: rawMode as FaultMode | null,
    replayCommand: (mode, replaySeed, replayPath) =>
      `FAULTS_MODE=${mode} FAULTS_SEED=${replaySeed} FAULTS_PATH=${replayPath} FAULTS_COMMANDS=${maxCommands}${process.env.FAULTS_RELAY_FAULTS === '0' ? ' FAULTS_RELAY_FAULTS=0' : ''} ${replayVia}`,
  };
}
