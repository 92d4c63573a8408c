import type { Ticket } from '../../core';
import type { Executor } from './database';

/** Records that an agent lost sight of a ticket at feed position `seq` (one position per loss). */
export async function insertSightLosses(db: Executor, losses: readonly { seq: number; agentId: string; ticketId: string }[]): Promise<void> {
  if (losses.length === 0) return;
  await db
    .insertInto('ticket_sight_losses')
    .values(losses.map((loss) => ({ seq: loss.seq, agent_id: loss.agentId, ticket_id: loss.ticketId })))
    .execute();
}

/** One agent's losses after a feed position, in order, with the ticket as it is now. */
export async function sightLossesAfter(db: Executor, agentId: string, afterSeq: number, limit: number): Promise<{ seq: number; ticket: Ticket }[]> {
  const rows = await db
    .selectFrom('ticket_sight_losses')
    .innerJoin('tickets', 'tickets.id', 'ticket_sight_losses.ticket_id')
    .select(['ticket_sight_losses.seq as seq', 'tickets.doc as doc'])
    .where('ticket_sight_losses.agent_id', '=', agentId)
    .where('ticket_sight_losses.seq', '>', afterSeq)
    .orderBy('ticket_sight_losses.seq')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ seq: Number(row.seq), ticket: JSON.parse(row.doc) as Ticket }));
}
