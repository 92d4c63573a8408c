import type { AttachmentRef } from '../../core';
import type { Executor } from './database';

export type StoredAttachment = AttachmentRef & { ticketId: string; messageId: string | null; sha256: string; uploadedBy: string | null };

type Row = { id: string; ticket_id: string; message_id: string | null; sha256: string; filename: string; content_type: string; size: number; inline: number; uploaded_by: string | null };

const fromRow = (row: Row): StoredAttachment => ({
  id: row.id,
  ticketId: row.ticket_id,
  messageId: row.message_id,
  sha256: row.sha256,
  filename: row.filename,
  contentType: row.content_type,
  size: Number(row.size),
  ...(row.inline ? { inline: true } : {}),
  uploadedBy: row.uploaded_by,
});

export const attachmentRef = (stored: Omit<StoredAttachment, 'ticketId' | 'messageId' | 'uploadedBy'>): AttachmentRef => ({
  id: stored.id,
  filename: stored.filename,
  contentType: stored.contentType,
  size: stored.size,
  ...(stored.inline ? { inline: true } : {}),
});

export async function insertAttachment(db: Executor, attachment: StoredAttachment, createdAt: number): Promise<void> {
  await db
    .insertInto('attachments')
    .values({
      id: attachment.id,
      ticket_id: attachment.ticketId,
      message_id: attachment.messageId,
      sha256: attachment.sha256,
      filename: attachment.filename,
      content_type: attachment.contentType,
      size: attachment.size,
      inline: attachment.inline ? 1 : 0,
      uploaded_by: attachment.uploadedBy,
      created_at: createdAt,
    })
    .execute();
}

export async function findAttachment(db: Executor, id: string): Promise<StoredAttachment | undefined> {
  const row = await db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? fromRow(row) : undefined;
}

export async function findAttachments(db: Executor, ids: readonly string[]): Promise<StoredAttachment[]> {
  if (ids.length === 0) return [];
  return (await db.selectFrom('attachments').selectAll().where('id', 'in', [...ids]).execute()).map(fromRow);
}

export async function attachToMessage(db: Executor, ids: readonly string[], messageId: string): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('attachments').set({ message_id: messageId }).where('id', 'in', [...ids]).where('message_id', 'is', null).execute();
}
