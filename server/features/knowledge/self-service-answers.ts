import { randomUUID } from 'node:crypto';
import { applyCustomerSolved, type Rejection, type Ticket } from '../../../core';
import { recordAuditEvent } from '../../store/audit-repository';
import { findTicketById } from '../../store/tickets-repository';
import { NO_CHANGES } from '../../sync/change-feed';
import type { CommitPath, Written } from '../tickets/commit-path';
import { persistApplied } from '../tickets/persist-change';

export type SelfServiceAnswer = { ok: true; ticket: Ticket } | { ok: false; rejection: Rejection };

/**
 * What a customer answers under an offered article (the page's two buttons; the caller proved
 * the signed offer link). "This solved my problem" sets the ticket Fixed as the customer's own
 * resolution (core's applyCustomerSolved: credited to no agent, closed 48 h later like any Fixed
 * ticket); "I still need help" leaves it to the team and is kept in the audit log.
 */
export class SelfServiceAnswers {
  constructor(private readonly commits: CommitPath) {}

  solved(ticketId: string, article: { id: string; title: string }): Promise<SelfServiceAnswer> {
    return this.commits.commit(async (trx, now): Promise<Written<SelfServiceAnswer>> => {
      const previous = await findTicketById(trx, ticketId);
      if (!previous) return { value: { ok: false, rejection: { code: 'ticket_not_found', message: 'there is no such ticket' } } };
      const result = applyCustomerSolved(previous, { article, now, messageId: randomUUID() });
      if (!result.ok) return { value: { ok: false, rejection: result.rejection } };
      const change = await persistApplied(trx, previous, result, { type: 'customer', id: null }, now);
      return { value: { ok: true, ticket: change.tickets[0]?.doc ?? result.ticket }, change };
    });
  }

  stillNeedsHelp(ticket: Ticket, article: { id: string }): Promise<void> {
    return this.commits.commit(async (trx, now): Promise<Written<void>> => {
      const event = await recordAuditEvent(trx, { ticketId: ticket.id, actorType: 'customer', actorId: null, type: 'ticket.self_service_declined', data: { articleId: article.id }, createdAt: now });
      return { value: undefined, change: { ...NO_CHANGES, audit: [event] } };
    });
  }
}
