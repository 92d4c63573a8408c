import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ACTION_LABELS, ACTIONS, connectAgents, MIX, SimulatedAgent } from './kpi-agents';
import { mulberry32 } from './seeded-random';
import { printPhase, runPhase, type PhasePlan } from './kpi-phase';
import { seedRoutedTickets, seedSupervisor } from './kpi-setup';
import { SupervisorWatch } from './kpi-supervisor';
import { startServerProcess, type ServerProcess } from './push-server';
import { header, mib, now, seconds } from './report';
import { seedAgents } from './seed-agents';
import { envSetting } from './env-setting';


const SETTINGS = {
  agents: envSetting('KPI_AGENTS', 200, 1, 2_000),
  /** The load under test (the issue's 500 events/s). */
  rate: envSetting('KPI_RATE', 500, 1, 5_000, false),
  seconds: envSetting('KPI_SECONDS', 30, 1, 600, false),
  /** A light phase first, for the KPI path's own latency when the server is not saturated; 0 skips it. */
  referenceRate: envSetting('KPI_REFERENCE_RATE', 40, 0, 5_000, false),
  referenceSeconds: envSetting('KPI_REFERENCE_SECONDS', 20, 1, 600, false),
  /** Answers still missing this long after a schedule ended are reported as unanswered (a saturated server's backlog). */
  drainSeconds: envSetting('KPI_DRAIN_S', 20, 1, 3_600),
  seed: envSetting('KPI_SEED', 1, 0, 2 ** 31),
};
const offeredIntents = SETTINGS.rate * SETTINGS.seconds + SETTINGS.referenceRate * SETTINGS.referenceSeconds;
/** Enough for ten open tickets per agent at the end, even if every Fixed the mix may send is applied. */
const TICKETS = envSetting('KPI_TICKETS', SETTINGS.agents * 10 + Math.ceil(offeredIntents * MIX.fixed * 1.2), 1, 100_000);
/** Capacity in General: every ticket is handed out at once (no waiting backlog), with room for priorities raised to urgent. */
const CAPACITY = Math.min(100, Math.ceil((TICKETS / SETTINGS.agents) * 3) + 5);

function plans(): PhasePlan[] {
  const target: PhasePlan = { title: `phase 2, the load under test: ${SETTINGS.rate} intents/s for ${SETTINGS.seconds} s`, rate: SETTINGS.rate, seconds: SETTINGS.seconds, drainSeconds: SETTINGS.drainSeconds };
  if (SETTINGS.referenceRate === 0) return [{ ...target, title: target.title.replace('phase 2, ', '') }];
  const reference: PhasePlan = {
    title: `phase 1, reference: ${SETTINGS.referenceRate} intents/s for ${SETTINGS.referenceSeconds} s`,
    rate: SETTINGS.referenceRate,
    seconds: SETTINGS.referenceSeconds,
    drainSeconds: SETTINGS.drainSeconds,
  };
  return [reference, target];
}

export async function kpiBench(): Promise<void> {
  const { agents: count, seed } = SETTINGS;
  header('kpi: agents’ intents at a fixed rate → kpi:update at a supervisor', [
    `${count} agents (L1, General; seeded straight into the data folder) + 1 supervisor (General), each a socket.io-client websocket in this process; one server process (npm start's server/index.ts, SQLite, LOG_LEVEL warn)`,
    `before the server starts: ${TICKETS} intake tickets registered by the server's own registerTicket, then handed out by its Router (assignWaiting, as when agents come online to a queue; ` +
      `every agent counted online; capacity in General ${CAPACITY}, so none waits), ` +
      `≈ ${(TICKETS / count).toFixed(1)} New tickets per agent, which its console holds from the start; today's KPIs start from them`,
    `${SETTINGS.referenceRate ? `phase 1 at ${SETTINGS.referenceRate}/s for ${SETTINGS.referenceSeconds} s (reference), then phase 2 ` : ''}at ${SETTINGS.rate} intents/s for ${SETTINGS.seconds} s: ` +
      'open loop (fixed schedule, never waits for answers), one mutations:push of one intent each, from a random agent about one of its own open tickets',
    `intended mix: ${ACTIONS.map((action) => `${ACTION_LABELS[action]} ${(MIX[action] * 100).toFixed(0)}%`).join(', ')} (drawn among what the agent can do: Fixed only after a reply, take only on New); seed ${seed}`,
    'every agent and the supervisor are in General, so each applied intent is also streamed (sync:changed) to all of them, as the product does',
    'staleness = receipt at the supervisor − oldestChangeAt (server wall clock when the earliest change in that update reached the KPI state, right after commit); ' +
      'it includes the publisher’s gathering (25–200 ms apart under load, adapted to the cost of an update); same machine clock, 1 ms resolution',
    'end-to-end = an agent sends Fixed → the supervisor first sees that agent’s solvedToday count it (mutation, commit, KPI fold, gathering, delivery)',
  ]);

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tierdesk-kpi-'));
  let server: ServerProcess | null = null;
  let agents: SimulatedAgent[] = [];
  let supervisor: SupervisorWatch | null = null;
  try {
    let mark = now();
    const desk = await seedAgents(dataDir, count);
    const supervisorSeat = await seedSupervisor(dataDir);
    const held = await seedRoutedTickets(dataDir, TICKETS, CAPACITY);
    const seededMs = now() - mark;
    mark = now();
    server = await startServerProcess(dataDir, { nodeArgs: (process.env.KPI_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean) });
    const startedMs = now() - mark;
    const rssIdle = server.rss();
    agents = desk.agents.map((agent) => new SimulatedAgent(agent));
    agents.forEach((agent) => agent.holdAtStart(held.get(agent.agent.id) ?? []));
    mark = now();
    await connectAgents(agents, server.url);
    supervisor = new SupervisorWatch(server.url, supervisorSeat.token);
    await supervisor.connect();
    const connectMs = now() - mark;

    const snapshot = await supervisor.subscribe();
    const byId = new Map(snapshot.agents.map((agent) => [agent.agentId, agent]));
    const mismatched = agents.filter((agent) => byId.get(agent.agent.id)?.openByStatus.new !== agent.heldNew()).length;
    if (mismatched) throw new Error(`${mismatched} agents hold another number of New tickets than the supervisor's snapshot shows`);
    agents.forEach((agent) => (agent.solvedBaseline = byId.get(agent.agent.id)?.solvedToday ?? 0));
    const perAgent = agents.map((agent) => agent.held);
    console.log(
      `setup: ${count} agents, supervisor and ${TICKETS} routed tickets seeded in ${seconds(seededMs)}; server answered in ${seconds(startedMs)}; ` +
        `${count + 1} sockets connected in ${seconds(connectMs)}; tickets per agent ${Math.min(...perAgent)}-${Math.max(...perAgent)}, as the supervisor's snapshot shows`,
    );
    // The agents coming online make updates too: let them pass before measuring.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    console.log(`server RSS: ${mib(rssIdle)} before the sockets, ${mib(server.rss())} with ${count + 1} connected and subscribed`);
    console.log('');

    const context = { server, agents, supervisor, random: mulberry32(seed) };
    let backlog = 0;
    for (const plan of plans()) {
      const result = await runPhase(plan, context);
      printPhase(result, supervisor);
      backlog = result.drive.events.filter((event) => event.ackAt === null).length;
    }
    const reasons = new Map<string, number>();
    [...agents.flatMap((agent) => agent.unplannedDisconnects), ...supervisor.unplannedDisconnects.map((reason) => `supervisor: ${reason}`)].forEach((reason) =>
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1),
    );
    if (reasons.size) console.log(`UNPLANNED: sockets closed by the server or the transport: ${[...reasons].map(([reason, times]) => `${times}× ${reason}`).join(', ')}`);
    console.log(`server RSS high-water mark (VmHWM, whole run): ${mib(server.rssHighWater())}`);
    // A server still working through a backlog answers SIGTERM only once it is through: not worth the wait.
    if (backlog > 0) process.kill(server.pid, 'SIGKILL');
  } finally {
    agents.forEach((agent) => agent.close());
    supervisor?.close();
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
