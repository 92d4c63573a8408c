import { z } from 'zod';
import type { Article } from '../domain/article';
import type { Message } from '../domain/message';
import type { Template } from '../domain/template';
import type { Ticket } from '../domain/ticket';
import type { Rejection } from '../workflow/rejection';

/**
 * Bump on any incompatible change of the events or documents below. The client sends its
 * version in the socket handshake; a server that does not speak it refuses the connection with
 * `connect_error` message `protocol_mismatch`, so an old console says "please update" instead
 * of corrupting its local database. Version 2: routing (ticket assignment fields, escalation,
 * presence, collision, sync epochs).
 */
export const PROTOCOL_VERSION = 2;

export const CONNECT_ERRORS = {
  unauthorized: 'unauthorized',
  protocolMismatch: 'protocol_mismatch',
  /** The handshake's other fields are malformed (a presence that is neither online nor away). */
  invalidHandshake: 'invalid_handshake',
  /** Too many handshakes from this address: try again later (the console backs off). */
  rateLimited: 'rate_limited',
  /** The session already has the most sockets allowed (TIERDESK_SESSION_MAX_SOCKETS): close a tab or window. */
  tooManyConnections: 'too_many_connections',
  /** The server could not prepare the connection; it is worth trying again. */
  serverError: 'server_error',
} as const;

/**
 * The replicated collections (server → client). Mutations travel the other way. `library`: what
 * agents answer with, the published knowledge-base articles and the answer templates, one
 * collection because RxDB's free version allows 13 open collections per process, not per desk.
 */
export const SYNC_COLLECTIONS = ['tickets', 'messages', 'library'] as const;
export const SyncCollectionSchema = z.enum(SYNC_COLLECTIONS);
export type SyncCollection = z.infer<typeof SyncCollectionSchema>;

/**
 * A position in a collection's change feed: the server-assigned sequence of the last document
 * seen (strictly increasing, one counter for all collections), with its id as a tie-breaker.
 * Never a client clock.
 */
export const CheckpointSchema = z.object({ seq: z.number().int().nonnegative(), id: z.string().max(64) });
export type Checkpoint = z.infer<typeof CheckpointSchema>;

/**
 * The largest page a pull may ask for (the console asks for 500). Bounded so that one answer
 * (about 1 KB a ticket) stays around half a megabyte: encoding it is one uninterrupted piece of
 * the server's work, which every other client waits for.
 */
export const PULL_BATCH_MAX = 500;
export const PullRequestSchema = z.object({
  collection: SyncCollectionSchema,
  checkpoint: CheckpointSchema.nullable(),
  batchSize: z.number().int().min(1).max(PULL_BATCH_MAX),
  /** Also count what is left after this page (`remaining`): the console asks once per catch-up, to show its progress. */
  countRemaining: z.boolean().optional(),
});
export type PullRequest = z.infer<typeof PullRequestSchema>;

/** RxDB's replication protocol marks removed documents with `_deleted`. */
export type Replicated<T> = T & { _deleted: boolean };
export type SyncDocuments = { tickets: Replicated<Ticket>; messages: Replicated<Message>; library: Replicated<LibraryItem> };

export const LIBRARY_KINDS = ['article', 'template'] as const;
export type LibraryKind = (typeof LIBRARY_KINDS)[number];

/**
 * One document of the library: its kind, what the console sorts and filters by, and the thing
 * itself (the field of its kind; null in a removal marker and for the other kind).
 */
export type LibraryItem = { id: string; kind: LibraryKind; updatedAt: number; language: string; article: Article | null; template: Template | null };

/**
 * What a console holds of an article: the published article, or, for one that is not (a draft, an
 * article unpublished since), a removal marker without its words: agents who may not edit never
 * receive a draft's text.
 */
export function libraryArticle(article: Article): Replicated<LibraryItem> {
  const published = article.status === 'published';
  return {
    id: article.id,
    kind: 'article',
    updatedAt: article.updatedAt,
    language: published ? article.language : '',
    article: published ? article : null,
    template: null,
    _deleted: !published,
  };
}

/** What a console holds of a template: the template, or a removal marker once it is deleted. */
export function libraryTemplate(template: Template): Replicated<LibraryItem> {
  const live = !template.deleted;
  return { id: template.id, kind: 'template', updatedAt: template.updatedAt, language: '', article: null, template: live ? template : null, _deleted: !live };
}

export type PullBatch<C extends SyncCollection = SyncCollection> = {
  documents: SyncDocuments[C][];
  /** Null only when the feed is empty. */
  checkpoint: Checkpoint | null;
  /** Documents the viewer may see after this page's checkpoint, when `countRemaining` asked (removal markers not counted). */
  remaining?: number;
};

/** Documents the server changed, sent to the sockets allowed to see them. */
export type StreamBatch<C extends SyncCollection = SyncCollection> = PullBatch<C> & { collection: C };

export const PUSH_BATCH_MAX = 200;

/** The recorded fate of one mutation. Pushing the same id again returns the same outcome. */
export type MutationOutcome =
  | { id: string; state: 'applied'; ticketVersion: number }
  | { id: string; state: 'rejected'; rejection: Rejection };

/**
 * An agent's sync epoch changes when what they may see changes wholesale (their groups or role):
 * a console holding another epoch drops its local tickets and messages (never its outbox) and
 * pulls again from the start, so nothing it may no longer see stays on the machine.
 */
export type SyncEpoch = { epoch: number };

/**
 * Every acknowledgement either carries a result or says why the request itself failed. A request
 * refused by the server's limits says `error: 'rate_limited'` with `retryAfterMs`: the client
 * waits at least that long before asking again, and loses nothing (it was not applied).
 */
export type Ack<T> = ({ ok: true } & T) | { ok: false; error: string; retryAfterMs?: number };

export const RATE_LIMITED = 'rate_limited';

/**
 * How every `error` of a request refused as malformed begins: sent again as it is, it will be
 * refused again. Any other failure (the server failed, its database is down) may pass: retry.
 */
export const INVALID_REQUEST = 'invalid request';
export const isInvalidRequest = (error: string): boolean => error.startsWith(INVALID_REQUEST);
