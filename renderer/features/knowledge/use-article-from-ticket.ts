import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { firstValueFrom } from 'rxjs';
import { ARTICLE_LANGUAGES, type ArticleLanguage } from '../../../core';
import { articleDraftFromTicket } from '../../../core/knowledge';
import { useDeskSession } from '../../app/app-context';
import { useUiStore } from '../../state/ui-store';
import { newArticleDraft } from './article-drafts';

/**
 * Opens the article editor with a draft written from a ticket: its problem and its solution
 * (core's rule), headed in the agent's language, internal until the writer chooses otherwise.
 * Reads the conversation from the local database, so it works offline; a ticket this desk does not
 * hold starts from its subject only.
 */
export function useArticleFromTicket(): (ticket: { id: string; number: number; subject: string }) => Promise<void> {
  const { t, i18n } = useTranslation();
  const session = useDeskSession();
  const editArticle = useUiStore((state) => state.editArticle);
  return useCallback(
    async (ticket) => {
      const messages = await firstValueFrom(session.messages$(ticket.id));
      const { title, body } = articleDraftFromTicket(ticket, messages, { problem: t('knowledge.problem'), solution: t('knowledge.solution') });
      const language = (ARTICLE_LANGUAGES as readonly string[]).includes(i18n.language) ? (i18n.language as ArticleLanguage) : 'en';
      editArticle(newArticleDraft(session.agent.id, { sourceTicketNumber: ticket.number, title, body, language }));
    },
    [session, t, i18n.language, editArticle],
  );
}
