import { EventEmitter } from 'node:events';
import type { Message, Ticket } from '../../core';
import type { AuditEvent } from '../store/audit-repository';

/** Documents one committed write changed, with their feed positions. */
export type CommittedChange = {
  tickets: { doc: Ticket; seq: number }[];
  messages: { doc: Message; seq: number; ticket: Ticket }[];
  /** Agents who could see a ticket before this write and cannot now: their consoles drop it. */
  losses: SightLoss[];
  /** What the write recorded in the audit log: live KPIs fold these in (never streamed to consoles). */
  audit: AuditEvent[];
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
  };
}

/** Carries changes between server processes (scale-out); absent in the embedded mode. */
export type ChangeRelay = {
  send(change: CommittedChange): void;
  onReceive(deliver: (change: CommittedChange) => void): void;
};

/**
 * Announces committed writes to the live stream. Published only after commit, so a socket
 * never sees a change that could still roll back. With a relay, every process (this one
 * included) delivers what any process committed, each to its own sockets.
 */
export class ChangeFeed {
  private readonly emitter = new EventEmitter();

  constructor(private readonly relay?: ChangeRelay) {
    this.emitter.setMaxListeners(0);
    relay?.onReceive((change) => this.deliver(change));
  }

  publish(change: CommittedChange): void {
    if (!change.tickets.length && !change.messages.length && !change.losses.length && !change.audit.length) return;
    if (this.relay) this.relay.send(change);
    else this.deliver(change);
  }

  subscribe(listener: (change: CommittedChange) => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }

  private deliver(change: CommittedChange): void {
    this.emitter.emit('change', change);
  }
}
