import { ACTION_LABELS, ACTIONS, drawAction, type SentEvent, type SimulatedAgent } from './kpi-agents';
import { startPhaseMeter, type PhaseCost } from './kpi-meters';
import { untilQuiet } from './kpi-setup';
import type { ReceivedUpdate, SupervisorWatch } from './kpi-supervisor';
import type { ServerProcess } from './push-server';
import { distribution, distributionLine, mib, ms, now, seconds } from './report';

export type PhasePlan = { title: string; rate: number; seconds: number; drainSeconds: number };
export type PhaseContext = { server: ServerProcess; agents: readonly SimulatedAgent[]; supervisor: SupervisorWatch; random: () => number };

type Drive = { events: SentEvent[]; startedAt: number; scheduleEndedAt: number; starved: number };
/** `cutoff`: the end of the drain; answers after it count as unanswered, so that every figure of the phase is taken at one moment. */
export type PhaseResult = { plan: PhasePlan; drive: Drive; cutoff: number; settled: boolean; updates: ReceivedUpdate[]; cost: PhaseCost };

/** After the last answer, the feed has settled once no kpi:update came for this long (the publisher gathers for at most 200 ms). */
const SETTLE_QUIET_MS = 1_500;
const SETTLE_MAX_MS = 15_000;

/**
 * The open loop: intent i is due at start + i / rate and is sent then, whatever the answers to
 * earlier ones are doing; each goes from an agent drawn at random, by the mix among what that
 * agent can do with the tickets it holds.
 */
async function drive(plan: PhasePlan, agents: readonly SimulatedAgent[], random: () => number): Promise<Drive> {
  const total = Math.round(plan.rate * plan.seconds);
  const events: SentEvent[] = [];
  let starved = 0;
  const startedAt = now();
  for (let index = 0; index < total; index++) {
    const dueAt = startedAt + (index * 1000) / plan.rate;
    const wait = dueAt - now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    let sent = false;
    for (let attempt = 0; attempt < 20 && !sent; attempt++) {
      const agent = agents[Math.floor(random() * agents.length)]!;
      const action = drawAction(agent.feasible(), random);
      if (!action) continue;
      events.push(agent.send(action, dueAt, random));
      sent = true;
    }
    if (!sent) starved++;
  }
  return { events, startedAt, scheduleEndedAt: now(), starved };
}

/** Resolves when `condition` holds (true) or after `timeoutMs` (false). */
async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

/**
 * Runs one phase: the schedule, then up to `drainSeconds` for the answers, then until the
 * supervisor's feed is quiet; measures the server (CPU, RSS) and this process meanwhile.
 */
export async function runPhase(plan: PhasePlan, context: PhaseContext): Promise<PhaseResult> {
  const { server, agents, supervisor, random } = context;
  const meter = startPhaseMeter(server);
  const updatesBefore = supervisor.updates.length;
  const run = await drive(plan, agents, random);
  await waitFor(() => run.events.every((event) => event.ackAt !== null), plan.drainSeconds * 1000);
  const cutoff = now();
  const settled = await untilQuiet(() => supervisor.updates.length, SETTLE_QUIET_MS, SETTLE_MAX_MS);
  const cost = meter.stop();
  return { plan, drive: run, cutoff, settled, updates: supervisor.updates.slice(updatesBefore), cost };
}

const percent = (value: number) => `${value.toFixed(0)}%`;

/** "3× a, 1× b", most frequent first. */
function tally(reasons: readonly string[]): string {
  const counts = new Map<string, number>();
  reasons.forEach((reason) => counts.set(reason, (counts.get(reason) ?? 0) + 1));
  return [...counts].sort((a, b) => b[1] - a[1]).map(([reason, times]) => `${times}× ${reason}`).join(', ');
}

function describeMix(events: readonly SentEvent[]): string {
  return ACTIONS.map((action) => {
    const count = events.filter((event) => event.action === action).length;
    return `${ACTION_LABELS[action]} ${percent((count / Math.max(1, events.length)) * 100)}`;
  }).join(', ');
}

/** Prints the phase for a person: load sent and taken, staleness at the supervisor, what the server used. */
export function printPhase(result: PhaseResult, supervisor: SupervisorWatch): void {
  const { plan, drive: run, updates, cost } = result;
  const { events } = run;
  const answered = events.filter((event) => event.ackAt !== null && event.ackAt <= result.cutoff);
  const unanswered = events.length - answered.length;
  const applied = answered.filter((event) => event.outcome === 'applied');
  const rejected = answered.filter((event) => event.outcome === 'rejected');
  const failed = answered.filter((event) => event.outcome === 'failed');
  const served = answered.filter((event) => event.outcome !== 'failed');
  const lastAckAt = Math.max(run.startedAt, ...served.map((event) => event.ackAt!));
  const offeredSeconds = (run.scheduleEndedAt - run.startedAt) / 1000;
  const achieved = applied.length / ((lastAckAt - run.startedAt) / 1000);

  console.log(`--- ${plan.title} ${'-'.repeat(Math.max(3, 74 - plan.title.length))}`);
  console.log(`mix sent: ${describeMix(events)}`);
  console.log(
    `intents: ${events.length} sent over ${offeredSeconds.toFixed(2)} s (target ${plan.rate}/s → ${(events.length / offeredSeconds).toFixed(1)}/s offered)` +
      `${run.starved ? `, ${run.starved} not sent (agents held no ticket)` : ''}; ${applied.length} applied, ${rejected.length} rejected, ${failed.length} failed` +
      `${unanswered ? `, ${unanswered} UNANSWERED ${plan.drainSeconds} s after the schedule ended (queued in the server)` : ''}` +
      `${rejected.length ? ` (rejected: ${tally(rejected.map((event) => `${event.action} ${event.detail}`))})` : ''}${failed.length ? ` (failed: ${tally(failed.map((event) => event.detail ?? 'no reason'))})` : ''}`,
  );
  // Kept up: every intent answered, and the last within a second of the schedule's end (no queue left to work off).
  const tailMs = lastAckAt - run.scheduleEndedAt;
  const keptUp = unanswered === 0 && failed.length === 0 && tailMs < 1_000;
  console.log(
    `throughput: ${achieved.toFixed(1)} applied intents/s (first due → last answer in ${seconds(lastAckAt - run.startedAt)}, ${seconds(Math.max(0, tailMs))} after the schedule ended)` +
      (keptUp ? ': kept up' : `: SATURATED, a queue built up; the server took ${percent((achieved / plan.rate) * 100)} of the offered ${plan.rate}/s`),
  );
  const lateness = events.map((event) => event.sentAt - event.dueAt);
  console.log(`generator: sent behind schedule p99 ${ms(distribution(lateness).p99)}, max ${ms(Math.max(...lateness))}`);
  console.log(distributionLine('due → answer (answered only)', served.map((event) => event.ackAt! - event.dueAt), 38));

  const staleness = updates.flatMap((update) => (update.oldestChangeAt === null ? [] : [update.receivedAt - update.oldestChangeAt]));
  const deltas = updates.filter((update) => update.kind === 'delta');
  const spanSeconds = updates.length > 1 ? (updates.at(-1)!.receivedAt - updates[0]!.receivedAt) / 1000 : 0;
  const gaps = updates.slice(1).map((update, index) => update.receivedAt - updates[index]!.receivedAt);
  console.log(
    `kpi:update at the supervisor: ${updates.length} (${deltas.length} deltas) over ${spanSeconds.toFixed(1)} s${gaps.length ? `, longest gap between two ${ms(Math.max(...gaps))}` : ''}; ` +
      `≈ ${(applied.length / Math.max(1, updates.length)).toFixed(1)} applied intents per update, ${(deltas.reduce((sum, update) => sum + update.agents, 0) / Math.max(1, deltas.length)).toFixed(1)} agents per delta`,
  );
  if (staleness.length) console.log(distributionLine('staleness (receipt − oldestChangeAt)', staleness, 38));

  const probes = applied.filter((event) => event.probe && !event.probe.spoiled && event.probe.expectedSolved !== null);
  const endToEnd: number[] = [];
  let unseen = 0;
  for (const probe of probes) {
    const seenAt = supervisor.firstSeenSolved(probe.agentId, probe.probe!.expectedSolved!);
    if (seenAt === null) unseen++;
    else endToEnd.push(seenAt - probe.sentWall);
  }
  if (endToEnd.length) console.log(distributionLine('Fixed sent → solvedToday+1 seen', endToEnd, 38));
  const fixes = applied.filter((event) => event.action === 'fixed').length;
  console.log(
    `  (end-to-end: ${probes.length} of ${fixes} applied Fixed, those with no other Fixed of the same agent in flight; ` +
      `${unseen ? `${unseen} NOT SEEN at the supervisor` : 'every one seen at the supervisor'})`,
  );

  console.log(
    `CPU (% of one core, over ${seconds(cost.wallMs)} of schedule, drain and settle): server ${percent(cost.server.averagePercent)} average, ` +
      `peak ${percent(cost.server.peakPercent)} in a 1 s interval; bench process (agents + supervisor) ${percent(cost.benchPercent)}; ` +
      `other processes on this machine ${percent(cost.othersPercent)}; load average ${cost.loadAverage.toFixed(1)}`,
  );
  console.log(`server RSS: ${mib(cost.rss.before)} before, ${mib(cost.rss.peak)} peak (sampled every 500 ms), ${mib(cost.rss.after)} after`);
  console.log(
    `bench process event-loop delay p50 ${ms(cost.benchLoopDelay.p50)}, p99 ${ms(cost.benchLoopDelay.p99)}, max ${ms(cost.benchLoopDelay.max)} (adds to receipt times)` +
      `${result.settled ? '' : `; kpi:update still arriving ${SETTLE_MAX_MS / 1000} s after the last answer (figures cover what came until then)`}`,
  );
  console.log('');
}
