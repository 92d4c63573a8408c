import {
  applyMutation,
  reject,
  type Agent,
  type ApplyContext,
  type Mutation,
  type MutationOutcome,
} from '../../../core';
import { findAgentById } from '../../store/agents-repository';
import type { Executor } from '../../store/database';
import { findRecordedMutation, recordMutation } from '../../store/mutations-repository';
import { findTicketById, ticketNumberExists } from '../../store/tickets-repository';
import type { CommittedChange } from '../../sync/change-feed';
import { canSeeTicket } from '../../sync/visibility';
import { linkDuplicateToOriginal } from './link-duplicate';
import { mergeChanges, persistApplied } from './persist-change';

export type MutationResult = { outcome: MutationOutcome; change: CommittedChange | null };

const NO_CHANGE = null;

/**
 * Applies one agent intent inside a write transaction, exactly once: a mutation id seen before
 * returns the outcome recorded then and changes nothing. Both outcomes are recorded, so a
 * client that lost the answer gets the same one when it retries.
 */
export async function applyAgentMutation(trx: Executor, agent: Agent, mutation: Mutation, now: number): Promise<MutationResult> {
  const recorded = await findRecordedMutation(trx, mutation.id);
  if (recorded) {
    const outcome: MutationOutcome =
      recorded.agentId === agent.id
        ? recorded.outcome
        : { id: mutation.id, state: 'rejected', rejection: reject('invalid_mutation', 'this mutation id is already taken') };
    return { outcome, change: NO_CHANGE };
  }

  const ticket = await findTicketById(trx, mutation.ticketId);
  const ctx = await contextFor(trx, agent, mutation, now);
  const result =
    ticket && canSeeTicket(agent, ticket)
      ? applyMutation(ticket, mutation, ctx)
      : ({ ok: false, rejection: reject('ticket_not_found', 'there is no such ticket') } as const);

  const outcome: MutationOutcome = result.ok
    ? { id: mutation.id, state: 'applied', ticketVersion: result.ticket.version }
    : { id: mutation.id, state: 'rejected', rejection: result.rejection };
  await recordMutation(trx, {
    outcome,
    agentId: agent.id,
    ticketId: mutation.ticketId,
    type: mutation.type,
    payload: mutation.payload,
    createdAt: mutation.createdAt,
    recordedAt: now,
  });
  if (!result.ok || !ticket) return { outcome, change: NO_CHANGE };
  const change = await persistApplied(trx, ticket, result, { type: 'agent', id: agent.id }, now);
  const linked = mutation.type === 'setStatus' ? await linkDuplicateToOriginal(trx, result.ticket, now) : null;
  return { outcome, change: linked ? mergeChanges([change, linked]) : change };
}

/** Loads what the pure rules may look up, so `applyMutation` itself stays synchronous. */
async function contextFor(trx: Executor, agent: Agent, mutation: Mutation, now: number): Promise<ApplyContext> {
  const ctx: ApplyContext = { actor: agent, now };
  if (mutation.type === 'assign' && mutation.payload.assigneeId) {
    const target = await findAgentById(trx, mutation.payload.assigneeId);
    ctx.findAgent = (id) => (target && target.id === id ? target : undefined);
  }
  if (mutation.type === 'setStatus' && mutation.payload.duplicateOf !== undefined) {
    const exists = await ticketNumberExists(trx, mutation.payload.duplicateOf);
    ctx.ticketNumberExists = (number) => number === mutation.payload.duplicateOf && exists;
  }
  return ctx;
}
