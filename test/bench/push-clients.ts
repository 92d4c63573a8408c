import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, type AssignmentNotice, type Checkpoint, type ClientToServerEvents, type ServerToClientEvents, type StreamBatch } from '../../core';
import type { SeededAgent } from './seed-agents';

type AgentSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** One `ticket:assigned` as a socket received it. Both clocks are Date.now() on this machine (1 ms resolution). */
export type Receipt = { agentId: string; assignedAt: number; receivedAt: number };

/** socket.io-client's own default. */
const CONNECT_TIMEOUT_MS = 20_000;
const PULL_TIMEOUT_MS = 60_000;
const PULL_PAGE = 500;
const UNPLANNED_RECONNECT_DELAY_MS = 1_000;
/** Like socket.io-client's own reconnection: a few attempts, 1 s, 2 s, 4 s... apart. */
const RECONNECT_ATTEMPTS = 5;

/**
 * What every agent console of the fleet saw, by ticket id. Shared by all clients so that a push
 * reaching the wrong socket, or one socket twice, is visible when compared with the server's truth.
 */
export class FleetLedger {
  /** Every `ticket:assigned` received, by ticket id (more than one entry is a duplicate or a wrong recipient). */
  readonly pushes = new Map<string, Receipt[]>();
  /** Tickets a reconnecting console found assigned to its agent in its pull, with no push for them. */
  readonly recovered = new Map<string, string[]>();
  /** Tickets whose assignment to this agent the console saw in its live sync stream (`sync:changed`). */
  readonly streamed = new Map<string, Set<string>>();
  /**
   * When the assigned version of each ticket reached the consoles through the sync stream: the
   * first and the last console to get it (the server emits to every console that may see the
   * ticket, one by one, before it pushes `ticket:assigned`), against the ticket's assignedAt.
   */
  readonly streamSpread = new Map<string, { assignedAt: number; first: number; last: number; consoles: number }>();
  /** Connections the benchmark did not drop (server or transport closed them), by agent, with the reason socket.io gave. */
  readonly unplannedDrops: { agentId: string; reason: string }[] = [];
  /** Reconnections after unplanned drops, still running or done (a phase waits for them before judging). */
  readonly recoveries: Promise<unknown>[] = [];
  /** Reconnections (planned or not) that failed, with why. */
  readonly reconnectFailures: string[] = [];

  record(ticketId: string, receipt: Receipt): void {
    const list = this.pushes.get(ticketId) ?? [];
    list.push(receipt);
    this.pushes.set(ticketId, list);
  }
}

/**
 * A bare agent console: a socket.io client with the agent's session, as the desktop app connects
 * (websocket, own connection), that notes each assignment push and follows the ticket stream's
 * checkpoint; after a drop it reconnects and pulls from that checkpoint, as replication does.
 * Reconnection is manual (`reconnection: false`) so that the benchmark decides when a console is away.
 */
export class AgentConsole {
  private socket: AgentSocket | null = null;
  private checkpoint: Checkpoint | null = null;
  private readonly pushed = new Set<string>();
  /** Set while the benchmark holds this console away (between drop() and its reconnect). */
  private away = false;
  private connecting: Promise<void> | null = null;

  constructor(
    readonly agent: SeededAgent,
    private readonly url: string,
    private readonly ledger: FleetLedger,
  ) {}

  get connected(): boolean {
    return this.socket?.connected ?? false;
  }

  /** Opens the socket; resolves when the server accepted it (the agent is then online). */
  connect(): Promise<void> {
    const socket: AgentSocket = io(this.url, {
      auth: { token: this.agent.token, protocolVersion: PROTOCOL_VERSION, presence: 'online' },
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      timeout: CONNECT_TIMEOUT_MS,
    });
    this.socket = socket;
    socket.on('ticket:assigned', (notice: AssignmentNotice) => {
      const receivedAt = Date.now();
      this.pushed.add(notice.ticketId);
      this.ledger.record(notice.ticketId, { agentId: this.agent.id, assignedAt: notice.assignedAt, receivedAt });
    });
    socket.on('disconnect', (reason) => {
      // Only the server or the transport ends up here: drop() removes this listener first.
      this.ledger.unplannedDrops.push({ agentId: this.agent.id, reason });
      this.socket = null;
      // As the console's socket.io client would: come back after a second, then catch up by pulling.
      const recovery = new Promise((resolve) => setTimeout(resolve, UNPLANNED_RECONNECT_DELAY_MS)).then(() => (this.away ? null : this.reconnectAndPull()));
      this.ledger.recoveries.push(recovery.catch((error: unknown) => this.ledger.reconnectFailures.push(error instanceof Error ? error.message : String(error))));
    });
    socket.on('sync:changed', (batch: StreamBatch) => {
      if (batch.collection !== 'tickets') return;
      const receivedAt = Date.now();
      if (batch.checkpoint) this.checkpoint = batch.checkpoint;
      for (const doc of batch.documents) {
        if (!('assigneeId' in doc) || doc.assignedAt === null) continue;
        if (doc.assigneeId === this.agent.id) this.noteStreamed(doc.id);
        const spread = this.ledger.streamSpread.get(doc.id);
        if (!spread || spread.assignedAt !== doc.assignedAt) {
          this.ledger.streamSpread.set(doc.id, { assignedAt: doc.assignedAt, first: receivedAt, last: receivedAt, consoles: 1 });
        } else {
          spread.first = Math.min(spread.first, receivedAt);
          spread.last = Math.max(spread.last, receivedAt);
          spread.consoles++;
        }
      }
    });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`agent ${this.agent.id}: socket did not connect within ${CONNECT_TIMEOUT_MS} ms`)), CONNECT_TIMEOUT_MS);
      socket.once('connect', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.once('connect_error', (error) => {
        clearTimeout(timer);
        // A transport error carries the socket-level cause (ECONNRESET, a timeout...) in `description`.
        const cause = (error as Error & { description?: { message?: string } }).description?.message;
        reject(new Error(`agent ${this.agent.id}: connect_error ${error.message}${cause ? ` (${cause})` : ''}`));
      });
    });
  }

  /** The connection drops (the client closes it): the server sees the agent go offline. */
  drop(): void {
    this.away = true;
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
  }

  /**
   * Connects again with the same session and pulls the tickets feed from the last checkpoint it
   * had; tickets assigned to this agent that it holds no push for count as recovered. A refused or
   * timed-out connection is retried (RECONNECT_ATTEMPTS, backing off). Resolves with how many it
   * recovered, how long connecting (all attempts) and pulling took.
   */
  async reconnectAndPull(): Promise<{ recovered: number; connectMs: number; pullMs: number; documents: number; attempts: number }> {
    this.away = false;
    const started = performance.now();
    let attempts = 0;
    while (!this.connected) {
      attempts++;
      // One connection attempt at a time, whoever asks (a planned return and an unplanned recovery may meet).
      this.connecting ??= this.connect().finally(() => (this.connecting = null));
      try {
        await this.connecting;
      } catch (error) {
        this.socket?.removeAllListeners();
        this.socket?.disconnect();
        this.socket = null;
        if (attempts >= RECONNECT_ATTEMPTS) {
          throw new Error(`${attempts} attempts failed, the last: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        }
        await new Promise((resolve) => setTimeout(resolve, 1_000 * 2 ** (attempts - 1)));
      }
    }
    const connectedAt = performance.now();
    const socket = this.socket!;
    let recovered = 0;
    let documents = 0;
    for (;;) {
      const answer = await socket
        .timeout(PULL_TIMEOUT_MS)
        .emitWithAck('sync:pull', { collection: 'tickets', checkpoint: this.checkpoint, batchSize: PULL_PAGE });
      if (!answer.ok) throw new Error(`agent ${this.agent.id}: sync:pull refused: ${answer.error}`);
      documents += answer.documents.length;
      for (const doc of answer.documents) {
        if (!('assigneeId' in doc) || doc.assigneeId !== this.agent.id || this.pushed.has(doc.id)) continue;
        const finders = this.ledger.recovered.get(doc.id) ?? [];
        if (finders.includes(this.agent.id)) continue;
        finders.push(this.agent.id);
        this.ledger.recovered.set(doc.id, finders);
        recovered++;
      }
      if (answer.checkpoint) this.checkpoint = answer.checkpoint;
      if (answer.documents.length < PULL_PAGE) break;
    }
    return { recovered, connectMs: connectedAt - started, pullMs: performance.now() - connectedAt, documents, attempts };
  }

  close(): void {
    this.drop();
  }

  private noteStreamed(ticketId: string): void {
    const agents = this.ledger.streamed.get(ticketId) ?? new Set<string>();
    agents.add(this.agent.id);
    this.ledger.streamed.set(ticketId, agents);
  }
}

/** Connects every console, `batch` at a time, so that a 2-core machine is not flooded with handshakes. */
export async function connectAll(consoles: readonly AgentConsole[], batch: number): Promise<void> {
  for (let start = 0; start < consoles.length; start += batch) {
    await Promise.all(consoles.slice(start, start + batch).map((agentConsole) => agentConsole.connect()));
  }
}
