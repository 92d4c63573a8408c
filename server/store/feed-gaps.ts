import { sql } from 'kysely';
import type { Executor } from './database';

/** The newest feed position handed out so far (every committed change lies at or below it). */
export async function feedHighWater(db: Executor): Promise<number> {
  const row = await db.selectFrom('counters').select('value').where('name', '=', 'seq').executeTakeFirst();
  return Number(row?.value ?? 0);
}

/**
 * Whether any feed row (ticket, message, sight loss, article or template) lies strictly between
 * two positions: one lookup on each table's `seq` index. A row there that no relayed change brought is a
 * change this process never heard of.
 */
export async function feedRowsBetween(db: Executor, afterSeq: number, beforeSeq: number): Promise<boolean> {
  if (beforeSeq - afterSeq <= 1) return false;
  const found = await sql<{ found: number }>`
    select 1 as found where exists (select 1 from tickets where seq > ${afterSeq} and seq < ${beforeSeq})
      or exists (select 1 from messages where seq > ${afterSeq} and seq < ${beforeSeq})
      or exists (select 1 from ticket_sight_losses where seq > ${afterSeq} and seq < ${beforeSeq})
      or exists (select 1 from kb_articles where seq > ${afterSeq} and seq < ${beforeSeq})
      or exists (select 1 from answer_templates where seq > ${afterSeq} and seq < ${beforeSeq})`.execute(db);
  return found.rows.length > 0;
}
