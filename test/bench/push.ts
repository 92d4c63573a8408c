import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { DEFAULT_CAPACITY, LOAD_WEIGHTS, initialPriority } from '../../core';
import { AgentConsole, connectAll, FleetLedger } from './push-clients';
import { postTicketsOpenLoop, readAssignees, signIn } from './push-load';
import { checkMachine } from './push-machine';
import { dataFolderBytes, peakSampler, startServerProcess, type ServerProcess } from './push-server';
import { printPhase, type ChurnStats, type PhaseRun } from './push-report';
import { allAccountedFor, judgePhase } from './push-verdict';
import { header, mib, now, seconds } from './report';
import { seedAgents } from './seed-agents';
import { benchIntake } from './seed-server';
import { envSetting } from './env-setting';
import { mulberry32 } from './seeded-random';


// The default rate is what one server process sustains here with 2,000 consoles all in one group
// (each ticket streams to all of them); raise PUSH_RATE to find the saturation point.
const SETTINGS = {
  agents: envSetting('PUSH_AGENTS', 2_000, 1, 10_000),
  rate: envSetting('PUSH_RATE', 10, 0.1, 2_000, false),
  tickets: envSetting('PUSH_TICKETS', 400, 1, 100_000),
  dropShare: envSetting('PUSH_DROP_SHARE', 0.2, 0, 1, false),
  connectBatch: envSetting('PUSH_CONNECT_BATCH', 200, 1, 10_000),
  httpConnections: envSetting('PUSH_HTTP_CONNECTIONS', 32, 1, 5_000),
  drainSeconds: envSetting('PUSH_DRAIN_S', 30, 1, 3_600),
  seed: envSetting('PUSH_SEED', 1, 0, 2 ** 31),
};
export type PushSettings = typeof SETTINGS;
const OUTAGE_MS = { min: 500, max: 3_000 };
/** Pushes normally land within milliseconds of the answer; this bounds the wait for stragglers. */
const SETTLE_TIMEOUT_MS = 30_000;
const LOOP_SAMPLE_MS = 10;


type Context = { server: ServerProcess; consoles: AgentConsole[]; ledger: FleetLedger; adminToken: string; random: () => number };

/**
 * Drops `share` of the consoles once each, at a random moment of the phase, for 0.5-3 s; each then
 * reconnects and pulls. Resolves when every dropped console is back and has pulled.
 */
function scheduleChurn(context: Context, share: number, phaseMs: number): { dropped: Set<string>; done: Promise<ChurnStats> } {
  const order = [...context.consoles];
  for (let index = order.length - 1; index > 0; index--) {
    const other = Math.floor(context.random() * (index + 1));
    [order[index], order[other]] = [order[other]!, order[index]!];
  }
  const chosen = order.slice(0, Math.round(share * order.length));
  const stats: ChurnStats = { drops: 0, outageMs: OUTAGE_MS, connectMs: [], pullMs: [], pulledDocuments: [], retried: 0, failures: [] };
  const done = Promise.all(
    chosen.map((agentConsole) => {
      const outage = OUTAGE_MS.min + context.random() * (OUTAGE_MS.max - OUTAGE_MS.min);
      const dropAt = context.random() * Math.max(0, phaseMs - outage);
      return new Promise<void>((resolve) => {
        setTimeout(() => {
          agentConsole.drop();
          stats.drops++;
          setTimeout(() => {
            agentConsole.reconnectAndPull().then(
              (back) => {
                stats.connectMs.push(back.connectMs);
                stats.pullMs.push(back.pullMs);
                stats.pulledDocuments.push(back.documents);
                if (back.attempts > 1) stats.retried++;
              },
              (error: unknown) => stats.failures.push(error instanceof Error ? error.message : String(error)),
            ).finally(resolve);
          }, outage);
        }, dropAt);
      });
    }),
  ).then(() => stats);
  return { dropped: new Set(chosen.map((agentConsole) => agentConsole.agent.id)), done };
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

async function runPhase(context: Context, firstIndex: number, churn: boolean): Promise<PhaseRun> {
  const { server, ledger } = context;
  const phaseMs = (SETTINGS.tickets * 1000) / SETTINGS.rate;
  const rssBefore = server.rss();
  const cpuBefore = server.cpuMs();
  const peak = peakSampler(() => server.rss());
  const loopDelay = monitorEventLoopDelay({ resolution: LOOP_SAMPLE_MS });
  loopDelay.enable();
  const started = now();
  const unplannedBefore = ledger.unplannedDrops.length;
  const failuresBefore = ledger.reconnectFailures.length;

  const churning = churn ? scheduleChurn(context, SETTINGS.dropShare, phaseMs) : null;
  const intake = await postTicketsOpenLoop(server.url, {
    count: SETTINGS.tickets,
    ratePerSecond: SETTINGS.rate,
    firstIndex,
    drainMs: SETTINGS.drainSeconds * 1000,
    connections: SETTINGS.httpConnections,
  });
  const churnStats = churning ? await churning.done : null;
  // Consoles the server dropped come back on their own; judge once they have (new ones may start meanwhile).
  for (let seen = -1; seen !== ledger.recoveries.length; ) {
    seen = ledger.recoveries.length;
    await Promise.all(ledger.recoveries);
  }
  const accepted = intake.posted.flatMap((entry) => (entry.ticket ? [entry.ticket] : []));
  const ticketIds = accepted.map((ticket) => ticket.id);
  const assignees = await readAssignees(server.url, context.adminToken, accepted);
  const settled = await waitUntil(() => allAccountedFor(ticketIds, assignees, ledger), SETTLE_TIMEOUT_MS);
  const wallMs = now() - started;
  loopDelay.disable();

  const unplannedDrops = ledger.unplannedDrops.slice(unplannedBefore);
  const dropped = new Map<string, string>(unplannedDrops.map((drop) => [drop.agentId, `closed by the server or transport: ${drop.reason}`]));
  churning?.dropped.forEach((agentId) => dropped.set(agentId, 'dropped by the benchmark'));
  return {
    intake,
    verdict: judgePhase(ticketIds, assignees, ledger, dropped),
    settled,
    streamSpreads: ticketIds.flatMap((ticketId) => ledger.streamSpread.get(ticketId) ?? []),
    churn: churnStats,
    unplannedDrops,
    reconnectFailures: ledger.reconnectFailures.slice(failuresBefore),
    server: { rssBefore, rssPeak: peak.stop(), rssAfter: server.rss(), cpuMs: server.cpuMs() - cpuBefore, wallMs },
    // The histogram holds whole intervals between its samples: the delay is what exceeds the interval.
    benchLoopDelayMs: [loopDelay.percentile(50), loopDelay.percentile(99), loopDelay.max].map((value) => Math.max(0, value / 1e6 - LOOP_SAMPLE_MS)) as [number, number, number],
  };
}

/** Weighted load (LOAD_WEIGHTS) the benchmark's intakes put on the agents, against their capacity. */
function plannedLoad(tickets: number): number {
  let load = 0;
  for (let index = 0; index < tickets; index++) load += LOAD_WEIGHTS[initialPriority(benchIntake(index).type ?? 'incident')];
  return load;
}

export async function pushBench(): Promise<void> {
  const { agents, rate, tickets, dropShare, connectBatch } = SETTINGS;
  checkMachine(agents, 'PUSH_AGENTS');
  const load = plannedLoad(2 * tickets);
  const slots = agents * DEFAULT_CAPACITY;
  header('push: assignment decision → ticket:assigned at the agent’s socket', [
    `${agents} agent consoles (socket.io-client, websocket, one per agent, all in this process, opened ${connectBatch} at a time) on one server process (npm start's server/index.ts, SQLite, LOG_LEVEL warn)`,
    `agents seeded straight into the data folder before start (L1, group General, capacity ${DEFAULT_CAPACITY}; one shared argon2id hash; sessions written as a sign-in writes them); one admin signs in over HTTP to read assignees`,
    `each phase: ${tickets} tickets through POST /api/tickets, open loop at ${rate}/s (fixed schedule, never waits for answers); every agent is in General, so every console also receives every ticket's sync:changed`,
    `capacity ${slots} load units (${agents} × ${DEFAULT_CAPACITY}) vs ${load} for both phases' tickets (weighted by priority)${load >= slots ? ': NOT ENOUGH — late tickets wait for capacity' : ': nobody runs out, no ticket waits'}`,
    `churn phase: ${Math.round(dropShare * agents)} consoles (${dropShare * 100}%) drop once each, at random moments, for ${OUTAGE_MS.min / 1000}-${OUTAGE_MS.max / 1000} s, then reconnect with the same session and sync:pull from their last stream checkpoint (seed ${SETTINGS.seed})`,
    'latency = receipt time at the assignee’s client − the ticket’s assignedAt (server clock when the intake transaction began, so routing queries are inside); same machine clock, 1 ms resolution',
  ]);

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tierdesk-push-'));
  const ledger = new FleetLedger();
  let server: ServerProcess | null = null;
  let consoles: AgentConsole[] = [];
  try {
    let mark = now();
    const desk = await seedAgents(dataDir, agents);
    const seededMs = now() - mark;
    mark = now();
    server = await startServerProcess(dataDir, { nodeArgs: (process.env.PUSH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean) });
    const startedMs = now() - mark;
    const adminToken = await signIn(server.url, desk.admin);
    const rssIdle = server.rss();
    consoles = desk.agents.map((agent) => new AgentConsole(agent, server!.url, ledger));
    mark = now();
    await connectAll(consoles, connectBatch);
    const connectMs = now() - mark;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    console.log(`setup: ${agents} agents seeded in ${seconds(seededMs)}; server answered in ${seconds(startedMs)}; ${agents} sockets connected in ${seconds(connectMs)} (${(agents / (connectMs / 1000)).toFixed(0)}/s)`);
    const rssConnected = server.rss();
    const perConsoleKib = (rssConnected - rssIdle) / agents / 1024;
    console.log(`server RSS: ${mib(rssIdle)} with no sockets, ${mib(rssConnected)} with ${agents} sockets connected (1 s after the last): ≈ ${perConsoleKib.toFixed(1)} KiB per console`);
    console.log('');

    const context: Context = { server, consoles, ledger, adminToken, random: mulberry32(SETTINGS.seed) };
    const steady = await runPhase(context, 0, false);
    printPhase(`phase 1, steady: all ${agents} connected`, steady, SETTINGS);
    const churn = await runPhase(context, tickets, true);
    printPhase(`phase 2, churn: ${dropShare * 100}% of agents drop and come back`, churn, SETTINGS);

    console.log(`server RSS high-water mark (VmHWM, whole run): ${mib(server.rssHighWater())}; data folder at the end: ${mib(dataFolderBytes(dataDir))}`);
    const failures = [steady, churn].flatMap((run, index) => {
      const phase = index === 0 ? 'steady' : 'churn';
      const { verdict } = run;
      const problems: string[] = [];
      if (verdict.lost.length) problems.push(`${phase}: ${verdict.lost.length} pushes lost`);
      if (verdict.wrongRecipient + verdict.duplicate + verdict.pushedButUnassigned) problems.push(`${phase}: misdelivered pushes`);
      const failedIntakes = run.intake.posted.filter((entry) => entry.outcome === 'failed').length;
      if (failedIntakes) problems.push(`${phase}: ${failedIntakes} intakes failed`);
      return problems;
    });
    if (failures.length) throw new Error(failures.join('; '));
  } finally {
    consoles.forEach((agentConsole) => agentConsole.close());
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
