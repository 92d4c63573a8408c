import { EventEmitter } from 'node:events';
import type { Message, Ticket } from '../../core';

/** Documents one committed write changed, with their feed positions. */
export type CommittedChange = {
  tickets: { doc: Ticket; seq: number }[];
  messages: { doc: Message; seq: number; ticket: Ticket }[];
};

/**
 * Announces committed writes to the live stream. Published only after commit, so a socket
 * never sees a change that could still roll back.
 */
export class ChangeFeed {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  publish(change: CommittedChange): void {
    if (change.tickets.length || change.messages.length) this.emitter.emit('change', change);
  }

  subscribe(listener: (change: CommittedChange) => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }
}
