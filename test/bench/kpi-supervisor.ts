import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, type AgentLiveKpi, type ClientToServerEvents, type KpiLiveSnapshot, type KpiUpdate, type ServerToClientEvents } from '../../core';

type DeskSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** One `kpi:update` as the supervisor's socket received it. Both clocks are Date.now() on this machine (1 ms resolution). */
export type ReceivedUpdate = { receivedAt: number; oldestChangeAt: number | null; kind: KpiUpdate['kind']; agents: number };

const CONNECT_TIMEOUT_MS = 60_000;

/**
 * A supervisor's console, reduced to the KPI panel's feed: subscribes, notes when each update
 * arrives and what it says each agent solved today (the first moment each count was seen).
 */
export class SupervisorWatch {
  readonly updates: ReceivedUpdate[] = [];
  /** Per agent: [solvedToday, first seen at (Date.now())], in increasing solvedToday. */
  private readonly solvedSeen = new Map<string, [number, number][]>();
  private socket: DeskSocket | null = null;
  unplannedDisconnects: string[] = [];

  constructor(
    private readonly url: string,
    private readonly token: string,
  ) {}

  async connect(): Promise<void> {
    const socket: DeskSocket = io(this.url, {
      auth: { token: this.token, protocolVersion: PROTOCOL_VERSION, presence: 'online' },
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      timeout: CONNECT_TIMEOUT_MS,
    });
    this.socket = socket;
    socket.on('disconnect', (reason) => {
      if (this.socket === socket) this.unplannedDisconnects.push(reason);
    });
    socket.on('kpi:update', (update: KpiUpdate) => {
      const receivedAt = Date.now();
      const agents = update.kind === 'delta' ? update.agents : update.snapshot.agents;
      this.updates.push({ receivedAt, oldestChangeAt: update.oldestChangeAt, kind: update.kind, agents: agents.length });
      this.noteSolved(agents, receivedAt);
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (error) => reject(new Error(`supervisor: connect_error ${error.message}`)));
    });
  }

  /** `kpi:subscribe`: resolves with the snapshot the server answers; updates are recorded from then on. */
  async subscribe(): Promise<KpiLiveSnapshot> {
    const answer = await this.socket!.timeout(30_000).emitWithAck('kpi:subscribe', {});
    if (!answer.ok) throw new Error(`kpi:subscribe refused: ${answer.error}`);
    this.noteSolved(answer.snapshot.agents, Date.now());
    return answer.snapshot;
  }

  /** When the supervisor first saw this agent's solvedToday at `atLeast` or more; null if not (yet). */
  firstSeenSolved(agentId: string, atLeast: number): number | null {
    return this.solvedSeen.get(agentId)?.find(([solved]) => solved >= atLeast)?.[1] ?? null;
  }

  close(): void {
    const socket = this.socket;
    this.socket = null;
    socket?.removeAllListeners();
    socket?.disconnect();
  }

  private noteSolved(agents: readonly AgentLiveKpi[], at: number): void {
    for (const agent of agents) {
      const seen = this.solvedSeen.get(agent.agentId) ?? [];
      const last = seen.at(-1);
      if (!last || agent.solvedToday > last[0]) seen.push([agent.solvedToday, at]);
      this.solvedSeen.set(agent.agentId, seen);
    }
  }
}
