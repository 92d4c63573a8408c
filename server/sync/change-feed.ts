import { EventEmitter } from 'node:events';
import type { Article, Message, Template, Ticket } from '../../core';
import type { AuditEvent } from '../store/audit-repository';

/** Documents one committed write changed, with their feed positions. */
export type CommittedChange = {
  tickets: { doc: Ticket; seq: number }[];
  /** `written`: the message is new in this write (not one moved to a new position): what the mail outbox queues. */
  messages: { doc: Message; seq: number; ticket: Ticket; written?: true }[];
  /** Agents who could see a ticket before this write and cannot now: their consoles drop it. */
  losses: SightLoss[];
  /** What the write recorded in the audit log: live KPIs fold these in (never streamed to consoles). */
  audit: AuditEvent[];
  /** Knowledge-base articles written (every agent's console holds the published ones). */
  articles?: { doc: Article; seq: number }[];
  /** Answer templates written (shared ones go to every console, personal ones to their owner's). */
  templates?: { doc: Template; seq: number }[];
};

export type SightLoss = { agentId: string; ticket: Ticket; seq: number };

export const NO_CHANGES: CommittedChange = { tickets: [], messages: [], losses: [], audit: [] };

/** One change out of several, in feed order; a ticket written twice appears once, as last written. */
export function mergeChanges(changes: CommittedChange[]): CommittedChange {
  const latest = new Map<string, CommittedChange['tickets'][number]>();
  for (const row of changes.flatMap((change) => change.tickets)) latest.set(row.doc.id, row);
  return {
    tickets: [...latest.values()].sort((a, b) => a.seq - b.seq),
    messages: changes.flatMap((change) => change.messages),
    losses: changes.flatMap((change) => change.losses),
    audit: changes.flatMap((change) => change.audit),
    articles: changes.flatMap((change) => change.articles ?? []),
    templates: changes.flatMap((change) => change.templates ?? []),
  };
}

/** Carries changes between server processes (scale-out); absent in the embedded mode. */
export type ChangeRelay = {
  send(change: CommittedChange): void;
  onReceive(deliver: (change: CommittedChange) => void): void;
  /** The relay was down and is back: whatever was sent meanwhile is lost. */
  onRecovered?(recovered: () => void): void;
};

/** What the feed asks the database to notice relayed changes it never received. */
export type FeedGapProbe = {
  highWater(): Promise<number>;
  rowsBetween(afterSeq: number, beforeSeq: number): Promise<boolean>;
};

/** Every feed position a change occupies. */
const positionsOf = (change: CommittedChange): number[] => [
  ...change.tickets.map((row) => row.seq),
  ...change.messages.map((row) => row.seq),
  ...change.losses.map((row) => row.seq),
  ...(change.articles ?? []).map((row) => row.seq),
  ...(change.templates ?? []).map((row) => row.seq),
];

/**
 * Announces committed writes to the live stream. Published only after commit, so a socket
 * never sees a change that could still roll back. With a relay, every process (this one
 * included) delivers what any process committed, each to its own sockets.
 *
 * A relay can lose changes: Redis was down when they were sent, or their process died between
 * its commit and the send. Streaming a later change then would carry consoles' checkpoints past
 * the lost one for good. So a relayed change that lands past the highest position delivered so
 * far, with feed rows in between that nothing brought, is not delivered: subscribers hear `gap`
 * instead (the stream tells consoles to pull from their checkpoints, which reads everything from
 * the database; live KPIs reload the day). The same when the relay reports it recovered.
 */
export class ChangeFeed {
  private readonly emitter = new EventEmitter();
  private highWater: number | null = null;
  private receiving: Promise<void> = Promise.resolve();

  constructor(
    private readonly relay?: ChangeRelay,
    private readonly probe?: FeedGapProbe,
  ) {
    this.emitter.setMaxListeners(0);
    relay?.onReceive((change) => {
      // In arrival order: each check must see the high water of the changes before it.
      // A check that could not run (the database is away) is treated as a gap: consoles pull.
      this.receiving = this.receiving.then(() => this.receive(change)).catch(() => void this.emitter.emit('gap'));
    });
    relay?.onRecovered?.(() => {
      this.receiving = this.receiving.then(() => void this.emitter.emit('gap'));
    });
  }

  /** Reads where the feed stands (scale-out mode): relayed changes are checked against it from now on. */
  async start(): Promise<void> {
    if (this.relay && this.probe) this.highWater = await this.probe.highWater();
  }

  publish(change: CommittedChange): void {
    if (!change.tickets.length && !change.messages.length && !change.losses.length && !change.audit.length && !change.articles?.length && !change.templates?.length) return;
    if (this.relay) this.relay.send(change);
    else this.deliver(change);
  }

  /**
   * Every committed change, in feed order. `includeStale`: also changes relayed after newer ones
   * (scale-out), for listeners that keep the newest version of each ticket themselves.
   */
  subscribe(listener: (change: CommittedChange) => void, options: { includeStale?: boolean } = {}): () => void {
    this.emitter.on('change', listener);
    if (options.includeStale) this.emitter.on('stale', listener);
    return () => {
      this.emitter.off('change', listener);
      this.emitter.off('stale', listener);
    };
  }

  /** Changes may have been missed (see the class comment): whatever a listener derives from the feed, it must read again. */
  onGap(listener: () => void): () => void {
    this.emitter.on('gap', listener);
    return () => this.emitter.off('gap', listener);
  }

  private async receive(change: CommittedChange): Promise<void> {
    const positions = positionsOf(change);
    if (this.probe && this.highWater !== null && positions.length > 0) {
      const first = Math.min(...positions);
      // Arrived after a later change (its process published late): consoles have it already
      // (that later change found its rows and made them pull) or have its rows' newer state.
      // Streaming it now would only bring back an older state, such as a message of a ticket
      // someone has lost sight of since; listeners that order by version (KPIs) still get it.
      if (Math.max(...positions) <= this.highWater) {
        this.emitter.emit('stale', change);
        return;
      }
      const missed = first > this.highWater + 1 && (await this.probe.rowsBetween(this.highWater, first));
      this.highWater = Math.max(this.highWater, ...positions);
      if (missed) {
        this.emitter.emit('gap');
        return;
      }
    }
    this.deliver(change);
  }

  private deliver(change: CommittedChange): void {
    this.emitter.emit('change', change);
  }
}
