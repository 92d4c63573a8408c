import { z } from 'zod';
import { IdSchema, TimestampSchema, type Level } from './common';
import type { Role } from './agent';

/** The languages of the desk's screens and of its knowledge base. */
export const ARTICLE_LANGUAGES = ['en', 'ru', 'pl'] as const;
export const ArticleLanguageSchema = z.enum(ARTICLE_LANGUAGES);
export type ArticleLanguage = z.infer<typeof ArticleLanguageSchema>;

/** `internal`: for agents only; `public`: also for customers, without an account (the article page, the portal, offers in acknowledgements). */
export const ARTICLE_VISIBILITIES = ['public', 'internal'] as const;
export const ArticleVisibilitySchema = z.enum(ARTICLE_VISIBILITIES);
export type ArticleVisibility = z.infer<typeof ArticleVisibilitySchema>;

/** Only a published article is read by anyone but its editors. */
export const ARTICLE_STATUSES = ['draft', 'published'] as const;
export const ArticleStatusSchema = z.enum(ARTICLE_STATUSES);
export type ArticleStatus = z.infer<typeof ArticleStatusSchema>;

export const ARTICLE_TITLE_MAX = 200;
export const ARTICLE_BODY_MAX = 100_000;

const TitleSchema = z.string().trim().min(1, 'title is empty').max(ARTICLE_TITLE_MAX);
const BodySchema = z.string().max(ARTICLE_BODY_MAX, `body is longer than ${ARTICLE_BODY_MAX} characters`).refine((body) => body.trim().length > 0, 'body is empty');
const CategorySchema = z.string().trim().min(1).max(100).nullable();
const TagsSchema = z.array(z.string().trim().min(1).max(60)).max(20);

/** A knowledge-base article as stored, replicated and answered (its Markdown body unrendered). */
export const ArticleSchema = z.object({
  id: IdSchema,
  /** Part of the article's public address (`/kb/<slug>`), from its first title; never changes, so links stay valid. */
  slug: z.string().max(120),
  title: TitleSchema,
  body: BodySchema,
  category: CategorySchema,
  tags: TagsSchema,
  visibility: ArticleVisibilitySchema,
  language: ArticleLanguageSchema,
  status: ArticleStatusSchema,
  /** Articles that translate each other share this id (the first one's). */
  translationGroup: IdSchema,
  /** The solved ticket the article was written from, if any (a precedent leaves the L3 queue once it has one). */
  sourceTicketId: IdSchema.nullable(),
  version: z.number().int().positive(),
  createdAt: TimestampSchema,
  createdBy: IdSchema,
  updatedAt: TimestampSchema,
  updatedBy: IdSchema,
  /** When it was first published; null while it never was. */
  publishedAt: TimestampSchema.nullable(),
});
export type Article = z.infer<typeof ArticleSchema>;

/** `POST /api/kb/articles`. */
export const ArticleCreateSchema = z
  .object({
    title: TitleSchema,
    body: BodySchema,
    visibility: ArticleVisibilitySchema,
    language: ArticleLanguageSchema,
    category: CategorySchema.optional(),
    tags: TagsSchema.optional(),
    status: ArticleStatusSchema.optional(),
    /** An existing article this one translates (into another language). */
    translationOf: IdSchema.optional(),
    /** The solved ticket this article was written from. */
    sourceTicketNumber: z.number().int().positive().optional(),
  })
  .strict();
export type ArticleCreate = z.infer<typeof ArticleCreateSchema>;

/** `PATCH /api/kb/articles/:id`: what changes; each change is a new version. */
export const ArticlePatchSchema = z
  .object({
    title: TitleSchema,
    body: BodySchema,
    visibility: ArticleVisibilitySchema,
    language: ArticleLanguageSchema,
    category: CategorySchema,
    tags: TagsSchema,
    status: ArticleStatusSchema,
  })
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'nothing to change');
export type ArticlePatch = z.infer<typeof ArticlePatchSchema>;

/**
 * Who writes the knowledge base: supervisors, admins, and L3 agents (the experts who solved the
 * problems it records). Everybody signed in reads its published articles, internal ones included.
 */
export const canEditArticles = (agent: { role: Role; level: Level }): boolean => agent.role !== 'agent' || agent.level === 3;

/** A readable, stable piece of the public address: letters and digits of the title (any script), dashes between. */
export function articleSlug(title: string, id: string): string {
  const words = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/ł/g, 'l')
    .match(/[\p{L}\p{N}]+/gu) ?? [];
  const base = words.join('-').slice(0, 80).replace(/-+$/, '');
  return `${base ? `${base}-` : ''}${id.slice(0, 8)}`;
}
