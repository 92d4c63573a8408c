import { randomBytes } from 'node:crypto';
import { openDeskSession, type OpenedDeskSession } from '../../renderer/sync/open-desk-session';
import type { TicketView } from '../../renderer/sync/desk-session';
import type { KillableServer } from '../support/killable-server';
import { current } from '../support/test-desk';
import { CONSOLE_AGENTS, createDeskTeam, type AgentName, type DeskAgent, type DeskTeam } from './desk-team';
import type { FaultInfrastructure, StoreLocation } from './infrastructure';
import { httpExpect } from './http';
import { observedMemoryStorage, type IntentTrace } from './outbox-probe';

/** One agent at a real console: the production data layer (RxDB + replication + outbox) on observed memory storage. */
export type AgentSeat = {
  readonly index: number;
  readonly agent: DeskAgent;
  readonly desk: OpenedDeskSession;
  /** The server process this console talks to (scale-out spreads them over both). */
  readonly serverIndex: number;
  readonly traces: Map<string, IntentTrace>;
  /** Cut by the run (the agent's network is gone), as opposed to a server that went away. */
  cut: boolean;
  /** When the socket last connected (performance.now()). */
  lastConnectAt: number;
};

/** What a customer was told: `acknowledged` (201), `refused` (a 4xx: must not exist), or `unknown` (no answer). */
export type Acknowledgement = 'acknowledged' | 'refused' | 'unknown';
export type IntakeRecord = { subject: string; state: Acknowledgement; id?: string; number?: number; accessKey?: string };
export type CustomerMessageRecord = { body: string; number: number; state: Acknowledgement };

/** Counted per run; the bench adds them up. */
export type RunStats = {
  commands: number;
  byCommand: Record<string, number>;
  serverKills: number;
  /** Kills that struck while a console's `mutations:push` was on its way (after it left the console). */
  killsMidPush: number;
  redisKills: number;
  postgresRestarts: number;
  checkpoints: number;
  /** ms from a console's reconnect (or the heal, if later) until it equalled the server's view. */
  convergenceMs: number[];
};

/**
 * The real system of one fault run: the server processes, the consoles, and the ledger of what
 * customers were told. Built fresh for each run, so a seed replays from an empty desk.
 */
export class FaultWorld {
  readonly runTag = randomBytes(3).toString('hex');
  readonly intakes: IntakeRecord[] = [];
  readonly customerMessages: CustomerMessageRecord[] = [];
  readonly stats: RunStats = { commands: 0, byCommand: {}, serverKills: 0, killsMidPush: 0, redisKills: 0, postgresRestarts: 0, checkpoints: 0, convergenceMs: [] };
  /** What happened, in order, with times: printed when a run fails. */
  readonly journal: string[] = [];
  private readonly started = performance.now();
  private counter = 0;

  private constructor(
    readonly infrastructure: FaultInfrastructure,
    readonly servers: KillableServer[],
    readonly store: StoreLocation,
    readonly team: DeskTeam,
    readonly seats: AgentSeat[],
  ) {}

  static async create(infrastructure: FaultInfrastructure): Promise<FaultWorld> {
    const { servers, store } = await infrastructure.serversForRun();
    try {
      const team = await createDeskTeam(servers[0]!.url);
      const seats: AgentSeat[] = [];
      const world = new FaultWorld(infrastructure, servers, store, team, seats);
      for (const [index, name] of CONSOLE_AGENTS.entries()) seats.push(await world.openConsole(index, name));
      return world;
    } catch (error) {
      await Promise.all(servers.map((server) => server.remove()));
      throw error;
    }
  }

  private async openConsole(index: number, name: AgentName): Promise<AgentSeat> {
    const agent = this.team.agents[name];
    const serverIndex = index % this.servers.length;
    const { storage, traces } = observedMemoryStorage();
    const desk = await openDeskSession({
      serverUrl: this.servers[serverIndex]!.url,
      token: agent.token,
      agent: { id: agent.id, name: agent.displayName, email: agent.email, role: agent.role, level: agent.level },
      storage,
      databaseName: `faults_${this.runTag}_${name}`,
      // Four consoles in one process: without the library they stay within RxDB's 13 collections.
      library: false,
    });
    const seat: AgentSeat = { index, agent, desk, serverIndex, traces, cut: false, lastConnectAt: performance.now() };
    desk.socket.on('connect', () => (seat.lastConnectAt = performance.now()));
    desk.socket.on('disconnect', (reason) => this.note(`${name}: socket disconnected (${reason})`));
    desk.socket.on('connect_error', (error) => this.note(`${name}: connect_error ${error.message}`));
    return seat;
  }

  /** A unique label for the next customer write of this run. */
  nextLabel(kind: string): string {
    return `${kind} ${this.runTag}-${++this.counter}`;
  }

  note(line: string): void {
    this.journal.push(`${((performance.now() - this.started) / 1000).toFixed(2).padStart(7)} s  ${line}`);
  }

  count(command: string): void {
    this.stats.commands++;
    this.stats.byCommand[command] = (this.stats.byCommand[command] ?? 0) + 1;
  }

  /** The tickets a console holds now, as its agent sees them, in ticket-number order (for stable picks). */
  async localTickets(seat: AgentSeat): Promise<TicketView[]> {
    const tickets = await current(seat.desk.queue$({ view: 'all', status: 'any' }));
    return [...tickets].sort((a, b) => a.number - b.number);
  }

  /** The admin's console: the admin sees every ticket, so its server view is the whole desk. */
  get adminSeat(): AgentSeat {
    const seat = this.seats.find((candidate) => candidate.agent.role === 'admin');
    if (!seat) throw new Error('no admin console in this run');
    return seat;
  }

  /** Each agent's groups as the server has them now (GET /api/groups as the admin). */
  async groupsNow(): Promise<Map<string, string[]>> {
    const server = this.liveServer();
    if (!server) throw new Error('no server is up to read the groups from');
    const groups = (await httpExpect(server.url, 'GET', '/api/groups', 200, { token: this.team.adminToken })) as { id: string; members: { agentId: string }[] }[];
    const byAgent = new Map<string, string[]>();
    for (const group of groups) for (const member of group.members) byAgent.set(member.agentId, [...(byAgent.get(member.agentId) ?? []), group.id]);
    return byAgent;
  }

  serverOf(seat: AgentSeat): KillableServer {
    return this.servers[seat.serverIndex]!;
  }

  /** A server that is up, preferring `preferred`; null when all are down. */
  liveServer(preferred = 0): KillableServer | null {
    const ordered = [this.servers[preferred % this.servers.length]!, ...this.servers];
    return ordered.find((server) => server.running) ?? null;
  }

  async close(): Promise<void> {
    await Promise.all(this.seats.map((seat) => seat.desk.close().catch(() => undefined)));
    await Promise.all(this.servers.map((server) => server.remove()));
  }
}
