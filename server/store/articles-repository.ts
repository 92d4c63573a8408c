import type { Article } from '../../core';
import type { Executor } from './database';

/** Knowledge-base articles and their versions. */

export async function insertArticle(db: Executor, article: Article, seq: number): Promise<void> {
  await db.insertInto('kb_articles').values({ id: article.id, slug: article.slug, seq, ...columns(article) }).execute();
  await insertVersion(db, article);
}

/** Writes the new current version (the caller checked the version it replaces) and keeps it in the history. */
export async function updateArticle(db: Executor, article: Article, seq: number): Promise<void> {
  await db.updateTable('kb_articles').set({ seq, ...columns(article) }).where('id', '=', article.id).execute();
  await insertVersion(db, article);
}

const columns = (article: Article) => ({
  status: article.status,
  visibility: article.visibility,
  language: article.language,
  translation_group: article.translationGroup,
  source_ticket_id: article.sourceTicketId,
  doc: JSON.stringify(article),
  updated_at: article.updatedAt,
});

async function insertVersion(db: Executor, article: Article): Promise<void> {
  await db
    .insertInto('kb_article_versions')
    .values({ article_id: article.id, version: article.version, doc: JSON.stringify(article), author_id: article.updatedBy, created_at: article.updatedAt })
    .execute();
}

/** By id or by slug (the public address may use either). */
export async function findArticle(db: Executor, idOrSlug: string): Promise<Article | undefined> {
  const row = await db.selectFrom('kb_articles').select('doc').where((eb) => eb.or([eb('id', '=', idOrSlug), eb('slug', '=', idOrSlug)])).executeTakeFirst();
  return row && (JSON.parse(row.doc) as Article);
}

export async function findArticlesByIds(db: Executor, ids: readonly string[]): Promise<Article[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('kb_articles').select('doc').where('id', 'in', [...ids]).execute();
  return rows.map((row) => JSON.parse(row.doc) as Article);
}

/** Published articles of one translation group: the other languages of an article. */
export async function publishedTranslations(db: Executor, translationGroup: string): Promise<Article[]> {
  const rows = await db.selectFrom('kb_articles').select('doc').where('translation_group', '=', translationGroup).where('status', '=', 'published').limit(20).execute();
  return rows.map((row) => JSON.parse(row.doc) as Article);
}

/** Articles changed after `afterSeq`, in feed order: what a search index or a console has not seen yet. */
export async function articlesChangedAfter(db: Executor, afterSeq: number, limit: number): Promise<{ article: Article; seq: number }[]> {
  const rows = await db.selectFrom('kb_articles').select(['doc', 'seq']).where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
  return rows.map((row) => ({ article: JSON.parse(row.doc) as Article, seq: Number(row.seq) }));
}

export async function countArticlesChangedAfter(db: Executor, afterSeq: number): Promise<number> {
  const row = await db.selectFrom('kb_articles').select((eb) => eb.fn.countAll().as('count')).where('seq', '>', afterSeq).executeTakeFirst();
  return Number(row?.count ?? 0);
}

export async function latestArticleSeq(db: Executor): Promise<number> {
  const row = await db.selectFrom('kb_articles').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
  return Number(row?.seq ?? 0);
}

export async function articleVersions(db: Executor, articleId: string): Promise<{ version: number; authorId: string; createdAt: number; article: Article }[]> {
  const rows = await db.selectFrom('kb_article_versions').selectAll().where('article_id', '=', articleId).orderBy('version', 'desc').limit(200).execute();
  return rows.map((row) => ({ version: row.version, authorId: row.author_id, createdAt: Number(row.created_at), article: JSON.parse(row.doc) as Article }));
}

/** The editors' drafts, last changed first: they never replicate, so the console asks for them. */
export async function listDrafts(db: Executor, limit: number): Promise<Article[]> {
  const rows = await db.selectFrom('kb_articles').select('doc').where('status', '=', 'draft').orderBy('updated_at', 'desc').limit(limit).execute();
  return rows.map((row) => JSON.parse(row.doc) as Article);
}
