import type { Actor } from '../domain/agent';
import type { AttachmentRef, Message } from '../domain/message';
import type { Ticket } from '../domain/ticket';
import type { Rejection } from '../workflow/rejection';

/**
 * What `apply` may know besides the ticket. The server passes the lookups so that references
 * are checked against the system of record; the console's optimistic view passes none and
 * trusts the server to refuse what does not hold.
 */
export type ApplyContext = {
  actor: Actor;
  now: number;
  findAgent?: (id: string) => { id: string; name: string; active: boolean } | undefined;
  /**
   * Whether a ticket with this number exists *and the actor may see it*: for the actor the two are
   * the same, so a reference to another group's ticket is refused exactly like a missing one.
   */
  ticketNumberVisible?: (number: number) => boolean;
  groupExists?: (id: string) => boolean;
  /** How many messages the ticket's conversation holds, and the most it may (replies and notes stop there). */
  conversation?: { length: number; max: number };
  /** A file this actor uploaded to this ticket that is on no message yet. */
  findAttachment?: (id: string) => AttachmentRef | undefined;
};

/** A change the rules accepted: the new ticket, messages it adds, and what the audit log records. */
export type Applied = {
  ok: true;
  ticket: Ticket;
  messages: Message[];
  audit: { type: string; data: Record<string, unknown> };
};
export type Refused = { ok: false; rejection: Rejection };
export type ApplyResult = Applied | Refused;

export const refused = (rejection: Rejection): Refused => ({ ok: false, rejection });

/**
 * Every accepted change bumps the version and the update time, in one place; a change of
 * assignee also records when and by whom (the console's assignment alerts rely on it).
 */
export function accepted(
  before: Ticket,
  changes: Partial<Ticket>,
  ctx: ApplyContext,
  audit: Applied['audit'],
  messages: Message[] = [],
): Applied {
  const reassigned = changes.assigneeId !== undefined && changes.assigneeId !== before.assigneeId;
  const assignment: Partial<Ticket> = reassigned ? assignmentStamp(changes.assigneeId ?? null, ctx.actor.id, ctx.now) : {};
  return {
    ok: true,
    ticket: { ...before, ...changes, ...assignment, version: before.version + 1, updatedAt: ctx.now },
    messages,
    audit,
  };
}

/** The assignment fields for a new assignee (null: back to the queue); `by` null means automatic routing. */
export const assignmentStamp = (assigneeId: string | null, by: string | null, now: number): Pick<Ticket, 'assigneeId' | 'assignedAt' | 'assignedBy'> =>
  assigneeId === null ? { assigneeId: null, assignedAt: null, assignedBy: null } : { assigneeId, assignedAt: now, assignedBy: by };
