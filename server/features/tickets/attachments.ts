import { randomUUID } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import type { Agent, AttachmentRef } from '../../../core';
import type { BlobStore } from '../../store/blob-store';
import { attachmentRef, findAttachment, insertAttachment, type StoredAttachment } from '../../store/attachments-repository';
import type { Database } from '../../store/database';
import { findTicketById, findTicketByNumber } from '../../store/tickets-repository';
import { loadViewer } from '../../sync/load-viewer';
import { canSeeTicket } from '../../sync/visibility';
import type { CommitPath } from './commit-path';

export type IncomingFile = { filename: string; bytes: Buffer; inline?: boolean };
/** A file whose bytes are stored, not yet on a ticket. */
export type PreparedFile = Omit<StoredAttachment, 'ticketId' | 'messageId' | 'uploadedBy'>;

/**
 * The type a file is served as comes from its bytes (magic numbers), never from what the sender
 * said: a file claiming to be a PDF that is HTML is served as what it is, and always as a download.
 * Text without a known signature is text/plain; anything else application/octet-stream.
 */
export async function sniffContentType(bytes: Buffer): Promise<string> {
  const known = await fileTypeFromBuffer(bytes);
  if (known) return known.mime;
  const sample = bytes.subarray(0, 8_192);
  const text = !sample.includes(0) && Buffer.from(sample.toString('utf8'), 'utf8').equals(sample);
  return text ? 'text/plain' : 'application/octet-stream';
}

/** A name safe to show and to put in Content-Disposition: no path, no control characters, at most 255 characters. */
export function safeFilename(name: string | undefined): string {
  // Control characters are exactly what is being removed (they could split a header line), so the pattern names them.
  // eslint-disable-next-line no-control-regex
  const base = (name ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return (base || 'file').slice(0, 255);
}

/**
 * Files on tickets, for every channel: stored by content (BlobStore), described by a row that
 * names its ticket and, once sent, its message; served only to those who may see the ticket.
 */
export class Attachments {
  constructor(
    private readonly database: Database,
    private readonly commits: CommitPath,
    private readonly blobs: BlobStore,
    readonly maxFileBytes: number,
  ) {}

  /** Stores the bytes (outside any transaction: they are content-addressed) and describes them. */
  async prepare(file: IncomingFile): Promise<PreparedFile> {
    const sha256 = await this.blobs.put(file.bytes);
    return { id: randomUUID(), sha256, filename: safeFilename(file.filename), contentType: await sniffContentType(file.bytes), size: file.bytes.length, ...(file.inline ? { inline: true } : {}) };
  }

  /**
   * An agent's upload to a ticket they may see, for a reply or note to name; null: no such ticket
   * for them. `id`: the console chose it (it records the reply offline, naming the file, and uploads
   * when it reconnects); sending the same file under the same id again answers the same
   * attachment, any other use of a taken id is `id_taken`.
   */
  async upload(agent: Agent, ticketNumber: number, file: IncomingFile, id: string = randomUUID()): Promise<AttachmentRef | null | 'id_taken'> {
    const found = await findTicketByNumber(this.database.db, ticketNumber);
    if (!found || !canSeeTicket(await loadViewer(this.database.db, agent), found.ticket)) return null;
    const prepared = { ...(await this.prepare(file)), id };
    const stored: StoredAttachment = { ...prepared, ticketId: found.ticket.id, messageId: null, uploadedBy: agent.id };
    return this.commits.commit(async (trx, now) => {
      const existing = await findAttachment(trx, id);
      if (existing) {
        const same = existing.ticketId === stored.ticketId && existing.uploadedBy === agent.id && existing.sha256 === stored.sha256;
        return { value: same ? attachmentRef(existing) : ('id_taken' as const) };
      }
      await insertAttachment(trx, stored, now);
      return { value: attachmentRef(stored) };
    });
  }

  /** The file and its bytes, if this agent may see its ticket (its groups as they are now); null otherwise. */
  async download(agent: Agent, id: string): Promise<{ attachment: StoredAttachment; bytes: Buffer } | null> {
    const attachment = await findAttachment(this.database.db, id);
    const ticket = attachment && (await findTicketById(this.database.db, attachment.ticketId));
    if (!attachment || !ticket || !canSeeTicket(await loadViewer(this.database.db, agent), ticket)) return null;
    const bytes = await this.blobs.get(attachment.sha256);
    return bytes ? { attachment, bytes } : null;
  }

  /** Keeps bytes that are not a ticket's file (a held mail's raw form); resolves with their sha256. */
  keep(bytes: Buffer): Promise<string> {
    return this.blobs.put(bytes);
  }

  read(sha256: string): Promise<Buffer | null> {
    return this.blobs.get(sha256);
  }
}
