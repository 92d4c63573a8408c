import type { Article } from '../../../core';
import type { ArticleDraft } from '../../state/ui-store';

/** A new article's empty draft: internal until the writer chooses otherwise. */
export const newArticleDraft = (agentId: string, fields: Partial<Pick<ArticleDraft, 'sourceTicketNumber' | 'title' | 'body' | 'language'>> = {}): ArticleDraft => ({
  agentId,
  articleId: null,
  version: null,
  sourceTicketNumber: null,
  title: '',
  body: '',
  visibility: 'internal',
  language: 'en',
  tags: [],
  ...fields,
});

/** The draft that edits an existing article, naming the version the edit is made over. */
export const editDraftOf = (agentId: string, article: Article): ArticleDraft => ({
  agentId,
  articleId: article.id,
  version: article.version,
  sourceTicketNumber: null,
  title: article.title,
  body: article.body,
  visibility: article.visibility,
  language: article.language,
  tags: article.tags,
});
