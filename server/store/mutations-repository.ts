import type { MutationOutcome, Rejection } from '../../core';
import type { Executor } from './database';

export type RecordedMutation = { agentId: string; outcome: MutationOutcome };

export async function findRecordedMutation(db: Executor, id: string): Promise<RecordedMutation | undefined> {
  const row = await db
    .selectFrom('mutations')
    .select(['id', 'agent_id', 'state', 'rejection', 'ticket_version'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const outcome: MutationOutcome =
    row.state === 'applied'
      ? { id: row.id, state: 'applied', ticketVersion: Number(row.ticket_version) }
      : { id: row.id, state: 'rejected', rejection: JSON.parse(row.rejection ?? '{}') as Rejection };
  return { agentId: row.agent_id, outcome };
}

export async function recordMutation(
  db: Executor,
  entry: {
    outcome: MutationOutcome;
    agentId: string;
    ticketId: string;
    type: string;
    payload: unknown;
    createdAt: number;
    recordedAt: number;
  },
): Promise<void> {
  const { outcome } = entry;
  await db
    .insertInto('mutations')
    .values({
      id: outcome.id,
      agent_id: entry.agentId,
      ticket_id: entry.ticketId,
      type: entry.type,
      payload: JSON.stringify(entry.payload),
      state: outcome.state,
      rejection: outcome.state === 'rejected' ? JSON.stringify(outcome.rejection) : null,
      ticket_version: outcome.state === 'applied' ? outcome.ticketVersion : null,
      created_at: entry.createdAt,
      recorded_at: entry.recordedAt,
    })
    .execute();
}
