import fc from 'fast-check';
import { CONSOLE_AGENTS } from './desk-team';
import { faultCommands, initialModel } from './fault-commands';
import { FaultWorld, type RunStats } from './fault-world';
import { healAndCheck } from './heal-and-check';
import type { FaultInfrastructure, FaultMode } from './infrastructure';

export type FaultRunOptions = {
  mode: FaultMode;
  /** Runs to make (ignored when `path` replays one). */
  runs: number;
  /** The most commands one run generates (at least 80 % of this; those whose precondition fails are skipped). */
  maxCommands: number;
  seed: number;
  /** Scale-out: also kill single servers and Redis (FAULTS_RELAY_FAULTS in fault-settings.ts). */
  relayFaults: boolean;
  /** fast-check's path of one run to replay (as printed), or undefined for fresh runs. */
  path?: string;
  /** How to replay: the command a failure prints, given the seed and path. */
  replayCommand(seed: number, path: string): string;
  log?: (line: string) => void;
};

export type FaultReport = { runs: RunStats[]; failure: { message: string; replay: string } | null };

/** fast-check's replay parameters from its failure message ("seed: 42, path: \"3\""). */
function replayOf(message: string): { seed: number; path: string } | null {
  const found = /seed: (-?\d+), path: "([^"]*)"/.exec(message);
  return found ? { seed: Number(found[1]), path: found[2]! } : null;
}

/**
 * Model-based fault runs with fast-check: each run builds a fresh desk (servers, team, four
 * consoles), runs the generated commands against it (fc.asyncModelRun: each command's check
 * reads the model of what is up, so a restart only follows a kill), heals, and checks every
 * invariant. The commands are a plain array rather than fc.commands, so that a run's length is
 * set (fc.commands draws any length up to its maximum, often a handful). No
 * shrinking (one run takes tens of seconds on real processes): the first failure ends the
 * check and its seed and path replay exactly that command sequence. The timing of the real
 * processes is not replayed, so a replay re-runs the same commands, not the same interleaving.
 */
export async function runFaults(infrastructure: FaultInfrastructure, options: FaultRunOptions): Promise<FaultReport> {
  const log = options.log ?? ((line: string) => console.log(line));
  const runs: RunStats[] = [];
  const servers = infrastructure.mode === 'embedded' ? 1 : 2;
  let runIndex = 0;
  const property = fc.asyncProperty(fc.array(faultCommands(CONSOLE_AGENTS.length, servers, { relayFaults: options.relayFaults }), { minLength: Math.ceil(options.maxCommands * 0.8), maxLength: options.maxCommands, size: 'max' }), async (commands) => {
    const path = options.path ?? String(runIndex++);
    log(`[faults] ${options.mode} run: seed ${options.seed}, path ${path}`);
    const startedAt = performance.now();
    const world = await FaultWorld.create(infrastructure);
    const model = initialModel(world.servers.length, world.seats.length);
    try {
      await fc.asyncModelRun(() => ({ model, real: world }), commands);
      await healAndCheck(model, world);
      runs.push(world.stats);
      if (process.env.FAULTS_VERBOSE === '1') log(world.journal.join('\n'));
      log(`[faults] ${options.mode} run ${path} passed in ${((performance.now() - startedAt) / 1000).toFixed(1)} s: ${summary(world.stats)}`);
    } catch (error) {
      runs.push(world.stats);
      const journal = world.journal.slice(-60).join('\n');
      const output = world.servers.map((server, index) => `server ${index} (last lines):\n${server.recentOutput().slice(-15).join('\n')}`).join('\n');
      throw new Error(`${(error as Error).message}\n\njournal of the run (last 60 lines):\n${journal}\n\n${output}`, { cause: error });
    } finally {
      await world.close();
      await infrastructure.revive();
    }
  });

  try {
    await fc.assert(property, { seed: options.seed, path: options.path, numRuns: options.path ? 1 : options.runs, endOnFailure: true });
    return { runs, failure: null };
  } catch (error) {
    // fast-check's own message names the seed, path and commands; what broke is in its cause.
    const cause = (error as Error).cause;
    const message = `${(error as Error).message}${cause instanceof Error ? `\n\nwhat broke: ${cause.message}` : ''}`;
    const replay = replayOf(message) ?? { seed: options.seed, path: String(Math.max(runIndex - 1, 0)) };
    const command = options.replayCommand(replay.seed, replay.path);
    log(`[faults] ${options.mode} FAILED; replay with:\n  ${command}`);
    return { runs, failure: { message, replay: command } };
  }
}

export function summary(stats: RunStats): string {
  const sorted = [...stats.convergenceMs].sort((a, b) => a - b);
  const worst = sorted.at(-1);
  return `${stats.commands} commands, ${stats.serverKills} server kills (${stats.killsMidPush} mid-push), ${stats.redisKills} Redis kills, ${stats.postgresRestarts} PostgreSQL restarts, ${stats.checkpoints} checks, slowest convergence ${worst === undefined ? '-' : `${worst.toFixed(0)} ms`}`;
}
