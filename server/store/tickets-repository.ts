import type { Message, Ticket } from '../../core';
import type { Executor } from './database';
import { ticketOwnText } from '../../core/search';
import { indexMessageTerms, indexTicketTerms } from './search-terms-repository';

/** Tickets and their messages: the replicated documents and their change-feed positions. */

export async function insertTicket(db: Executor, ticket: Ticket, seq: number, accessKeyHash: string): Promise<void> {
  await db
    .insertInto('tickets')
    .values({
      id: ticket.id,
      number: ticket.number,
      seq,
      status: ticket.status,
      assignee_id: ticket.assigneeId,
      group_id: ticket.groupId,
      priority: ticket.priority,
      level: ticket.level,
      access_key_hash: accessKeyHash,
      doc: JSON.stringify(ticket),
      updated_at: ticket.updatedAt,
      requester_email: ticket.requester.email,
      channel: ticket.channel,
      created_at: ticket.createdAt,
    })
    .execute();
  await indexTicketTerms(db, ticket);
}

/** `previous`: the row as it was, so the search terms are rewritten only when the ticket's own words changed. */
export async function updateTicket(db: Executor, ticket: Ticket, seq: number, previous: Ticket): Promise<void> {
  await db
    .updateTable('tickets')
    .set({
      seq,
      status: ticket.status,
      assignee_id: ticket.assigneeId,
      group_id: ticket.groupId,
      priority: ticket.priority,
      level: ticket.level,
      doc: JSON.stringify(ticket),
      updated_at: ticket.updatedAt,
      requester_email: ticket.requester.email,
    })
    .where('id', '=', ticket.id)
    .execute();
  // Most writes change a status or an assignee: their search terms stay as they were.
  if (ticketOwnText(ticket) !== ticketOwnText(previous)) await indexTicketTerms(db, ticket);
}

export async function findTicketById(db: Executor, id: string): Promise<Ticket | undefined> {
  const row = await db.selectFrom('tickets').select('doc').where('id', '=', id).executeTakeFirst();
  return row && (JSON.parse(row.doc) as Ticket);
}

export async function findTicketByNumber(
  db: Executor,
  number: number,
): Promise<{ ticket: Ticket; accessKeyHash: string } | undefined> {
  const row = await db.selectFrom('tickets').select(['doc', 'access_key_hash']).where('number', '=', number).executeTakeFirst();
  return row && { ticket: JSON.parse(row.doc) as Ticket, accessKeyHash: row.access_key_hash };
}

/** Where a ticket sits, which its messages share: the columns pulls select visible rows by. */
export type Placement = Pick<Ticket, 'groupId' | 'assigneeId'>;

export async function insertMessage(db: Executor, message: Message, seq: number, placement: Placement): Promise<void> {
  await db
    .insertInto('messages')
    .values({
      id: message.id,
      ticket_id: message.ticketId,
      seq,
      doc: JSON.stringify(message),
      group_id: placement.groupId,
      assignee_id: placement.assigneeId,
      created_at: message.createdAt,
    })
    .execute();
  await indexMessageTerms(db, message);
}

/** A ticket moved (another group or assignee): its messages move with it, so pulls keep selecting them by the ticket's place. */
export async function placeMessages(db: Executor, ticketId: string, placement: Placement): Promise<void> {
  await db.updateTable('messages').set({ group_id: placement.groupId, assignee_id: placement.assigneeId }).where('ticket_id', '=', ticketId).execute();
}

export async function messageIdExists(db: Executor, id: string): Promise<boolean> {
  return (await db.selectFrom('messages').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** Moves a message to a new feed position (consoles that gained sight of its ticket must pull it). */
export async function restampMessage(db: Executor, messageId: string, seq: number): Promise<void> {
  await db.updateTable('messages').set({ seq }).where('id', '=', messageId).execute();
}

/**
 * How many messages a ticket's conversation holds, counted up to `upTo` through the ticket's
 * index: the cost stays bounded by the cap even for a conversation older than it.
 */
export async function countMessages(db: Executor, ticketId: string, upTo: number): Promise<number> {
  const row = await db
    .selectFrom((eb) => eb.selectFrom('messages').select('id').where('ticket_id', '=', ticketId).limit(upTo).as('capped'))
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Where a message sits in its conversation: the order is (createdAt, id), which re-stamping never changes. */
export type ConversationPosition = { createdAt: number; id: string };

/**
 * One page of a conversation: the `limit` latest messages before `before` (the latest of all when
 * null), oldest first, read through the (ticket_id, created_at, id) index. `olderFrom` is the
 * position of the page's oldest message when older ones exist (the next page starts before it),
 * else null.
 */
export async function conversationPage(
  db: Executor,
  ticketId: string,
  page: { before: ConversationPosition | null; limit: number },
): Promise<{ messages: Message[]; olderFrom: ConversationPosition | null }> {
  const { before } = page;
  let query = db.selectFrom('messages').select(['doc', 'created_at', 'id']).where('ticket_id', '=', ticketId);
  if (before) {
    query = query.where((eb) => eb.or([eb('created_at', '<', before.createdAt), eb.and([eb('created_at', '=', before.createdAt), eb('id', '<', before.id)])]));
  }
  // One row more than asked for says whether an older page exists.
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(page.limit + 1).execute();
  const shown = rows.slice(0, page.limit).reverse();
  const oldest = shown[0];
  return {
    messages: shown.map((row) => JSON.parse(row.doc) as Message),
    olderFrom: rows.length > page.limit && oldest ? { createdAt: Number(oldest.created_at), id: oldest.id } : null,
  };
}

export async function listMessages(db: Executor, ticketId: string): Promise<Message[]> {
  const rows = await db.selectFrom('messages').select('doc').where('ticket_id', '=', ticketId).orderBy('seq').execute();
  return rows.map((row) => JSON.parse(row.doc) as Message);
}

export async function findMessageById(db: Executor, id: string): Promise<Message | undefined> {
  const row = await db.selectFrom('messages').select('doc').where('id', '=', id).executeTakeFirst();
  return row ? (JSON.parse(row.doc) as Message) : undefined;
}

/** A message's document changes (its delivery state): at `seq`, a new feed position, unless it was written in this same transaction. */
export async function updateMessageDoc(db: Executor, message: Message, seq?: number): Promise<void> {
  await db
    .updateTable('messages')
    .set(seq === undefined ? { doc: JSON.stringify(message) } : { doc: JSON.stringify(message), seq })
    .where('id', '=', message.id)
    .execute();
}

/** The envelope of the latest customer message that came by mail (among the ticket's last 20 messages). */
export async function latestCustomerMail(db: Executor, ticketId: string): Promise<NonNullable<Message['mail']> | null> {
  const rows = await db.selectFrom('messages').select('doc').where('ticket_id', '=', ticketId).orderBy('created_at', 'desc').limit(20).execute();
  for (const row of rows) {
    const message = JSON.parse(row.doc) as Message;
    if (message.kind === 'customer' && message.mail) return message.mail;
  }
  return null;
}
