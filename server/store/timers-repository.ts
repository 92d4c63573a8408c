import type { PlannedTimer, TimerKind } from '../../core';
import type { Executor } from './database';

export type DueTimer = { id: number; ticketId: string; kind: TimerKind; dueAt: number };

/** Replaces a ticket's pending timers with the ones its new state needs. */
export async function replaceTicketTimers(db: Executor, ticketId: string, timers: PlannedTimer[]): Promise<void> {
  await db.deleteFrom('timers').where('ticket_id', '=', ticketId).where('fired_at', 'is', null).execute();
  if (timers.length === 0) return;
  await db
    .insertInto('timers')
    .values(timers.map((timer) => ({ ticket_id: ticketId, kind: timer.kind, due_at: timer.dueAt, fired_at: null })))
    .execute();
}

/** Timers due at `now` and not fired yet, oldest first. Call inside the write transaction that fires them. */
export async function dueTimers(db: Executor, now: number, limit: number): Promise<DueTimer[]> {
  const rows = await db
    .selectFrom('timers')
    .select(['id', 'ticket_id', 'kind', 'due_at'])
    .where('fired_at', 'is', null)
    .where('due_at', '<=', now)
    .orderBy('due_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ id: Number(row.id), ticketId: row.ticket_id, kind: row.kind as TimerKind, dueAt: Number(row.due_at) }));
}

export async function markTimerFired(db: Executor, id: number, now: number): Promise<void> {
  await db.updateTable('timers').set({ fired_at: now }).where('id', '=', id).execute();
}

export async function pendingTimers(db: Executor, ticketId: string): Promise<{ kind: TimerKind; dueAt: number }[]> {
  const rows = await db.selectFrom('timers').select(['kind', 'due_at']).where('ticket_id', '=', ticketId).where('fired_at', 'is', null).orderBy('due_at').execute();
  return rows.map((row) => ({ kind: row.kind as TimerKind, dueAt: Number(row.due_at) }));
}
