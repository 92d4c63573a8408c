import { z } from 'zod';
import { IdSchema, TimestampSchema } from '../domain/common';
import type { Ticket } from '../domain/ticket';
import { AssignPayloadSchema, applyAssign } from './assign';
import type { ApplyContext, ApplyResult } from './context';
import { EscalatePayloadSchema, applyEscalate } from './escalate';
import { MarkPrecedentPayloadSchema, applyMarkPrecedent } from './mark-precedent';
import { MessagePayloadSchema, applyNote, applyReply } from './message';
import { SetPriorityPayloadSchema, applySetPriority } from './set-priority';
import { SetRoutingPayloadSchema, applySetRouting } from './set-routing';
import { SetStatusPayloadSchema, applySetStatus } from './set-status';
import { SetTagsPayloadSchema, applySetTags } from './set-tags';
import { TakePayloadSchema, applyTake } from './take';

export * from './context';
export { applyCustomerMessage } from './customer-message';
export { applyCustomerSolved } from './customer-solved';
export { applyTimer, type TimerEffect, type TimerNotice } from './timer-effects';
export { applyAutoAssign, applyUnassign } from './routing-effects';
export { ESCALATION_REASON_MAX, EscalatePayloadSchema, escalationRefusal, isEscalatable, LAST_LINE, nextLine } from './escalate';
export { mayWork } from './permissions';
export { ATTACHMENTS_PER_MESSAGE_MAX, MessagePayloadSchema } from './message';
export { SetTagsPayloadSchema, withTags } from './set-tags';

const envelope = {
  /** Minted by the client; a retried push with the same id is applied once. */
  id: IdSchema,
  ticketId: IdSchema,
  /** The client's clock when the agent acted: informational only, never used for ordering. */
  createdAt: TimestampSchema,
};

/** Every intent an agent can record, offline or not. */
export const MutationSchema = z.discriminatedUnion('type', [
  z.object({ ...envelope, type: z.literal('take'), payload: TakePayloadSchema }).strict(),
  z.object({ ...envelope, type: z.literal('reply'), payload: MessagePayloadSchema }).strict(),
  z.object({ ...envelope, type: z.literal('note'), payload: MessagePayloadSchema }).strict(),
  z.object({ ...envelope, type: z.literal('setStatus'), payload: SetStatusPayloadSchema }).strict(),
  z.object({ ...envelope, type: z.literal('setPriority'), payload: SetPriorityPayloadSchema }).strict(),
  z.object({ ...envelope, type: z.literal('assign'), payload: AssignPayloadSchema }).strict(),
  z.object({ ...envelope, type: z.literal('escalate'), payload: EscalatePayloadSchema }).strict(),
  z.object({ ...envelope, type: z.literal('setRouting'), payload: SetRoutingPayloadSchema }).strict(),
  z.object({ ...envelope, type: z.literal('markPrecedent'), payload: MarkPrecedentPayloadSchema }).strict(),
  z.object({ ...envelope, type: z.literal('setTags'), payload: SetTagsPayloadSchema }).strict(),
]);
export type Mutation = z.infer<typeof MutationSchema>;
export type MutationType = Mutation['type'];
export const MUTATION_TYPES = MutationSchema.options.map((option) => option.shape.type.value);

/**
 * The one rule book. Pure: the same inputs give the same result on the server (authoritative)
 * and in the console (optimistic view). Never throws for a well-formed mutation; a refusal is a
 * value carrying the reason.
 */
export function applyMutation(ticket: Ticket, mutation: Mutation, ctx: ApplyContext): ApplyResult {
  switch (mutation.type) {
    case 'take':
      return applyTake(ticket, mutation.payload, ctx);
    case 'reply':
      return applyReply(ticket, mutation.payload, ctx, mutation.id);
    case 'note':
      return applyNote(ticket, mutation.payload, ctx, mutation.id);
    case 'setStatus':
      return applySetStatus(ticket, mutation.payload, ctx);
    case 'setPriority':
      return applySetPriority(ticket, mutation.payload, ctx);
    case 'assign':
      return applyAssign(ticket, mutation.payload, ctx);
    case 'escalate':
      return applyEscalate(ticket, mutation.payload, ctx, mutation.id);
    case 'setRouting':
      return applySetRouting(ticket, mutation.payload, ctx);
    case 'markPrecedent':
      return applyMarkPrecedent(ticket, mutation.payload, ctx);
    case 'setTags':
      return applySetTags(ticket, mutation.payload, ctx);
  }
}
