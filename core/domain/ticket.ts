import { z } from 'zod';
import { IdSchema, LevelSchema, TimestampSchema } from './common';
import { RequesterSchema } from './customer';
import { SlaClockSchema } from './sla';

export const TICKET_STATUSES = [
  'new',
  'in_progress',
  'waiting_for_customer',
  'hold',
  'fixed',
  'closed',
  'canceled',
] as const;
export const TicketStatusSchema = z.enum(TICKET_STATUSES);
export type TicketStatus = z.infer<typeof TicketStatusSchema>;

/** Ordered from most to least urgent: the queue sorts by this index. */
export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export const PrioritySchema = z.enum(PRIORITIES);
export type Priority = z.infer<typeof PrioritySchema>;
export const priorityRank = (priority: Priority): number => PRIORITIES.indexOf(priority);

export const CHANNELS = ['email', 'portal', 'web_form', 'phone', 'messenger', 'api'] as const;
export const ChannelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof ChannelSchema>;

export const TICKET_TYPES = ['incident', 'service_request', 'consultation', 'complaint'] as const;
export const TicketTypeSchema = z.enum(TICKET_TYPES);

/** At most 2^31 − 1: the store's ticket number is a 32-bit integer, so a larger one could never name a ticket. */
export const TICKET_NUMBER_MAX = 2_147_483_647;
export const TicketNumberSchema = z.number().int().positive().max(TICKET_NUMBER_MAX, `a ticket number is at most ${TICKET_NUMBER_MAX}`);

const TAG_MAX = 60;
/** At most this many tags on one ticket. */
export const TICKET_TAGS_MAX = 50;
/** One tag, as an agent, a template or a channel gives it. */
export const TagSchema = z.string().trim().min(1, 'a tag is empty').max(TAG_MAX, `a tag is longer than ${TAG_MAX} characters`);

export const TicketSchema = z.object({
  id: IdSchema,
  number: TicketNumberSchema,
  subject: z.string().trim().min(1).max(200),
  description: z.string().max(20_000),
  channel: ChannelSchema,
  requester: RequesterSchema.extend({ name: z.string().max(120), organization: z.string().max(120).nullable() }),
  type: TicketTypeSchema,
  priority: PrioritySchema,
  level: LevelSchema,
  /** The group (distribution list) whose agents work it; null only for tickets older than groups. */
  groupId: IdSchema.nullable(),
  assigneeId: IdSchema.nullable(),
  /** When the current assignee got it; null while unassigned. The console's alerts compare it with what the agent acknowledged. */
  assignedAt: TimestampSchema.nullable(),
  /** Who gave it to the current assignee: the agent themselves (take), a supervisor, or null for automatic routing. */
  assignedBy: IdSchema.nullable(),
  /** An L3 expert marked its solution as a precedent: proposed for the knowledge base. */
  precedent: z.boolean(),
  status: TicketStatusSchema,
  tags: z.array(z.string().max(TAG_MAX)).max(TICKET_TAGS_MAX),
  /** Number of the ticket this one duplicates; set when canceled as a duplicate. */
  duplicateOf: TicketNumberSchema.nullable(),
  /** The ticket whose customer wrote again when it could take no more (Closed, or its conversation full), which opened this one. */
  followUpOf: TicketNumberSchema.nullable(),
  /** While on Hold: when the hold ends by itself (at most 30 days after it began). */
  holdUntil: TimestampSchema.nullable(),
  reopenCount: z.number().int().nonnegative(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  firstResponseAt: TimestampSchema.nullable(),
  fixedAt: TimestampSchema.nullable(),
  closedAt: TimestampSchema.nullable(),
  sla: SlaClockSchema,
  /** Incremented by the server on every applied change; the console uses it to know when
   *  the server's copy already contains one of its own pending changes. */
  version: z.number().int().nonnegative(),
});
export type Ticket = z.infer<typeof TicketSchema>;

export const INTAKE_FILES_MAX = 10;
const IntakeFileSchema = z
  .object({
    filename: z.string().trim().min(1).max(255),
    contentType: z.string().max(100).optional(),
    contentBase64: z.string().min(1).regex(/^[A-Za-z0-9+/]+={0,2}$/, 'contentBase64 is not base64'),
  })
  .strict();

/** What a web form, the portal or an API client posts to register a ticket. */
export const IntakeSchema = z.object({
  subject: z.string().trim().min(1, 'subject is required').max(200),
  body: z.string().trim().min(1, 'body is required').max(20_000),
  requester: RequesterSchema,
  channel: ChannelSchema.optional(),
  type: TicketTypeSchema.optional(),
  /** Categories the sender already knows (a portal's topic, a bridge's label): routing matches them against groups. */
  tags: z.array(TagSchema).max(20).optional(),
  /** Files with the request (a form's uploads, a bridge's media); the type is sniffed from the bytes, `contentType` is only the sender's word. */
  attachments: z.array(IntakeFileSchema).max(INTAKE_FILES_MAX, `at most ${INTAKE_FILES_MAX} files`).optional(),
});
export type Intake = z.infer<typeof IntakeSchema>;
