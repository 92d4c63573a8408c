import { z } from 'zod';
import { IdSchema, TimestampSchema } from '../../core';
import type { ConversationPosition } from '../features/tickets/ticket-service';
import { HttpError } from './errors';

/**
 * `messagesCursor`: where the next older page of a conversation starts. Opaque to clients (they
 * send back what they got); inside it is the position (createdAt, id) of the oldest message shown,
 * base64url-encoded. Positions never move, so a cursor stays valid while new messages arrive.
 */
const PositionSchema = z.tuple([TimestampSchema, IdSchema]);
const CURSOR_TEXT = /^[A-Za-z0-9_-]{1,200}$/;

export const encodeMessagesCursor = (position: ConversationPosition): string =>
  Buffer.from(JSON.stringify([position.createdAt, position.id])).toString('base64url');

/**
 * The position in a cursor this server gave out; a clear 400 for anything else. The same form
 * serves the ticket list's `cursor` (`parameter`, `kind` name them in the error).
 */
export function decodeMessagesCursor(cursor: string, parameter = 'messagesBefore', kind = 'messagesCursor'): ConversationPosition {
  const position = CURSOR_TEXT.test(cursor) ? PositionSchema.safeParse(parseJson(Buffer.from(cursor, 'base64url').toString('utf8'))) : null;
  if (!position?.success) throw new HttpError(400, `invalid ${parameter}: not a ${kind} this server gave out`);
  const [createdAt, id] = position.data;
  return { createdAt, id };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
