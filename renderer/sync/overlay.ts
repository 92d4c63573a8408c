import { applyMutation, isOpenStatus, nextLine, PRIORITIES, type Actor, type Level, type Mutation, type Ticket } from '../../core';
import type { MessageDocument, OutboxDocument, TicketDocument } from '../db/schemas';
import type { MessageView, QueueFilter, TicketView } from './desk-session';

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

/**
 * Server messages plus the agent's replies, notes and escalation notes that the server has not
 * stored yet. Replies and notes show whatever the local rules think (the server decides, and a
 * refusal returns the text in the rejection list); an escalation note carries the line the
 * ticket will reach, as the server will store it (`serverTicket`: the server's copy, when known).
 */
export function viewMessages(
  ticketId: string,
  stored: readonly MessageDocument[],
  rows: readonly OutboxDocument[],
  actor: Actor,
  serverTicket: { level: number; version: number } | null = null,
): MessageView[] {
  const storedIds = new Set(stored.map((message) => message.id));
  let level = serverTicket?.level ?? 1;
  const waiting: MessageView[] = [];
  for (const row of rows) {
    if (row.ticketId !== ticketId || row.state === 'rejected') continue;
    if (row.type === 'escalate' && (serverTicket === null || isUnreflected(row, serverTicket.version))) level = nextLine(level as Level);
    if (storedIds.has(row.id) || !MESSAGE_INTENTS.includes(row.type)) continue;
    const body = String((row.type === 'escalate' ? row.payload.reason : row.payload.body) ?? '');
    waiting.push({
      id: row.id,
      ticketId,
      kind: row.type === 'reply' ? 'reply' : 'note',
      body: row.type === 'escalate' ? body.trim() : body,
      ...(row.type === 'escalate' ? { escalatedTo: level as 1 | 2 | 3 } : {}),
      authorId: actor.id,
      authorName: actor.name,
      createdAt: row.createdAt,
      pending: true,
    });
  }
  const all = [...stored.map((message) => ({ ...message, pending: false })), ...waiting];
  return all.sort((a, b) => a.createdAt - b.createdAt);
}

/** Intents that add a message to the conversation (its id is the intent's id). */
const MESSAGE_INTENTS: readonly OutboxDocument['type'][] = ['reply', 'note', 'escalate'];

export function matchesFilter(ticket: Ticket, filter: QueueFilter, agentId: string): boolean {
  if (filter.view === 'mine' && ticket.assigneeId !== agentId) return false;
  if (filter.view === 'unassigned' && ticket.assigneeId !== null) return false;
  if (filter.status === 'open') return isOpenStatus(ticket.status);
  return filter.status === 'any' || ticket.status === filter.status;
}

/** Priority first (urgent on top), then age (oldest first), then number for a stable order. */
export function compareForQueue(a: Ticket, b: Ticket): number {
  return (
    PRIORITIES.indexOf(a.priority) - PRIORITIES.indexOf(b.priority) || a.createdAt - b.createdAt || a.number - b.number
  );
}
