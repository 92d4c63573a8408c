import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ArticleCreateSchema, ArticleLanguageSchema, ArticlePatchSchema, type Article } from '../../core';
import type { AuthService } from '../auth/auth-service';
import type { KnowledgeResult, KnowledgeService } from '../features/knowledge/knowledge-service';
import type { KnowledgeSearch } from '../features/knowledge/knowledge-search';
import { optionalSession, requireSession } from './authenticate';
import { HttpError, parseOrThrow } from './errors';

/** An article's id or its slug (what its public address holds). */
const ArticleParamsSchema = z.object({ id: z.string().min(1).max(120).regex(/^[\p{L}\p{N}-]+$/u, 'not an article id') }).strict();

const SearchQuerySchema = z
  .object({
    q: z.string().trim().min(1, 'q is empty').max(200),
    language: ArticleLanguageSchema.optional(),
    limit: z
      .string()
      .regex(/^\d{1,2}$/, 'limit must be a whole number from 1 to 50')
      .transform(Number)
      .pipe(z.number().min(1).max(50, 'limit must be a whole number from 1 to 50'))
      .optional(),
  })
  .strict();

/** `If-Match: 3` or `"3"`: the version an edit was made over. */
export const IfMatchSchema = z
  .string()
  .regex(/^"?\d{1,9}"?$/, 'If-Match names the version edited, as a number')
  .transform((value) => Number(value.replace(/"/g, '')))
  .optional();

/** The L3 queue lists at most this many precedents. */
const PRECEDENTS_SHOWN = 100;

const STATUS_BY_REASON = { forbidden: 403, not_found: 404, conflict: 409 } as const;

export function valueOrThrow<T>(result: KnowledgeResult<T>): T {
  if (!result.ok) throw new HttpError(STATUS_BY_REASON[result.reason], result.message);
  return result.value;
}

/** What a customer reads of an article: not who wrote it, nor the ticket it came from. */
function publicArticleJson(article: Article & { translations: unknown }) {
  const { createdBy: _createdBy, updatedBy: _updatedBy, sourceTicketId: _source, ...shown } = article;
  return shown;
}

/**
 * The knowledge base over HTTP. Customers and channels (no token) read published public articles
 * and search them; agents also read internal ones; supervisors, admins and L3 agents write. Any
 * article a caller may not read answers 404, exactly like a missing one.
 */
export function registerKnowledgeRoutes(app: FastifyInstance, deps: { auth: AuthService; knowledge: KnowledgeService; search: KnowledgeSearch }): void {
  const { auth, knowledge, search } = deps;

  app.post('/api/kb/articles', async (request, reply) => {
    const { agent } = await requireSession(auth, request);
    const input = parseOrThrow(ArticleCreateSchema, request.body, 'article');
    const article = valueOrThrow(await knowledge.create(agent, input));
    return reply.status(201).send({ id: article.id, slug: article.slug, version: article.version });
  });

  app.get('/api/kb/articles/:id', async (request) => {
    const session = await optionalSession(auth, request);
    const { id } = parseOrThrow(ArticleParamsSchema, request.params, 'article id');
    const article = await knowledge.read(session?.agent ?? null, id);
    if (!article) throw new HttpError(404, 'there is no such article');
    return session ? article : publicArticleJson(article);
  });

  app.patch('/api/kb/articles/:id', async (request) => {
    const { agent } = await requireSession(auth, request);
    const { id } = parseOrThrow(ArticleParamsSchema, request.params, 'article id');
    const expected = parseOrThrow(IfMatchSchema, request.headers['if-match'], 'If-Match');
    const patch = parseOrThrow(ArticlePatchSchema, request.body, 'article change');
    return valueOrThrow(await knowledge.update(agent, id, patch, expected));
  });

  app.get('/api/kb/articles/:id/versions', async (request) => {
    const { agent } = await requireSession(auth, request);
    const { id } = parseOrThrow(ArticleParamsSchema, request.params, 'article id');
    return { versions: valueOrThrow(await knowledge.versions(agent, id)) };
  });

  app.get('/api/kb/drafts', async (request) => {
    const { agent } = await requireSession(auth, request);
    return { articles: valueOrThrow(await knowledge.drafts(agent)) };
  });

  // L3's queue: the precedents the caller may see that no article was written from yet, newest first.
  app.get('/api/kb/precedents', async (request) => {
    const { agent } = await requireSession(auth, request);
    const precedents = valueOrThrow(await knowledge.precedents(agent, PRECEDENTS_SHOWN));
    return { tickets: precedents.map((ticket) => ({ id: ticket.id, number: ticket.number, subject: ticket.subject, status: ticket.status, fixedAt: ticket.fixedAt })) };
  });

  app.get('/api/kb/search', async (request) => {
    const session = await optionalSession(auth, request);
    const query = parseOrThrow(SearchQuerySchema, request.query, 'query');
    const results = await search.search({ text: query.q, audience: session ? 'agents' : 'public', language: query.language, limit: query.limit ?? 10 });
    return { results };
  });
}
