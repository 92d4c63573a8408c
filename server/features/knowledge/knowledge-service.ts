import { randomUUID } from 'node:crypto';
import { articleSlug, canEditArticles, type Agent, type Article, type ArticleCreate, type ArticlePatch, type Ticket } from '../../../core';
import type { Database } from '../../store/database';
import { nextCounterValue } from '../../store/counters';
import { articleVersions, findArticle, insertArticle, listDrafts, publishedTranslations, updateArticle } from '../../store/articles-repository';
import { findTicketByNumber } from '../../store/tickets-repository';
import { loadViewer } from '../../sync/load-viewer';
import { canSeeTicket } from '../../sync/visibility';
import { NO_CHANGES } from '../../sync/change-feed';
import type { CommitPath, Written } from '../tickets/commit-path';
import type { TicketService } from '../tickets/ticket-service';

/** Why a knowledge-base request was refused: the HTTP layer answers 403, 404 or 409 with the message. */
export type KnowledgeRefusal = { ok: false; reason: 'forbidden' | 'not_found' | 'conflict'; message: string };
export type KnowledgeResult<T> = { ok: true; value: T } | KnowledgeRefusal;

const refuse = (reason: KnowledgeRefusal['reason'], message: string): KnowledgeRefusal => ({ ok: false, reason, message });
const NOT_FOUND = refuse('not_found', 'there is no such article');
const NOT_EDITOR = refuse('forbidden', 'only supervisors, admins and L3 agents edit the knowledge base');

/** What a reader is: nobody (a customer, no account), or a signed-in agent. */
export type ArticleReader = Agent | null;

/**
 * Whether this reader may read this article. Customers (no account) read published public
 * articles only; agents read every published article; drafts are for the editors. Whatever a
 * reader may not read answers as missing, so nobody learns that an internal article exists.
 */
export function mayRead(reader: ArticleReader, article: Article): boolean {
  if (reader === null) return article.status === 'published' && article.visibility === 'public';
  return article.status === 'published' || canEditArticles(reader);
}

/** Article, with the other languages a reader may open. */
export type ArticleWithTranslations = Article & { translations: { id: string; language: Article['language']; title: string }[] };

/**
 * Writing and reading knowledge-base articles. Every change is a new version with its author and
 * time, kept in the history; writes go through the one commit path, which streams them to every
 * agent's console (the published ones; others as removal markers).
 */
export class KnowledgeService {
  constructor(
    private readonly database: Database,
    private readonly commits: CommitPath,
    private readonly tickets: TicketService,
  ) {}

  async create(agent: Agent, input: ArticleCreate): Promise<KnowledgeResult<Article>> {
    if (!canEditArticles(agent)) return NOT_EDITOR;
    return this.commits.commit(async (trx, now): Promise<Written<KnowledgeResult<Article>>> => {
      let translationGroup: string | null = null;
      if (input.translationOf !== undefined) {
        const original = await findArticle(trx, input.translationOf);
        if (!original) return { value: refuse('not_found', 'the article it translates does not exist') };
        translationGroup = original.translationGroup;
      }
      let sourceTicketId: string | null = null;
      if (input.sourceTicketNumber !== undefined) {
        const found = await findTicketByNumber(trx, input.sourceTicketNumber);
        const viewer = await loadViewer(trx, agent);
        if (!found || !canSeeTicket(viewer, found.ticket)) return { value: refuse('not_found', 'there is no such ticket') };
        sourceTicketId = found.ticket.id;
      }
      const id = randomUUID();
      const status = input.status ?? 'draft';
      const article: Article = {
        id,
        slug: articleSlug(input.title, id),
        title: input.title,
        body: input.body,
        category: input.category ?? null,
        tags: [...new Set(input.tags ?? [])],
        visibility: input.visibility,
        language: input.language,
        status,
        translationGroup: translationGroup ?? id,
        sourceTicketId,
        version: 1,
        createdAt: now,
        createdBy: agent.id,
        updatedAt: now,
        updatedBy: agent.id,
        publishedAt: status === 'published' ? now : null,
      };
      const seq = await nextCounterValue(trx, 'seq');
      await insertArticle(trx, article, seq);
      return { value: { ok: true, value: article }, change: { ...NO_CHANGES, articles: [{ doc: article, seq }] } };
    });
  }

  /** A new version with the changes; `expectedVersion` (If-Match) refuses an edit made over someone else's newer one. */
  async update(agent: Agent, id: string, patch: ArticlePatch, expectedVersion?: number): Promise<KnowledgeResult<Article>> {
    if (!canEditArticles(agent)) return NOT_EDITOR;
    return this.commits.commit(async (trx, now): Promise<Written<KnowledgeResult<Article>>> => {
      const current = await findArticle(trx, id);
      if (!current || current.id !== id) return { value: NOT_FOUND };
      if (expectedVersion !== undefined && expectedVersion !== current.version) {
        return { value: refuse('conflict', `the article changed meanwhile (now version ${current.version}): reload it and edit again`) };
      }
      const status = patch.status ?? current.status;
      const article: Article = {
        ...current,
        ...patch,
        ...(patch.tags ? { tags: [...new Set(patch.tags)] } : {}),
        version: current.version + 1,
        updatedAt: now,
        updatedBy: agent.id,
        publishedAt: current.publishedAt ?? (status === 'published' ? now : null),
      };
      const seq = await nextCounterValue(trx, 'seq');
      await updateArticle(trx, article, seq);
      return { value: { ok: true, value: article }, change: { ...NO_CHANGES, articles: [{ doc: article, seq }] } };
    });
  }

  /** The article by id or slug, if this reader may read it (else not found), with its readable translations. */
  async read(reader: ArticleReader, idOrSlug: string): Promise<ArticleWithTranslations | null> {
    const article = await findArticle(this.database.db, idOrSlug);
    if (!article || !mayRead(reader, article)) return null;
    const others = await publishedTranslations(this.database.db, article.translationGroup);
    const translations = others
      .filter((other) => other.id !== article.id && mayRead(reader, other))
      .map((other) => ({ id: other.id, language: other.language, title: other.title }));
    return { ...article, translations };
  }

  /** The drafts, last changed first (at most 100): for the editors only. */
  async drafts(agent: Agent): Promise<KnowledgeResult<Article[]>> {
    if (!canEditArticles(agent)) return NOT_EDITOR;
    return { ok: true, value: await listDrafts(this.database.db, 100) };
  }

  /** L3's queue: the precedents this editor may see that no article was written from yet, newest first. */
  async precedents(agent: Agent, limit: number): Promise<KnowledgeResult<Ticket[]>> {
    if (!canEditArticles(agent)) return NOT_EDITOR;
    return { ok: true, value: (await this.tickets.list(agent, { precedentsWithoutArticle: true }, null, limit)).tickets };
  }

  /** Every version, newest first, for the editors (who may also read drafts). */
  async versions(agent: Agent, id: string): Promise<KnowledgeResult<{ version: number; authorId: string; createdAt: number; title: string; status: Article['status'] }[]>> {
    const article = await findArticle(this.database.db, id);
    if (!article || !mayRead(agent, article)) return NOT_FOUND;
    const versions = await articleVersions(this.database.db, article.id);
    return { ok: true, value: versions.map(({ version, authorId, createdAt, article: at }) => ({ version, authorId, createdAt, title: at.title, status: at.status })) };
  }
}
