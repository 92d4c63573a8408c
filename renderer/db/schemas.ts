import type { RxJsonSchema } from 'rxdb';
import { CHANNELS, LIBRARY_KINDS, MESSAGE_KINDS, MUTATION_TYPES, PRIORITIES, TICKET_STATUSES, type Article, type LibraryItem, type Message, type Ticket } from '../../core';

/**
 * Local documents. Tickets and messages are the server's copies (never edited here); the outbox
 * holds the agent's intents. RxDB wants indexed fields required, strings bounded and numbers
 * ranged, hence the two derived ticket fields below.
 */
export type TicketDocument = Ticket & {
  /** 0 = urgent … 3 = low: the queue's primary sort key. */
  priorityRank: number;
  /** assigneeId or '' : nullable fields cannot be indexed. */
  assigneeKey: string;
  /** 0 while the ticket is open (New … Fixed), 1 once Closed or Canceled: the default queue filter. */
  openRank: number;
};
export type MessageDocument = Message;
/** A published knowledge-base article, the server's copy (drafts never reach the console). */
export type ArticleDocument = Article;
/** The library's documents: published articles (the server's copies), each under its kind. */
export type LibraryDocument = LibraryItem;

export type OutboxState = 'pending' | 'applied' | 'rejected';
export type OutboxDocument = {
  id: string;
  ticketId: string;
  /** Kept so that a refusal can name the ticket even if the ticket later leaves this desk. */
  ticketNumber: number;
  type: (typeof MUTATION_TYPES)[number];
  payload: Record<string, unknown>;
  createdAt: number;
  /** Local order of the agent's actions; the server applies them in this order. */
  localSeq: number;
  state: OutboxState;
  rejection: { code: string; message: string; params?: Record<string, string | number> } | null;
  /** For applied rows: the ticket version that contains the change. */
  ticketVersion: number | null;
};

const id = { type: 'string', maxLength: 36 } as const;
const time = { type: 'number', minimum: 0, maximum: 1e15, multipleOf: 1 } as const;
const nullableTime = { type: ['number', 'null'] } as const;

export const ticketSchema: RxJsonSchema<TicketDocument> = {
  title: 'tickets',
  // 1: assignment fields and the precedent flag (protocol 2).
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id,
    number: { type: 'number', minimum: 1, maximum: 1e12, multipleOf: 1 },
    subject: { type: 'string' },
    description: { type: 'string' },
    channel: { type: 'string', enum: [...CHANNELS] },
    requester: { type: 'object', properties: { email: { type: 'string' }, name: { type: 'string' }, organization: { type: ['string', 'null'] } } },
    type: { type: 'string' },
    priority: { type: 'string', enum: [...PRIORITIES] },
    priorityRank: { type: 'number', minimum: 0, maximum: 3, multipleOf: 1 },
    level: { type: 'number' },
    groupId: { type: ['string', 'null'] },
    assigneeId: { type: ['string', 'null'] },
    assigneeKey: { type: 'string', maxLength: 36 },
    assignedAt: nullableTime,
    assignedBy: { type: ['string', 'null'] },
    precedent: { type: 'boolean' },
    openRank: { type: 'number', minimum: 0, maximum: 1, multipleOf: 1 },
    status: { type: 'string', maxLength: 30, enum: [...TICKET_STATUSES] },
    tags: { type: 'array', items: { type: 'string' } },
    duplicateOf: { type: ['number', 'null'] },
    followUpOf: { type: ['number', 'null'] },
    holdUntil: nullableTime,
    reopenCount: { type: 'number' },
    createdAt: time,
    updatedAt: time,
    firstResponseAt: nullableTime,
    fixedAt: nullableTime,
    closedAt: nullableTime,
    // The server's SLA clocks, read by the console to show time left; never edited here.
    sla: { type: 'object' },
    version: { type: 'number' },
  },
  required: ['id', 'number', 'subject', 'status', 'priority', 'priorityRank', 'assigneeKey', 'openRank', 'createdAt', 'version'],
  // One index per queue shape, each ending in the queue's order so no query sorts in memory.
  indexes: [
    ['priorityRank', 'createdAt'],
    ['openRank', 'priorityRank', 'createdAt'],
    ['status', 'priorityRank', 'createdAt'],
    ['assigneeKey', 'priorityRank', 'createdAt'],
    ['assigneeKey', 'openRank', 'priorityRank', 'createdAt'],
  ],
};

export const messageSchema: RxJsonSchema<MessageDocument> = {
  title: 'messages',
  // 1: escalation notes carry the line they went to (escalatedTo). 2: mail envelope, delivery state, attachments, copies.
  version: 2,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id,
    ticketId: id,
    kind: { type: 'string', enum: [...MESSAGE_KINDS] },
    body: { type: 'string' },
    authorId: { type: ['string', 'null'] },
    authorName: { type: 'string' },
    createdAt: time,
    escalatedTo: { type: 'number', minimum: 1, maximum: 3, multipleOf: 1 },
    delivery: { type: 'object' },
    mail: { type: 'object' },
    attachments: { type: 'array', items: { type: 'object' } },
    copyTo: { type: 'array', items: { type: 'string' } },
  },
  required: ['id', 'ticketId', 'kind', 'body', 'createdAt'],
  indexes: [['ticketId', 'createdAt']],
};

export const librarySchema: RxJsonSchema<LibraryDocument> = {
  title: 'library',
  // 1: answer templates joined the articles.
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id,
    kind: { type: 'string', maxLength: 20, enum: [...LIBRARY_KINDS] },
    updatedAt: time,
    language: { type: 'string', maxLength: 5 },
    article: { type: ['object', 'null'] },
    template: { type: ['object', 'null'] },
  },
  required: ['id', 'kind', 'updatedAt', 'language'],
  // The knowledge screen lists a kind's newest first, in one language or all.
  indexes: [['kind', 'updatedAt'], ['kind', 'language', 'updatedAt']],
};

export const outboxSchema: RxJsonSchema<OutboxDocument> = {
  title: 'outbox',
  // 1: the routing intents (escalate, setRouting, markPrecedent) joined the type enum; 2: setTags.
  version: 2,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id,
    ticketId: id,
    ticketNumber: { type: 'number' },
    type: { type: 'string', enum: [...MUTATION_TYPES] },
    payload: { type: 'object' },
    createdAt: time,
    localSeq: { type: 'number', minimum: 0, maximum: 1e18, multipleOf: 1 },
    state: { type: 'string', maxLength: 10, enum: ['pending', 'applied', 'rejected'] },
    rejection: { type: ['object', 'null'] },
    ticketVersion: { type: ['number', 'null'] },
  },
  required: ['id', 'ticketId', 'type', 'payload', 'createdAt', 'localSeq', 'state'],
  indexes: [['state', 'localSeq'], 'localSeq'],
};

/**
 * Local data written by an older console. Tickets only gain fields (the next pull brings the
 * server's values); outbox rows are kept as they are: an intent the agent recorded is never lost.
 */
export const ticketMigrations = {
  1: (doc: Record<string, unknown>) => ({ assignedAt: null, assignedBy: null, precedent: false, ...doc }),
};
export const messageMigrations = {
  1: (doc: Record<string, unknown>) => doc,
  2: (doc: Record<string, unknown>) => doc,
};
export const libraryMigrations = {
  1: (doc: Record<string, unknown>) => ({ template: null, ...doc }),
};
export const outboxMigrations = {
  1: (doc: Record<string, unknown>) => doc,
  2: (doc: Record<string, unknown>) => doc,
};
