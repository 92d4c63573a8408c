import { randomUUID } from 'node:crypto';
import type { Applied, Ticket } from '../../../core';
import type { Executor } from '../../store/database';
import { findTicketByNumber } from '../../store/tickets-repository';
import type { CommittedChange } from '../../sync/change-feed';
import { canSeeTicket, type Viewer } from '../../sync/visibility';
import { persistApplied } from './persist-change';

/**
 * A ticket canceled as a duplicate is linked from the original: the original's conversation gets
 * an internal record pointing to it, so whoever works the original sees the repeated request.
 * Only into an original the canceling agent may see (the rules refuse any other `duplicateOf`;
 * this holds even if a caller forgot): nobody writes into a ticket they cannot read.
 */
export async function linkDuplicateToOriginal(trx: Executor, duplicate: Ticket, actor: Viewer, now: number): Promise<CommittedChange | null> {
  if (duplicate.status !== 'canceled' || duplicate.duplicateOf === null) return null;
  const found = await findTicketByNumber(trx, duplicate.duplicateOf);
  if (!found || !canSeeTicket(actor, found.ticket)) return null;
  const original = found.ticket;
  const applied: Applied = {
    ok: true,
    ticket: { ...original, version: original.version + 1, updatedAt: now },
    messages: [
      {
        id: randomUUID(),
        ticketId: original.id,
        kind: 'system',
        body: `Ticket #${duplicate.number} ("${duplicate.subject}") was canceled as a duplicate of this one.`,
        authorId: null,
        authorName: 'Tierdesk',
        createdAt: now,
      },
    ],
    audit: { type: 'ticket.duplicate_linked', data: { duplicate: duplicate.number } },
  };
  return persistApplied(trx, original, applied, { type: 'system', id: null }, now);
}
