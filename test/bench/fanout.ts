import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Intake } from '../../core';
import { createScratchDatabase, postgresUnavailableReason } from '../support/postgres';
import { REDIS_TEST_URL, redisUnavailableReason } from '../support/redis';
import { envSetting } from './env-setting';
import type { ClientReport, ClientSlice, FromClient, ToClient } from './fanout-client';
import { postTicketsOpenLoop, type IntakeRun } from './push-load';
import { checkMachine } from './push-machine';
import { peakSampler, procCpuMs, startServerProcess, type ServerProcess } from './push-server';
import { distributionLine, header, mib, seconds, within } from './report';
import { benchGroupTag, seedAgents, type SeededDesk } from './seed-agents';
import { benchIntake } from './seed-server';

const SETTINGS = {
  agents: envSetting('FANOUT_AGENTS', 10_000, 2, 20_000),
  groupSize: envSetting('FANOUT_GROUP_SIZE', 50, 1, 2_000),
  rate: envSetting('FANOUT_RATE', 100, 1, 2_000, false),
  seconds: envSetting('FANOUT_SECONDS', 20, 1, 600),
  followUps: envSetting('FANOUT_FOLLOW_UPS', 4, 0, 20),
  clientProcesses: envSetting('FANOUT_CLIENT_PROCESSES', 4, 1, 32),
};
/** "one" (one server process on the embedded store), "redis" (two on PostgreSQL behind Redis), or both. */
const MODES = (process.env.FANOUT_MODES ?? 'one,redis').split(',').map((mode) => mode.trim());
/** Node options for the server processes, e.g. `--cpu-prof` to see where their time goes under this load. */
const SERVER_NODE_ARGS = (process.env.FANOUT_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
const FOLLOW_UP_SPACING_MS = 250;
const WARM_UP_TICKETS = 200;
const CONNECT_BATCH = 100;
/** After the last intake answer: the follow-ups (spaced) and their streams land well within this. */
const SETTLE_MS = 3_000;
const HTTP_CONNECTIONS = 32;

type Desk = { servers: ServerProcess[]; desk: SeededDesk; cleanUp(): Promise<void> };
type ClientProcess = { child: ChildProcess; next(kind: FromClient['kind']): Promise<FromClient> };

/**
 * Fan-out to thousands of consoles: agents in groups of 50, every console a socket in one of
 * several client processes, tickets routed to a group (by tag) at a steady rate, and each assignee
 * working its ticket with follow-up intents. Push = assignedAt → ticket:assigned at the assignee;
 * stream = the ticket version's updatedAt → sync:changed at every console of the group. Server and
 * client CPU are reported apart, since they share the machine's cores.
 */
export async function fanoutBench(): Promise<void> {
  const { agents, groupSize, rate, seconds: phaseSeconds, followUps, clientProcesses } = SETTINGS;
  const groups = Math.ceil(agents / groupSize);
  checkMachine(agents, 'FANOUT_AGENTS');
  header('fanout: routed tickets and follow-up intents streamed to thousands of consoles', [
    `${agents} agents in ${groups} groups of ${groupSize} (not in General: each console sees its own group's tickets), each a socket.io client (websocket), spread over ${clientProcesses} client processes`,
    `${rate} tickets/s for ${phaseSeconds} s through POST /api/tickets (open loop, ${HTTP_CONNECTIONS} keep-alive connections per server, from this process), each tagged to route to group (i mod ${groups}); ${WARM_UP_TICKETS} tickets of warm-up first, not counted`,
    `the assignee answers each pushed ticket with ${followUps} intents (note, setPriority, reply, note), ${FOLLOW_UP_SPACING_MS} ms apart, each its own mutations:push: ${rate * followUps} intents/s`,
    `modes: ${MODES.join(', ')} (one = one server process, SQLite; redis = two server processes on one PostgreSQL and Redis, consoles and intake split between them); TIERDESK_RATE_LIMITS=off, LOG_LEVEL=warn`,
    'FANOUT_AGENTS, FANOUT_GROUP_SIZE, FANOUT_RATE, FANOUT_SECONDS, FANOUT_FOLLOW_UPS, FANOUT_CLIENT_PROCESSES, FANOUT_MODES, FANOUT_SERVER_NODE_ARGS',
  ]);
  for (const mode of MODES) {
    if (mode !== 'one' && mode !== 'redis') throw new Error(`FANOUT_MODES: unknown mode "${mode}" (one, redis)`);
    if (mode === 'redis') {
      const unavailable = (await postgresUnavailableReason()) ?? (await redisUnavailableReason());
      if (unavailable) {
        console.log(`--- two processes behind Redis: SKIPPED, ${unavailable}`);
        continue;
      }
    }
    const desk = mode === 'one' ? await embeddedDesk(agents, groupSize) : await scaledOutDesk(agents, groupSize);
    try {
      await runMode(mode === 'one' ? 'one server process (SQLite)' : 'two server processes behind Redis (PostgreSQL)', desk, groups);
    } finally {
      await desk.cleanUp();
    }
  }
}

async function embeddedDesk(agents: number, groupSize: number): Promise<Desk> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tierdesk-bench-fanout-'));
  const desk = await seedAgents(dataDir, agents, { groupSize });
  const server = await startServerProcess(dataDir, { nodeArgs: SERVER_NODE_ARGS });
  return {
    servers: [server],
    desk,
    async cleanUp() {
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function scaledOutDesk(agents: number, groupSize: number): Promise<Desk> {
  const dataDirs = [0, 1].map(() => fs.mkdtempSync(path.join(os.tmpdir(), 'tierdesk-bench-fanout-')));
  const database = await createScratchDatabase();
  const desk = await seedAgents(dataDirs[0]!, agents, { groupSize, databaseUrl: database.url });
  const env = { DATABASE_URL: database.url, REDIS_URL: REDIS_TEST_URL, TIERDESK_REDIS_PREFIX: `tierdesk-bench-${randomBytes(4).toString('hex')}` };
  const servers: ServerProcess[] = [];
  try {
    for (const dataDir of dataDirs) servers.push(await startServerProcess(dataDir, { env, nodeArgs: SERVER_NODE_ARGS }));
  } catch (error) {
    await Promise.all(servers.map((server) => server.stop()));
    await database.drop();
    throw error;
  }
  return {
    servers,
    desk,
    async cleanUp() {
      await Promise.all(servers.map((server) => server.stop()));
      await database.drop();
      dataDirs.forEach((dataDir) => fs.rmSync(dataDir, { recursive: true, force: true }));
    },
  };
}

function startClient(): ClientProcess {
  const child = fork(path.join(import.meta.dirname, 'fanout-client.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiting: { kind: FromClient['kind']; resolve(message: FromClient): void; reject(error: Error): void }[] = [];
  child.on('message', (message: FromClient) => {
    const index = waiting.findIndex((entry) => entry.kind === message.kind || message.kind === 'failed');
    if (index < 0) return;
    const [entry] = waiting.splice(index, 1);
    if (message.kind === 'failed') entry!.reject(new Error(`a client process failed: ${message.error}`));
    else entry!.resolve(message);
  });
  child.once('exit', (code) => waiting.splice(0).forEach((entry) => entry.reject(new Error(`a client process exited (${code})`))));
  return { child, next: (kind) => new Promise((resolve, reject) => waiting.push({ kind, resolve, reject })) };
}

const tell = (client: ClientProcess, message: ToClient) => client.child.send(message);

async function reports(clients: ClientProcess[]): Promise<ClientReport[]> {
  const answers = clients.map((client) => client.next('report'));
  clients.forEach((client) => tell(client, { kind: 'report' }));
  return (await within('the client processes’ reports', 60_000, Promise.all(answers))).map((message) => (message as Extract<FromClient, { kind: 'report' }>).report);
}

/** Every server takes an equal share of the rate; intake i goes to server (i mod servers), routed to group (i mod groups). */
async function intakeLoad(servers: ServerProcess[], groups: number, firstIndex: number, count: number): Promise<{ runs: IntakeRun[]; serverOf: Map<string, number> }> {
  const share = Math.ceil(count / servers.length);
  const intake = (index: number): Intake => ({ ...benchIntake(index), tags: [benchGroupTag(index % groups)] });
  const runs = await Promise.all(
    servers.map((server, position) =>
      postTicketsOpenLoop(server.url, {
        count: share,
        ratePerSecond: SETTINGS.rate / servers.length,
        // Interleaved indexes: server p takes firstIndex + p, + p + n, ... so every group gets tickets from every server.
        firstIndex: 0,
        drainMs: 30_000,
        connections: HTTP_CONNECTIONS,
        intake: (offset) => intake(firstIndex + offset * servers.length + position),
      }),
    ),
  );
  const serverOf = new Map<string, number>();
  runs.forEach((run, position) => run.posted.forEach((entry) => entry.ticket && serverOf.set(entry.ticket.id, position)));
  return { runs, serverOf };
}

async function runMode(title: string, { servers, desk }: Desk, groups: number): Promise<void> {
  const { agents, clientProcesses, followUps, rate } = SETTINGS;
  const clients = Array.from({ length: clientProcesses }, startClient);
  try {
    const rssIdle = servers.map((server) => server.rss());
    const slices: ClientSlice[] = clients.map(() => ({ consoles: [], followUps, followUpSpacingMs: FOLLOW_UP_SPACING_MS, connectBatch: CONNECT_BATCH }));
    desk.agents.forEach((agent, index) => {
      const server = index % servers.length;
      slices[index % clientProcesses]!.consoles.push({ agentId: agent.id, token: agent.token, url: servers[server]!.url, server });
    });
    const connected = clients.map((client) => client.next('connected'));
    clients.forEach((client, index) => tell(client, { kind: 'connect', slice: slices[index]! }));
    const connectMs = Math.max(...(await within('every console to connect', 300_000, Promise.all(connected))).map((message) => (message as Extract<FromClient, { kind: 'connected' }>).connectMs));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const rssConnected = servers.map((server) => server.rss());
    const perConsoleKib = rssConnected.reduce((sum, rss, index) => sum + rss - rssIdle[index]!, 0) / agents / 1024;

    await intakeLoad(servers, groups, 0, WARM_UP_TICKETS);
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    clients.forEach((client) => tell(client, { kind: 'reset' }));

    const count = Math.round(rate * SETTINGS.seconds);
    const cpu = () => ({ servers: servers.reduce((sum, server) => sum + server.cpuMs(), 0), clients: clients.reduce((sum, client) => sum + procCpuMs(client.child.pid!), 0) });
    const before = cpu();
    const peaks = servers.map((server) => peakSampler(() => server.rss()));
    const started = performance.now();
    const { runs, serverOf } = await intakeLoad(servers, groups, WARM_UP_TICKETS, count);
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const wallMs = performance.now() - started;
    const after = cpu();
    const peakRss = peaks.map((peak) => peak.stop());
    printMode(title, { runs, serverOf, reports: await reports(clients), wallMs, cpu: { servers: after.servers - before.servers, clients: after.clients - before.clients }, servers: servers.length, connectMs, perConsoleKib, peakRss });
  } finally {
    clients.forEach((client) => {
      if (client.child.connected) tell(client, { kind: 'close' });
      setTimeout(() => client.child.kill('SIGKILL'), 5_000).unref();
    });
  }
}

type ModeRun = {
  runs: IntakeRun[];
  serverOf: Map<string, number>;
  reports: ClientReport[];
  wallMs: number;
  cpu: { servers: number; clients: number };
  servers: number;
  connectMs: number;
  perConsoleKib: number;
  peakRss: number[];
};

function printMode(title: string, run: ModeRun): void {
  const width = 44;
  const posted = run.runs.flatMap((intake) => intake.posted);
  const created = posted.filter((entry) => entry.outcome === 'created');
  const startedAt = Math.min(...run.runs.map((intake) => intake.startedAt));
  const endedAt = Math.max(...run.runs.map((intake) => intake.endedAt));
  const throughput = created.length / ((endedAt - startedAt) / 1000);
  const pushes = run.reports.flatMap((report) => report.pushes);
  const pushedTickets = new Set(pushes.map(([ticketId]) => ticketId));
  const cross = pushes.filter(([ticketId, server]) => run.serverOf.get(ticketId) !== server);
  const applied = run.reports.reduce((sum, report) => sum + report.intentsApplied, 0);
  const rejected = run.reports.flatMap((report) => report.intentsRejected);
  const drops = run.reports.flatMap((report) => report.unplannedDrops);
  const core = (cpuMs: number) => `${((cpuMs / run.wallMs) * 100).toFixed(0)} % of a core`;

  console.log(`--- ${title} ${'-'.repeat(Math.max(3, 74 - title.length))}`);
  console.log(`setup: consoles connected in ${seconds(run.connectMs)}; server memory ≈ ${run.perConsoleKib.toFixed(1)} KiB per connected console; server RSS peak ${run.peakRss.map(mib).join(' + ')}`);
  console.log(
    `intake: ${posted.length} offered at ${SETTINGS.rate}/s, ${created.length} created, ${posted.length - created.length} not; ${throughput.toFixed(1)} tickets/s` +
      (throughput < 0.95 * SETTINGS.rate ? ': SATURATED' : ''),
  );
  console.log(`pushed: ${pushedTickets.size} of ${created.length} tickets (${pushes.length - pushedTickets.size} duplicates); intents: ${applied} applied, ${rejected.length} refused${rejected[0] ? ` (first: ${rejected[0]})` : ''}; unplanned drops ${drops.length}${drops[0] ? ` (first: ${drops[0]})` : ''}`);
  console.log(distributionLine('intake due → 201', created.map((entry) => entry.answeredAt - entry.dueAt), width));
  console.log(distributionLine('assignedAt → push at the assignee', pushes.map(([, , latency]) => latency), width));
  if (run.servers > 1) console.log(distributionLine('  of which cross-process (via Redis)', cross.map(([, , latency]) => latency), width));
  console.log(distributionLine('updatedAt → stream at each console', run.reports.flatMap((report) => report.streamMs), width));
  console.log(distributionLine('intent sent → acknowledged', run.reports.flatMap((report) => report.intentAckMs), width));
  console.log(`CPU over the phase (${seconds(run.wallMs)}): server${run.servers > 1 ? 's' : ''} ${core(run.cpu.servers)}; client processes ${core(run.cpu.clients)}; client RSS ${run.reports.map((report) => mib(report.rssBytes)).join(', ')}`);
  console.log('');
  if (pushedTickets.size < created.length) throw new Error(`${created.length - pushedTickets.size} tickets were never pushed to an assignee`);
}
