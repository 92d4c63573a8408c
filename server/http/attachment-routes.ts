import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { IdSchema } from '../../core';
import type { AuthService } from '../auth/auth-service';
import type { Attachments } from '../features/tickets/attachments';
import { requireSession } from './authenticate';
import { HttpError, parseOrThrow } from './errors';
import { TicketNumberParamSchema } from './ticket-routes';

export const attachmentUrl = (id: string) => `/api/attachments/${id}`;
const AttachmentIdParamSchema = z.object({ id: IdSchema });
/** `?id=`: the id the console chose for the file, so a reply recorded offline can name it before it is uploaded. */
const UploadQuerySchema = z.object({ id: IdSchema.optional() }).strict();

/** RFC 6266/5987: an ASCII fallback and the exact UTF-8 name. */
function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/**
 * Agents upload files to a ticket (multipart/form-data, one file) for a reply or note to name
 * (`attachmentIds`), and download any file of a ticket they may see, byte for byte: always as a
 * download (`Content-Disposition: attachment`), typed by its sniffed content, with `nosniff`, so
 * a file can never run as a page of the desk.
 */
export async function registerAttachmentRoutes(app: FastifyInstance, deps: { auth: AuthService; attachments: Attachments }): Promise<void> {
  const { auth, attachments } = deps;
  await app.register(multipart, { limits: { files: 1, fileSize: attachments.maxFileBytes, fields: 0, parts: 1, headerPairs: 50 } });

  app.post('/api/tickets/:number/attachments', async (request, reply) => {
    const { agent } = await requireSession(auth, request);
    const { number } = parseOrThrow(TicketNumberParamSchema, request.params, 'ticket number');
    const { id } = parseOrThrow(UploadQuerySchema, request.query, 'query');
    if (!request.isMultipart()) throw new HttpError(415, 'send the file as multipart/form-data (one file field)');
    const file = await request.file().catch((error: unknown) => {
      throw new HttpError(400, `invalid upload: ${error instanceof Error ? error.message : String(error)}`);
    });
    if (!file) throw new HttpError(400, 'invalid upload: no file in the form');
    const bytes = await file.toBuffer().catch(() => null);
    if (!bytes || file.file.truncated) throw new HttpError(413, `the file is larger than ${Math.round(attachments.maxFileBytes / 1_048_576)} MB`);
    const stored = await attachments.upload(agent, number, { filename: file.filename, bytes }, id);
    if (!stored) throw new HttpError(404, `there is no ticket #${number}`);
    if (stored === 'id_taken') throw new HttpError(409, 'this attachment id is already taken');
    return reply.status(201).send({ ...stored, url: attachmentUrl(stored.id) });
  });

  app.get('/api/attachments/:id', async (request, reply) => {
    const { agent } = await requireSession(auth, request);
    const { id } = parseOrThrow(AttachmentIdParamSchema, request.params, 'attachment id');
    const found = await attachments.download(agent, id);
    if (!found) throw new HttpError(404, 'there is no such attachment');
    return reply
      .header('content-type', found.attachment.contentType)
      .header('content-disposition', contentDisposition(found.attachment.filename))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, max-age=31536000, immutable')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .send(found.bytes);
  });
}
