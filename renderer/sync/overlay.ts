import { applyMutation, PRIORITIES, type Actor, type Message, type Mutation, type Ticket } from '../../core';
import type { MessageDocument, OutboxDocument, TicketDocument } from '../db/schemas';
import type { MessageView, QueueFilter, TicketView } from './desk-session';
import { OPEN_STATUSES } from './queue-query';

/**
 * What the agent sees = the server's ticket with their own not-yet-reflected changes applied on
 * top, by the same pure rules the server runs. A change stays on top until the server's copy
 * reaches the version that contains it, so nothing flickers back while the answer travels.
 */
export function isUnreflected(row: OutboxDocument, serverVersion: number): boolean {
  if (row.state === 'pending') return true;
  return row.state === 'applied' && row.ticketVersion !== null && serverVersion < row.ticketVersion;
}

export const toMutation = (row: OutboxDocument): Mutation =>
  ({ id: row.id, ticketId: row.ticketId, createdAt: row.createdAt, type: row.type, payload: row.payload }) as Mutation;

export function stripLocalFields(doc: TicketDocument): Ticket {
  const { priorityRank: _rank, assigneeKey: _key, openRank: _open, ...ticket } = doc;
  return ticket;
}

/** `rows` must be in local order (localSeq). */
export function viewTicket(server: Ticket, rows: readonly OutboxDocument[], actor: Actor): TicketView {
  let view = server;
  let hasPendingChanges = false;
  for (const row of rows) {
    if (row.ticketId !== server.id || !isUnreflected(row, server.version)) continue;
    hasPendingChanges = true;
    const result = applyMutation(view, toMutation(row), { actor, now: row.createdAt });
    // A change our own rules refuse is shown as it will end: not applied (the server will say why).
    if (result.ok) view = { ...result.ticket, version: view.version };
  }
  return { ...view, hasPendingChanges };
}

/** Server messages plus the agent's replies and notes that the server has not stored yet. */
export function viewMessages(
  ticketId: string,
  stored: readonly MessageDocument[],
  rows: readonly OutboxDocument[],
  actor: Actor,
): MessageView[] {
  const storedIds = new Set(stored.map((message) => message.id));
  const waiting: MessageView[] = rows
    .filter((row) => row.ticketId === ticketId && (row.type === 'reply' || row.type === 'note') && row.state !== 'rejected')
    .filter((row) => !storedIds.has(row.id))
    .map((row) => ({
      id: row.id,
      ticketId,
      kind: row.type as Message['kind'],
      body: String(row.payload.body ?? ''),
      authorId: actor.id,
      authorName: actor.name,
      createdAt: row.createdAt,
      pending: true,
    }));
  const all = [...stored.map((message) => ({ ...message, pending: false })), ...waiting];
  return all.sort((a, b) => a.createdAt - b.createdAt);
}

export function matchesFilter(ticket: Ticket, filter: QueueFilter, agentId: string): boolean {
  if (filter.view === 'mine' && ticket.assigneeId !== agentId) return false;
  if (filter.view === 'unassigned' && ticket.assigneeId !== null) return false;
  if (filter.status === 'open') return OPEN_STATUSES.includes(ticket.status);
  return filter.status === 'any' || ticket.status === filter.status;
}

/** Priority first (urgent on top), then age (oldest first), then number for a stable order. */
export function compareForQueue(a: Ticket, b: Ticket): number {
  return (
    PRIORITIES.indexOf(a.priority) - PRIORITIES.indexOf(b.priority) || a.createdAt - b.createdAt || a.number - b.number
  );
}
