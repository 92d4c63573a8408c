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
import { attachmentRef, attachToMessage, findAttachments } from '../../store/attachments-repository';
import type { Executor } from '../../store/database';
import { groupExists } from '../../store/groups-repository';
import { findRecordedMutation, recordMutation } from '../../store/mutations-repository';
import { countMessages, findTicketById, findTicketByNumber, messageIdExists } from '../../store/tickets-repository';
import { mergeChanges, type CommittedChange } from '../../sync/change-feed';
import { loadViewer } from '../../sync/load-viewer';
import { canSeeTicket, type Viewer } from '../../sync/visibility';
import { routeAfterIntent } from '../routing/route-after-intent';
import type { Router } from '../routing/router';
import { linkDuplicateToOriginal } from './link-duplicate';
import { persistApplied } from './persist-change';

/** `assigned`: tickets this write gave to an agent other than the actor, for the assignment push. */
export type MutationResult = { outcome: MutationOutcome; change: CommittedChange | null; assigned: Ticket[] };

/** What bounds an intent besides the rules (README "Limits"). */
export type MutationLimits = { maxMessagesPerTicket: number };

const NO_CHANGE = null;
const ID_TAKEN = reject('invalid_mutation', 'this id is already taken');
const NOT_FOUND = reject('ticket_not_found', 'there is no such ticket');

/**
 * Applies one agent intent inside a write transaction, exactly once: a mutation id seen before
 * returns the outcome recorded then and changes nothing. Both outcomes are recorded, so a
 * client that lost the answer gets the same one when it retries. Visibility is checked against
 * the agent's groups as they are now, for the ticket and for every ticket the intent names; routing
 * follows in the same transaction. Client-chosen ids never reach a unique index: a mutation id
 * another agent used, or one that would become the id of an existing message, is refused
 * (`invalid_mutation`, "this id is already taken") and recorded like any refusal.
 */
export async function applyAgentMutation(trx: Executor, agent: Agent, mutation: Mutation, now: number, router: Router, limits: MutationLimits): Promise<MutationResult> {
  const recorded = await findRecordedMutation(trx, mutation.id);
  if (recorded) {
    const outcome: MutationOutcome = recorded.agentId === agent.id ? recorded.outcome : { id: mutation.id, state: 'rejected', rejection: ID_TAKEN };
    return { outcome, change: NO_CHANGE, assigned: [] };
  }

  const viewer = await loadViewer(trx, agent);
  const found = await findTicketById(trx, mutation.ticketId);
  const ticket = found && canSeeTicket(viewer, found) ? found : undefined;
  const applied = ticket ? applyMutation(ticket, mutation, await contextFor(trx, viewer, ticket, mutation, now, limits)) : ({ ok: false, rejection: NOT_FOUND } as const);
  const result = applied.ok && (await anyMessageIdTaken(trx, applied.messages)) ? ({ ok: false, rejection: ID_TAKEN } as const) : applied;

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
  for (const message of result.messages) await attachToMessage(trx, message.attachments?.map((file) => file.id) ?? [], message.id);
  const persisted = change.tickets[0]?.doc ?? result.ticket;
  const linked = mutation.type === 'setStatus' ? await linkDuplicateToOriginal(trx, result.ticket, viewer, now) : null;
  const routed = await routeAfterIntent(trx, router, ticket, persisted, agent, mutation, now);
  const handedOver = persisted.assigneeId !== null && persisted.assigneeId !== ticket.assigneeId && persisted.assigneeId !== agent.id;
  return {
    outcome,
    change: mergeChanges([change, ...(linked ? [linked] : []), routed.change]),
    assigned: [...(handedOver ? [persisted] : []), ...routed.assigned],
  };
}

/**
 * Loads what the pure rules may look up, so `applyMutation` itself stays synchronous. Every id an
 * intent names is resolved here, as the actor may see it: agents and groups are listed to every
 * signed-in agent (`GET /api/directory/agents`, `GET /api/groups`), so existing is being visible;
 * a ticket number counts only if the actor may see that ticket.
 */
async function contextFor(trx: Executor, viewer: Agent & Viewer, ticket: Ticket, mutation: Mutation, now: number, limits: MutationLimits): Promise<ApplyContext> {
  const ctx: ApplyContext = { actor: viewer, now };
  if (mutation.type === 'assign' && mutation.payload.assigneeId) {
    const target = await findAgentById(trx, mutation.payload.assigneeId);
    ctx.findAgent = (id) => (target && target.id === id ? target : undefined);
  }
  if (mutation.type === 'setRouting') {
    const exists = await groupExists(trx, mutation.payload.groupId);
    ctx.groupExists = (id) => id === mutation.payload.groupId && exists;
  }
  if (mutation.type === 'setStatus' && mutation.payload.duplicateOf !== undefined) {
    const original = await findTicketByNumber(trx, mutation.payload.duplicateOf);
    const visible = original !== undefined && canSeeTicket(viewer, original.ticket);
    ctx.ticketNumberVisible = (number) => number === mutation.payload.duplicateOf && visible;
  }
  if (mutation.type === 'reply' || mutation.type === 'note') {
    ctx.conversation = { length: await countMessages(trx, ticket.id, limits.maxMessagesPerTicket), max: limits.maxMessagesPerTicket };
    // Only the agent's own uploads to this ticket that are on no message yet: another's file, or one already sent, is not theirs to attach.
    const uploads = (await findAttachments(trx, mutation.payload.attachmentIds ?? [])).filter(
      (file) => file.ticketId === ticket.id && file.messageId === null && file.uploadedBy === viewer.id,
    );
    ctx.findAttachment = (id) => {
      const file = uploads.find((upload) => upload.id === id);
      return file ? attachmentRef(file) : undefined;
    };
  }
  return ctx;
}

/** Agent messages take their intent's id: one that already names a message (any ticket's) cannot be stored again. */
async function anyMessageIdTaken(trx: Executor, messages: readonly { id: string }[]): Promise<boolean> {
  for (const message of messages) if (await messageIdExists(trx, message.id)) return true;
  return false;
}
