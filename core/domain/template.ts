import { z } from 'zod';
import { TEMPLATE_PLACEHOLDERS, unknownPlaceholders } from '../workflow/placeholders';
import { IdSchema, TimestampSchema } from './common';
import type { Role } from './agent';
import { MESSAGE_BODY_MAX } from './message';
import { PrioritySchema, TagSchema } from './ticket';

/** `shared`: every agent answers with it, supervisors and admins manage it; `personal`: its owner's alone. */
export const TEMPLATE_SCOPES = ['shared', 'personal'] as const;
export const TemplateScopeSchema = z.enum(TEMPLATE_SCOPES);
export type TemplateScope = z.infer<typeof TemplateScopeSchema>;

/**
 * The statuses a template may set along with its text: the ones an answer usually ends in. Hold
 * (which wants its end time) and Canceled (which wants the original ticket) are set by hand.
 */
export const TEMPLATE_STATUSES = ['in_progress', 'waiting_for_customer', 'fixed'] as const;

export const TEMPLATE_NAME_MAX = 80;
export const TEMPLATE_TAGS_MAX = 10;

const NameSchema = z.string().trim().min(1, 'name is empty').max(TEMPLATE_NAME_MAX);
const BodySchema = z
  .string()
  .max(MESSAGE_BODY_MAX, `body is longer than ${MESSAGE_BODY_MAX} characters`)
  .refine((body) => body.trim().length > 0, 'body is empty')
  .superRefine((body, ctx) => {
    const unknown = unknownPlaceholders(body, TEMPLATE_PLACEHOLDERS);
    if (unknown.length === 0) return;
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: `unknown placeholder ${unknown.map((name) => `{{${name}}}`).join(', ')}: a template may use ${TEMPLATE_PLACEHOLDERS.map((name) => `{{${name}}}`).join(', ')}`,
    });
  });

/** What applying the template also does to the ticket, after its text is sent. */
export const TemplateActionsSchema = z
  .object({
    status: z.enum(TEMPLATE_STATUSES).optional(),
    priority: PrioritySchema.optional(),
    /** Added to the ticket's tags (those it has stay). */
    addTags: z.array(TagSchema).max(TEMPLATE_TAGS_MAX).optional(),
  })
  .strict();
export type TemplateActions = z.infer<typeof TemplateActionsSchema>;

/** An answer template (a macro) as stored and replicated. */
export const TemplateSchema = z.object({
  id: IdSchema,
  name: NameSchema,
  body: BodySchema,
  scope: TemplateScopeSchema,
  /** The agent a personal template belongs to; null for shared ones. */
  ownerId: IdSchema.nullable(),
  actions: TemplateActionsSchema,
  version: z.number().int().positive(),
  createdAt: TimestampSchema,
  createdBy: IdSchema,
  updatedAt: TimestampSchema,
  updatedBy: IdSchema,
  /** Deleted templates stay as rows (consoles learn of the removal through the feed). */
  deleted: z.boolean(),
});
export type Template = z.infer<typeof TemplateSchema>;

/** `POST /api/templates`. */
export const TemplateCreateSchema = z
  .object({ name: NameSchema, body: BodySchema, scope: TemplateScopeSchema, actions: TemplateActionsSchema.optional() })
  .strict();
export type TemplateCreate = z.infer<typeof TemplateCreateSchema>;

/** `PATCH /api/templates/:id`: what changes. The scope stays: a personal template is copied to share it. */
export const TemplatePatchSchema = z
  .object({ name: NameSchema, body: BodySchema, actions: TemplateActionsSchema })
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'nothing to change');
export type TemplatePatch = z.infer<typeof TemplatePatchSchema>;

/** Shared templates are the team's wording: supervisors and admins keep them. Anyone keeps their own. */
export function canManageTemplate(agent: { id: string; role: Role }, template: { scope: TemplateScope; ownerId: string | null }): boolean {
  return template.scope === 'shared' ? agent.role !== 'agent' : template.ownerId === agent.id;
}

/** Whether an agent answers with this template: every shared one, and their own. */
export const mayUseTemplate = (agentId: string, template: { scope: TemplateScope; ownerId: string | null }): boolean =>
  template.scope === 'shared' || template.ownerId === agentId;
