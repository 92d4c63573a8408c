import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_CAPACITY, LOAD_WEIGHTS, initialPriority } from '../../core';
import { envSetting } from './env-setting';
import { runGenerator, type GeneratorReport } from './intake-generator';
import { AgentConsole, connectAll, FleetLedger } from './push-clients';
import { peakSampler, startServerProcess, type ServerProcess } from './push-server';
import { distribution, header, mib, ms } from './report';
import { seedAgents, type SeededDesk } from './seed-agents';
import { seedArticles } from './seed-articles';
import { benchIntake } from './seed-server';

const SETTINGS = {
  tickets: envSetting('INTAKE_TICKETS', 6_000, 100, 1_000_000),
  agents: envSetting('INTAKE_AGENTS', 20, 1, 1_000),
};
const ROUTED_TICKETS = envSetting('INTAKE_ROUTED_TICKETS', 4_000, 100, 1_000_000);
/** Published public articles, so that every intake is weighed for a self-service offer (one of them matches every bench ticket). */
const ARTICLES = envSetting('INTAKE_ARTICLES', 2_000, 0, 100_000);

/**
 * The agents' capacity, seeded past what the API allows (100): enough that every ticket of the
 * routed phase is assigned to someone and pushed, which is the costlier path (a full desk only
 * queues tickets).
 */
function capacityFor(tickets: number, firstIndex: number, agents: number): number {
  let load = 0;
  for (let index = firstIndex; index < firstIndex + tickets; index++) load += LOAD_WEIGHTS[initialPriority(benchIntake(index).type ?? 'incident')];
  return Math.ceil(load / agents) + 10;
}

type Phase = { label: string; concurrency: number; count: number; consoles: boolean };

/**
 * Intake throughput and latency on the embedded store, the load generator in its own process:
 * an osTicket-shaped load (the same ticket, one client and eight) to compare with the peer
 * figures the performance issue quotes, concurrency 32 for the latency target, and the same with
 * agents online, where every ticket is routed, assigned and pushed to a console.
 */
export async function intakeBench(): Promise<void> {
  const quiet: Phase[] = [
    { label: 'osTicket shape, c=1, no consoles', concurrency: 1, count: Math.round(SETTINGS.tickets / 4), consoles: false },
    { label: 'osTicket shape, c=8, no consoles', concurrency: 8, count: SETTINGS.tickets, consoles: false },
    { label: 'c=32, no consoles', concurrency: 32, count: SETTINGS.tickets, consoles: false },
  ];
  const routed: Phase = { label: `c=32, ${SETTINGS.agents} agents online, each ticket routed + pushed`, concurrency: 32, count: ROUTED_TICKETS, consoles: true };
  // The warm-up of the routed desk is assigned too (its consoles are online): its capacity covers both.
  const capacity = capacityFor(WARM_UP + ROUTED_TICKETS, 0, SETTINGS.agents);
  header('intake', [
    `POST /api/tickets (public intake, 300-byte ticket: subject, 3 sentences, requester of 500), closed loop over keep-alive connections, from a generator in its own process`,
    `one server process (embedded SQLite, synchronous=FULL, group commit), TIERDESK_RATE_LIMITS=off, routing and SLA timers on, LOG_LEVEL=warn; ${WARM_UP} tickets of warm-up first, not counted`,
    `phases: ${[...quiet, routed].map((phase) => `${phase.label}: ${phase.count} tickets`).join('; ')}`,
    `the routed phase on a desk of its own: ${SETTINGS.agents} L1 agents in General (capacity ${capacity} each, seeded: every ticket is assigned), socket.io clients in this process; INTAKE_TICKETS, INTAKE_ROUTED_TICKETS, INTAKE_AGENTS`,
    ARTICLES > 0
      ? `${ARTICLES} public articles published (INTAKE_ARTICLES): every ticket is weighed for a self-service offer, and one article matches every ticket, so each acknowledgement offers it with a signed link`
      : 'no articles (INTAKE_ARTICLES=0): every ticket is still weighed for a self-service offer, against an empty title index',
  ]);
  await onFreshDesk(SETTINGS.agents, DEFAULT_CAPACITY, async (server) => {
    await warmUp(server, 0);
    let firstIndex = WARM_UP;
    for (const phase of quiet) {
      await measurePhase(server, phase, firstIndex, null);
      firstIndex += phase.count;
    }
  });
  await onFreshDesk(SETTINGS.agents, capacity, async (server, desk) => {
    const ledger = new FleetLedger();
    const consoles = desk.agents.map((agent) => new AgentConsole(agent, server.url, ledger));
    try {
      await connectAll(consoles, 50);
      await warmUp(server, 0);
      await measurePhase(server, routed, WARM_UP, ledger);
    } finally {
      consoles.forEach((agentConsole) => agentConsole.drop());
    }
  });
}

/** A warm-up the figures leave out: tsx's compile and V8's optimisation of the intake path. */
const WARM_UP = 500;
const warmUp = (server: ServerProcess, firstIndex: number) => runGenerator({ url: server.url, concurrency: 8, count: WARM_UP, firstIndex });

/** A data folder with the first admin and `agents` agents, its server process, removed afterwards. */
async function onFreshDesk(agents: number, capacity: number, work: (server: ServerProcess, desk: SeededDesk) => Promise<void>): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tierdesk-bench-intake-'));
  let server: ServerProcess | null = null;
  try {
    const desk = await seedAgents(dataDir, agents, { capacity });
    server = await startServerProcess(dataDir);
    await seedArticles(server.url, desk.admin, ARTICLES);
    await work(server, desk);
  } finally {
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function measurePhase(server: ServerProcess, phase: Phase, firstIndex: number, ledger: FleetLedger | null): Promise<void> {
  const pushedBefore = ledger?.pushes.size ?? 0;
  const cpuBefore = server.cpuMs();
  const rss = peakSampler(() => server.rss(), 250);
  const report = await runGenerator({ url: server.url, concurrency: phase.concurrency, count: phase.count, firstIndex });
  const peakRss = rss.stop();
  const serverCpuMs = server.cpuMs() - cpuBefore;
  const pushed = ledger ? await pushesSettled(ledger, pushedBefore + report.created, pushedBefore) : null;
  printPhase(phase, report, { serverCpuMs, peakRss, pushed });
  if (report.failed > 0) throw new Error(`${report.failed} intake requests failed: ${report.failures.join(' | ')}`);
  if (pushed && pushed.tickets !== report.created) throw new Error(`${report.created} tickets registered, ${pushed.tickets} pushed to a console`);
}

/** Waits (up to 10 s) until every registered ticket's push reached a console; counts the phase's pushes (those after `skip`) and duplicates. */
async function pushesSettled(ledger: FleetLedger, expected: number, skip: number): Promise<{ tickets: number; duplicates: number; latenciesMs: number[] }> {
  const deadline = Date.now() + 10_000;
  while (ledger.pushes.size < expected && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  const receipts = [...ledger.pushes.values()].slice(skip);
  return {
    tickets: ledger.pushes.size - skip,
    duplicates: receipts.filter((list) => list.length > 1).length,
    latenciesMs: receipts.map((list) => list[0]!.receivedAt - list[0]!.assignedAt),
  };
}

function printPhase(phase: Phase, report: GeneratorReport, server: { serverCpuMs: number; peakRss: number; pushed: { tickets: number; duplicates: number; latenciesMs: number[] } | null }): void {
  const latency = distribution(report.latenciesMs);
  const throughput = (report.created / report.elapsedMs) * 1000;
  console.log(`${phase.label}`);
  console.log(
    `  ${throughput.toFixed(0)} tickets/s (${report.created} in ${(report.elapsedMs / 1000).toFixed(2)} s, ${report.failed} failed); answer p50 ${ms(latency.p50)} / p99 ${ms(latency.p99)} / max ${ms(latency.max)}`,
  );
  console.log(
    `  server CPU ${(server.serverCpuMs / Math.max(1, report.created)).toFixed(2)} ms per ticket (${((server.serverCpuMs / report.elapsedMs) * 100).toFixed(0)} % of a core); generator CPU ${((report.cpuMs / report.elapsedMs) * 100).toFixed(0)} % of a core; server RSS peak ${mib(server.peakRss)}`,
  );
  if (server.pushed) {
    const push = distribution(server.pushed.latenciesMs);
    console.log(`  pushed to a console: ${server.pushed.tickets} of ${report.created} (${server.pushed.duplicates} duplicates); assignedAt → ticket:assigned p50 ${ms(push.p50)} / p99 ${ms(push.p99)}`);
  }
}
