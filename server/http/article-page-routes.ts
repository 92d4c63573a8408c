import type { FastifyInstance } from 'fastify';
import { renderArticlePage, renderMissingArticlePage } from '../features/knowledge/article-page/render-article-page';
import type { KnowledgeService } from '../features/knowledge/knowledge-service';
import { pageLanguage } from '../features/channels/request-page/request-page-strings';

/** An id or a slug: letters, digits and dashes. Anything else cannot name an article. */
const ARTICLE_REF = /^[\p{L}\p{N}-]{1,120}$/u;

/**
 * `GET /kb/:idOrSlug`: a public, published article's own page, no account needed: the link agents
 * put into replies. Everything else (a draft, an internal article, nothing) is the same 404 page.
 * Cached briefly by browsers and proxies: an article edit shows within a minute.
 */
export function registerArticlePageRoutes(app: FastifyInstance, deps: { knowledge: KnowledgeService }): void {
  app.get<{ Params: { ref: string }; Querystring: { lang?: string } }>('/kb/:ref', async (request, reply) => {
    const language = pageLanguage(request.query.lang, request.headers['accept-language']);
    const { ref } = request.params;
    const article = ARTICLE_REF.test(ref) ? await deps.knowledge.read(null, ref) : null;
    reply.type('text/html; charset=utf-8');
    if (!article) return reply.status(404).header('cache-control', 'no-store').send(renderMissingArticlePage(language));
    return reply.header('cache-control', 'public, max-age=60').header('content-language', article.language).send(renderArticlePage(language, article));
  });
}
