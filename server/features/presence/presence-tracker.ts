import type { Presence } from '../../../core';

/**
 * What presence needs of the cluster bus (realtime/cluster-bus.ts is one): messages to every
 * server process of the installation, this one included, told apart by node id.
 */
export type PresenceBus = {
  readonly nodeId: string;
  publish(topic: string, payload: unknown): void;
  subscribe(topic: string, handler: (payload: unknown, fromNode: string) => void): () => void;
};

type ConsoleState = 'online' | 'away';
export type PresenceChange = { agentId: string; presence: Presence; previous: Presence; origin: 'local' | 'remote' };

const DELTA_TOPIC = 'presence:delta';
const SNAPSHOT_TOPIC = 'presence:snapshot';
/** A process that starts asks the others for their snapshots, instead of routing blind until their next heartbeat. */
const HELLO_TOPIC = 'presence:hello';
/** Every process repeats its whole state this often; a process not heard for FORGET_AFTER_MS is gone. */
const HEARTBEAT_MS = 10_000;
const FORGET_AFTER_MS = 35_000;

type RemoteNode = { states: Map<string, ConsoleState>; heardAt: number };

/**
 * Who is online, away or offline, from the consoles connected to every server process. An agent
 * is online when any of their consoles is online, away when all of them are away, offline with
 * none. Each process knows its own sockets and learns the others' over the cluster bus (deltas
 * plus a periodic snapshot, so a process that died is forgotten within FORGET_AFTER_MS).
 * Liveness is wall-clock time on purpose: a test clock moving business time must not expire it.
 */
export class PresenceTracker {
  private readonly local = new Map<string, Map<string, ConsoleState>>();
  private readonly remote = new Map<string, RemoteNode>();
  private readonly known = new Map<string, Presence>();
  private readonly listeners = new Set<(change: PresenceChange) => void>();
  private readonly unsubscribe: (() => void)[] = [];
  private heartbeat: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly bus: PresenceBus,
    private readonly wallClock: () => number = Date.now,
  ) {
    this.unsubscribe.push(
      bus.subscribe(DELTA_TOPIC, (payload, node) => node !== bus.nodeId && this.applyDelta(node, payload as { agentId: string; state: ConsoleState | null })),
      bus.subscribe(SNAPSHOT_TOPIC, (payload, node) => node !== bus.nodeId && this.applySnapshot(node, payload as [string, ConsoleState][])),
      bus.subscribe(HELLO_TOPIC, (_payload, node) => node !== bus.nodeId && this.publishSnapshot()),
    );
  }

  /** Starts the heartbeat (scale-out mode needs it; a single process may skip it). */
  start(): void {
    this.bus.publish(HELLO_TOPIC, {});
    this.heartbeat = setInterval(() => {
      this.publishSnapshot();
      this.forgetSilentNodes();
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  private publishSnapshot(): void {
    this.bus.publish(SNAPSHOT_TOPIC, [...this.local.keys()].map((agentId) => [agentId, this.localState(agentId)]));
  }

  stop(): void {
    clearInterval(this.heartbeat);
    this.unsubscribe.forEach((off) => off());
  }

  /** A console of this process connected (online until it says otherwise) or reported its state. */
  setConsole(agentId: string, socketId: string, state: ConsoleState): void {
    const consoles = this.local.get(agentId) ?? new Map<string, ConsoleState>();
    consoles.set(socketId, state);
    this.local.set(agentId, consoles);
    this.localChanged(agentId);
  }

  removeConsole(agentId: string, socketId: string): void {
    const consoles = this.local.get(agentId);
    if (!consoles?.delete(socketId)) return;
    if (consoles.size === 0) this.local.delete(agentId);
    this.localChanged(agentId);
  }

  presenceOf(agentId: string): Presence {
    const states = [this.localState(agentId), ...[...this.remote.values()].map((node) => node.states.get(agentId) ?? null)];
    if (states.includes('online')) return 'online';
    if (states.includes('away')) return 'away';
    return 'offline';
  }

  onChange(listener: (change: PresenceChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private localState(agentId: string): ConsoleState | null {
    const consoles = [...(this.local.get(agentId)?.values() ?? [])];
    if (consoles.includes('online')) return 'online';
    return consoles.length > 0 ? 'away' : null;
  }

  private localChanged(agentId: string): void {
    this.bus.publish(DELTA_TOPIC, { agentId, state: this.localState(agentId) });
    this.recompute(agentId, 'local');
  }

  private applyDelta(node: string, delta: { agentId: string; state: ConsoleState | null }): void {
    const entry = this.remoteNode(node);
    if (delta.state === null) entry.states.delete(delta.agentId);
    else entry.states.set(delta.agentId, delta.state);
    this.recompute(delta.agentId, 'remote');
  }

  private applySnapshot(node: string, states: [string, ConsoleState][]): void {
    const entry = this.remoteNode(node);
    const touched = new Set([...entry.states.keys(), ...states.map(([agentId]) => agentId)]);
    entry.states = new Map(states);
    touched.forEach((agentId) => this.recompute(agentId, 'remote'));
  }

  private remoteNode(node: string): RemoteNode {
    const entry = this.remote.get(node) ?? { states: new Map<string, ConsoleState>(), heardAt: 0 };
    entry.heardAt = this.wallClock();
    this.remote.set(node, entry);
    return entry;
  }

  private forgetSilentNodes(): void {
    const cutoff = this.wallClock() - FORGET_AFTER_MS;
    for (const [node, entry] of this.remote) {
      if (entry.heardAt >= cutoff) continue;
      this.remote.delete(node);
      entry.states.forEach((_state, agentId) => this.recompute(agentId, 'remote'));
    }
  }

  private recompute(agentId: string, origin: PresenceChange['origin']): void {
    const presence = this.presenceOf(agentId);
    const previous = this.known.get(agentId) ?? 'offline';
    if (presence === previous) return;
    if (presence === 'offline') this.known.delete(agentId);
    else this.known.set(agentId, presence);
    this.listeners.forEach((listener) => listener({ agentId, presence, previous, origin }));
  }
}
