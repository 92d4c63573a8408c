import {
  applyMutation,
  reject,
  type Agent,
  type ApplyContext,
  type Mutation,
  type MutationOutcome,
  type Ticket,
} from '../../../core';
import { findAgentById } from '../../store/agents-repository';
import type { Executor } from '../../store/database';
import { groupExists } from '../../store/groups-repository';
import { findRecordedMutation, recordMutation } from '../../store/mutations-repository';
import { findTicketById, ticketNumberExists } from '../../store/tickets-repository';
import { mergeChanges, type CommittedChange } from '../../sync/change-feed';
import { loadViewer } from '../../sync/load-viewer';
import { canSeeTicket } from '../../sync/visibility';
import { routeAfterIntent } from '../routing/route-after-intent';
import type { Router } from '../routing/router';
import { linkDuplicateToOriginal } from './link-duplicate';
import { persistApplied } from './persist-change';

/** `assigned`: tickets this write gave to an agent other than the actor, for the assignment push. */
export type MutationResult = { outcome: MutationOutcome; change: CommittedChange | null; assigned: Ticket[] };

const NO_CHANGE = null;

/**
 * Applies one agent intent inside a write transaction, exactly once: a mutation id seen before
 * returns the outcome recorded then and changes nothing. Both outcomes are recorded, so a
 * client that lost the answer gets the same one when it retries. Visibility is checked against
 * the agent's groups as they are now; routing follows in the same transaction.
 */
export async function applyAgentMutation(trx: Executor, agent: Agent, mutation: Mutation, now: number, router: Router): Promise<MutationResult> {
  const recorded = await findRecordedMutation(trx, mutation.id);
  if (recorded) {
    const outcome: MutationOutcome =
      recorded.agentId === agent.id
        ? recorded.outcome
        : { id: mutation.id, state: 'rejected', rejection: reject('invalid_mutation', 'this mutation id is already taken') };
    return { outcome, change: NO_CHANGE, assigned: [] };
  }

  const ticket = await findTicketById(trx, mutation.ticketId);
  const ctx = await contextFor(trx, agent, mutation, now);
  const viewer = await loadViewer(trx, agent);
  const result =
    ticket && canSeeTicket(viewer, ticket)
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
  if (!result.ok || !ticket) return { outcome, change: NO_CHANGE, assigned: [] };
  const change = await persistApplied(trx, ticket, result, { type: 'agent', id: agent.id }, now);
  const persisted = change.tickets[0]?.doc ?? result.ticket;
  const linked = mutation.type === 'setStatus' ? await linkDuplicateToOriginal(trx, result.ticket, now) : null;
  const routed = await routeAfterIntent(trx, router, ticket, persisted, agent, mutation, now);
  const handedOver = persisted.assigneeId !== null && persisted.assigneeId !== ticket.assigneeId && persisted.assigneeId !== agent.id;
  return {
    outcome,
    change: mergeChanges([change, ...(linked ? [linked] : []), routed.change]),
    assigned: [...(handedOver ? [persisted] : []), ...routed.assigned],
  };
}

/** Loads what the pure rules may look up, so `applyMutation` itself stays synchronous. */
async function contextFor(trx: Executor, agent: Agent, mutation: Mutation, now: number): Promise<ApplyContext> {
  const ctx: ApplyContext = { actor: agent, now };
  if (mutation.type === 'assign' && mutation.payload.assigneeId) {
    const target = await findAgentById(trx, mutation.payload.assigneeId);
    ctx.findAgent = (id) => (target && target.id === id ? target : undefined);
  }
  if (mutation.type === 'setRouting') {
    const exists = await groupExists(trx, mutation.payload.groupId);
    ctx.groupExists = (id) => id === mutation.payload.groupId && exists;
  }
  if (mutation.type === 'setStatus' && mutation.payload.duplicateOf !== undefined) {
    const exists = await ticketNumberExists(trx, mutation.payload.duplicateOf);
    ctx.ticketNumberExists = (number) => number === mutation.payload.duplicateOf && exists;
  }
  return ctx;
}
