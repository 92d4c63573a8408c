import type { SelfServiceOffer } from '../knowledge/self-service-offers';
import {
  reject,
  type Agent,
  type Intake,
  type Message,
  type Mutation,
  type MutationOutcome,
  type Rejection,
  type Ticket,
} from '../../../core';
import { hashSecret, secretMatches } from '../../auth/tokens';
import type { Verdict } from '../../limits/keyed-limiter';
import type { Database, Executor } from '../../store/database';
import { lastSolverOf, recordAuditEvent } from '../../store/audit-repository';
import { conversationPage, findTicketById, findTicketByNumber, type ConversationPosition } from '../../store/tickets-repository';
import { mergeChanges, NO_CHANGES, type CommittedChange } from '../../sync/change-feed';
import { loadViewer } from '../../sync/load-viewer';
import { canSeeTicket, visibleScopes } from '../../sync/visibility';
import { listTickets, type ListPosition, type TicketListFilter } from '../../store/ticket-list-repository';
import type { Router } from '../routing/router';
import { applyAgentMutation, type MutationLimits } from './apply-agent-mutation';
import type { CommitPath, Written } from './commit-path';
import { appendCustomerMessage, type CustomerMessageResult } from './customer-writes';
import { registerTicket } from './register-ticket';
import type { PreparedFile } from './attachments';
import { attachmentRef, insertAttachment } from '../../store/attachments-repository';
import { randomUUID } from 'node:crypto';

export type ChangeResult = { ok: true; ticket: Ticket } | { ok: false; rejection: Rejection };
export type { CustomerMessageResult };
/**
 * No such ticket, or not this access key: one answer for both, so a caller cannot learn which
 * ticket numbers exist by trying keys.
 */
export const NOT_FOUND = 'not_found';
/** The requester's allowance (README "Limits") is used up: nothing was stored. */
export type Limited = { ok: false; limited: true; retryAfterMs: number };
/** Asked once the access key matched, with the ticket's requester (a stranger cannot spend it). */
export type RequesterAdmission = (requesterEmail: string) => Verdict;
/** A page of a conversation: the latest messages before `before` (all the latest when null). */
export type ConversationPageRequest = { before: ConversationPosition | null; limit: number };
export const LATEST_MESSAGES: ConversationPageRequest = { before: null, limit: 100 };
export type { ConversationPosition };
export type TicketRead = { ticket: Ticket; messages: Message[]; olderFrom: ConversationPosition | null };

/** Spent on a number that has no ticket, so a miss costs the same time as a wrong key. */
const NO_TICKET_HASH = hashSecret('no ticket has this key');

/** Thrown inside a transaction to roll back every part of an all-or-nothing change. */
class RolledBack extends Error {
  constructor(readonly rejection: Rejection) {
    super(rejection.message);
  }
}

/**
 * The writer of tickets for every path (socket pushes, HTTP, intake, the customer): the same
 * rules, each write through the one commit path (routing inside it; after commit the change is
 * published and new assignments pushed, see CommitPath).
 */
export class TicketService {
  constructor(
    private readonly database: Database,
    private readonly commits: CommitPath,
    private readonly router: Router,
    private readonly limits: MutationLimits,
  ) {}

  /**
   * Registers the ticket and routes it at once: the answer already says who has it (or that it
   * waits). `files`: stored already (Attachments.prepare), they go on the opening message;
   * `offer`: what self-service decided for the request (the acknowledgement may offer an article).
   */
  async register(intake: Intake, files: readonly PreparedFile[] = [], offer?: SelfServiceOffer): Promise<{ ticket: Ticket; accessKey: string }> {
    return this.commits.commit(async (trx, now) => {
      const openingMessageId = randomUUID();
      const fresh = await registerTicket(trx, intake, now, { openingMessageId, attachments: files.map(attachmentRef), offer });
      for (const file of files) await insertAttachment(trx, { ...file, ticketId: fresh.ticket.id, messageId: openingMessageId, uploadedBy: null }, now);
      const routed = await this.router.route(trx, fresh.ticket, now);
      return {
        value: { ticket: routed.assigned[0] ?? fresh.ticket, accessKey: fresh.accessKey },
        change: mergeChanges([fresh.change, routed.change]),
        assigned: routed.assigned,
      };
    });
  }

  /**
   * A console's outbox, in the order the agent acted. Each mutation commits on its own, so one
   * refusal does not undo the agent's other work; each outcome is recorded.
   */
  async applyPushed(agent: Agent, mutations: Mutation[]): Promise<MutationOutcome[]> {
    const outcomes: MutationOutcome[] = [];
    for (const mutation of mutations) {
      outcomes.push(
        await this.commits.commit(async (trx, now) => {
          const result = await applyAgentMutation(trx, agent, mutation, now, this.router, this.limits);
          return { value: result.outcome, change: result.change ?? undefined, assigned: result.assigned };
        }),
      );
    }
    return outcomes;
  }

  /** An HTTP request's changes: all applied, or none (the first refusal is returned). */
  async applyAtomically(agent: Agent, ticketId: string, mutations: Mutation[]): Promise<ChangeResult> {
    try {
      const change = await this.commits.commit(async (trx, now) => {
        const changes: CommittedChange[] = [];
        const handedOver: Ticket[] = [];
        for (const mutation of mutations) {
          const result = await applyAgentMutation(trx, agent, mutation, now, this.router, this.limits);
          if (result.outcome.state === 'rejected') throw new RolledBack(result.outcome.rejection);
          if (result.change) changes.push(result.change);
          handedOver.push(...result.assigned);
        }
        const merged = mergeChanges(changes);
        return { value: merged, change: merged, assigned: handedOver };
      });
      const ticket = change.tickets.find((row) => row.doc.id === ticketId)?.doc ?? (await this.readTicketById(ticketId));
      return ticket ? { ok: true, ticket } : { ok: false, rejection: reject('ticket_not_found', 'there is no such ticket') };
    } catch (error) {
      if (error instanceof RolledBack) return { ok: false, rejection: error.rejection };
      throw error;
    }
  }

  /**
   * The requester writes again, proven by the access key they got at registration. On a Closed
   * ticket, or one whose conversation is full, this opens a new ticket linked to it (`followUpOf`):
   * the customer's message is never lost, and the answer carries the new ticket and its own
   * access key. `admitRequester` is asked once the key matched, before anything is written.
   */
  async addCustomerMessage(
    number: number,
    accessKey: string,
    body: string,
    admitRequester?: RequesterAdmission,
  ): Promise<CustomerMessageResult | Limited | typeof NOT_FOUND> {
    return this.commits.commit(async (trx, now): Promise<Written<CustomerMessageResult | Limited | typeof NOT_FOUND>> => {
      const found = await this.findWithKey(trx, number, accessKey);
      if (!found) return { value: NOT_FOUND };
      const verdict = admitRequester?.(found.requester.email);
      if (verdict && !verdict.allowed) return { value: { ok: false, limited: true, retryAfterMs: verdict.retryAfterMs } };
      return appendCustomerMessage(trx, this.router, this.limits, found, { body }, now);
    });
  }

  /**
   * The requester rates the answer of a Fixed or Closed ticket (CSAT, 1–5), proven by the access
   * key. The rating is an audit event about the agent who solved it; a later rating replaces it.
   */
  async rate(number: number, accessKey: string, rating: { score: number; comment?: string }): Promise<{ ok: true } | { ok: false; rejection: Rejection } | typeof NOT_FOUND> {
    return this.commits.commit(async (trx, now): Promise<Written<{ ok: true } | { ok: false; rejection: Rejection } | typeof NOT_FOUND>> => {
      const found = await this.findWithKey(trx, number, accessKey);
      if (!found) return { value: NOT_FOUND };
      if (found.status !== 'fixed' && found.status !== 'closed') {
        return { value: { ok: false, rejection: reject('not_solved', 'only an answered (Fixed or Closed) ticket can be rated', { from: found.status }) } };
      }
      const solvedBy = await lastSolverOf(trx, found.id);
      const event = await recordAuditEvent(trx, {
        ticketId: found.id,
        actorType: 'customer',
        actorId: null,
        type: 'ticket.rated',
        data: { score: rating.score, comment: rating.comment ?? null, solvedBy },
        createdAt: now,
      });
      return { value: { ok: true }, change: { ...NO_CHANGES, audit: [event] } };
    });
  }

  /**
   * The ticket and a page of its conversation (by default the latest 100 messages), if this agent
   * may see it (their groups as they are now); null for a ticket that is missing or not theirs.
   */
  async read(agent: Agent, number: number, page: ConversationPageRequest = LATEST_MESSAGES): Promise<TicketRead | null> {
    const found = await findTicketByNumber(this.database.db, number);
    if (!found || !canSeeTicket(await loadViewer(this.database.db, agent), found.ticket)) return null;
    return { ticket: found.ticket, ...(await conversationPage(this.database.db, found.ticket.id, page)) };
  }

  /**
   * A page of the tickets this agent may see (their groups as they are now, and their own),
   * newest first, filtered; `limit` + 1 are read so the caller knows whether more follow.
   */
  async list(agent: Agent, filter: TicketListFilter, after: ListPosition | null, limit: number): Promise<{ tickets: Ticket[]; more: boolean }> {
    const viewer = await loadViewer(this.database.db, agent);
    const found = await listTickets(this.database.db, this.database.dialect, visibleScopes(viewer), filter, after, limit + 1);
    return { tickets: found.slice(0, limit), more: found.length > limit };
  }

  /** The ticket with this number if the access key is its own; a miss hashes too, so both take as long. */
  private async findWithKey(trx: Executor, number: number, accessKey: string): Promise<Ticket | null> {
    const found = await findTicketByNumber(trx, number);
    const matches = secretMatches(accessKey, found?.accessKeyHash ?? NO_TICKET_HASH);
    return found && matches ? found.ticket : null;
  }

  private async readTicketById(ticketId: string): Promise<Ticket | undefined> {
    return findTicketById(this.database.db, ticketId);
  }
}
