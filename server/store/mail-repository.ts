import type { Executor } from './database';

export type MailDirection = 'in' | 'out';

/** What one outbound mail says and to whom: fixed when it is queued, so a retry sends the same mail. */
export type OutboundEnvelope = {
  messageId: string;
  from: string;
  /** The display name beside the desk's address: the agent who wrote, or the desk itself. */
  fromName: string;
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  inReplyTo: string | null;
  references: string[];
  /** Acknowledgements and notices: marked Auto-Submitted, so other systems do not answer them. */
  automatic: boolean;
  /** Files sent with it, as MIME parts: their bytes by SHA-256 (BlobStore). */
  attachments?: { sha256: string; filename: string; contentType: string }[];
};

export type OutboxState = 'queued' | 'sending' | 'sent' | 'failed';
export type OutboxRow = { id: string; ticketId: string; envelope: OutboundEnvelope; state: OutboxState; attempts: number; createdAt: number };

export async function recordMailId(db: Executor, row: { messageId: string; ticketId: string; direction: MailDirection; sender: string | null; createdAt: number }): Promise<void> {
  await db
    .insertInto('mail_message_ids')
    .values({ message_id: row.messageId, ticket_id: row.ticketId, direction: row.direction, sender: row.sender, created_at: row.createdAt })
    .execute();
}

export async function mailIdKnown(db: Executor, messageId: string): Promise<boolean> {
  return (await db.selectFrom('mail_message_ids').select('message_id').where('message_id', '=', messageId).executeTakeFirst()) !== undefined;
}

/** The ticket of the first of these ids Tierdesk knows (they come newest first). */
export async function ticketIdOfMailIds(db: Executor, messageIds: readonly string[]): Promise<string | null> {
  if (messageIds.length === 0) return null;
  const rows = await db.selectFrom('mail_message_ids').select(['message_id', 'ticket_id']).where('message_id', 'in', [...messageIds]).execute();
  const byId = new Map(rows.map((row) => [row.message_id, row.ticket_id]));
  for (const id of messageIds) {
    const ticketId = byId.get(id);
    if (ticketId) return ticketId;
  }
  return null;
}

/** A ticket's mail ids, oldest first, at most `limit` (the thread's References). */
export async function mailIdsOfTicket(db: Executor, ticketId: string, limit: number): Promise<{ messageId: string; direction: MailDirection }[]> {
  const rows = await db
    .selectFrom('mail_message_ids')
    .select(['message_id', 'direction'])
    .where('ticket_id', '=', ticketId)
    .orderBy('created_at', 'desc')
    .orderBy('message_id', 'desc')
    .limit(limit)
    .execute();
  return rows.reverse().map((row) => ({ messageId: row.message_id, direction: row.direction as MailDirection }));
}

export async function mailedBy(db: Executor, ticketId: string, sender: string): Promise<boolean> {
  const row = await db.selectFrom('mail_message_ids').select('message_id').where('ticket_id', '=', ticketId).where('sender', '=', sender).limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function queueOutbound(db: Executor, row: { id: string; ticketId: string; envelope: OutboundEnvelope; createdAt: number }): Promise<void> {
  await db
    .insertInto('mail_outbox')
    .values({
      id: row.id,
      ticket_id: row.ticketId,
      message_id: row.envelope.messageId,
      envelope: JSON.stringify(row.envelope),
      state: 'queued',
      attempts: 0,
      next_attempt_at: row.createdAt,
      claimed_until: null,
      last_error: null,
      created_at: row.createdAt,
      sent_at: null,
    })
    .execute();
}

/** Ids of mails due now: queued and due, or claimed by a sender that has not answered in time (it died). */
export async function dueOutbound(db: Executor, now: number, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('mail_outbox')
    .select('id')
    .where((eb) => eb.or([eb.and([eb('state', '=', 'queued'), eb('next_attempt_at', '<=', now)]), eb.and([eb('state', '=', 'sending'), eb('claimed_until', '<', now)])]))
    .orderBy('next_attempt_at')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

/** Mail still queued that was queued before `before` (oldest first): what a desk without a relay gives up on. */
export async function unsentBefore(db: Executor, before: number, limit: number): Promise<OutboxRow[]> {
  const rows = await db.selectFrom('mail_outbox').selectAll().where('state', '=', 'queued').where('created_at', '<', before).orderBy('created_at').limit(limit).execute();
  return rows.map((row) => ({ id: row.id, ticketId: row.ticket_id, envelope: JSON.parse(row.envelope) as OutboundEnvelope, state: row.state as OutboxState, attempts: row.attempts, createdAt: row.created_at }));
}

/** Takes one mail for sending until `until`; false when another sender (process) has it. */
export async function claimOutbound(db: Executor, id: string, now: number, until: number): Promise<OutboxRow | null> {
  const result = await db
    .updateTable('mail_outbox')
    .set({ state: 'sending', claimed_until: until })
    .where('id', '=', id)
    .where((eb) => eb.or([eb.and([eb('state', '=', 'queued'), eb('next_attempt_at', '<=', now)]), eb.and([eb('state', '=', 'sending'), eb('claimed_until', '<', now)])]))
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return null;
  const row = await db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return { id: row.id, ticketId: row.ticket_id, envelope: JSON.parse(row.envelope) as OutboundEnvelope, state: row.state as OutboxState, attempts: row.attempts, createdAt: row.created_at };
}

export async function settleOutbound(
  db: Executor,
  id: string,
  outcome: { state: 'queued' | 'sent' | 'failed'; attempts: number; nextAttemptAt: number; error: string | null; sentAt: number | null },
): Promise<void> {
  await db
    .updateTable('mail_outbox')
    .set({ state: outcome.state, attempts: outcome.attempts, next_attempt_at: outcome.nextAttemptAt, claimed_until: null, last_error: outcome.error, sent_at: outcome.sentAt })
    .where('id', '=', id)
    .execute();
}

/** The Tierdesk message an outbound Message-ID belongs to (a bounce names it). */
export async function outboundByMessageId(db: Executor, messageId: string): Promise<{ id: string; ticketId: string; attempts: number } | null> {
  const row = await db.selectFrom('mail_outbox').select(['id', 'ticket_id', 'attempts']).where('message_id', '=', messageId).executeTakeFirst();
  return row ? { id: row.id, ticketId: row.ticket_id, attempts: row.attempts } : null;
}
