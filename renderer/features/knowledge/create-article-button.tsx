import { useTranslation } from 'react-i18next';
import { canEditArticles } from '../../../core';
import { useDeskSession } from '../../app/app-context';
import type { TicketView } from '../../sync/desk-session';
import { useArticleFromTicket } from './use-article-from-ticket';

/** "Create article" on a solved ticket or a precedent, for those who write the knowledge base. */
export function CreateArticleButton({ ticket }: { ticket: TicketView }) {
  const { t } = useTranslation();
  const { agent } = useDeskSession();
  const createFrom = useArticleFromTicket();
  const solved = ticket.status === 'fixed' || ticket.status === 'closed';
  if (!canEditArticles(agent) || !(solved || ticket.precedent)) return null;
  return (
    <button type="button" className="button" onClick={() => void createFrom(ticket)}>
      {t('knowledge.createFromTicket')}
    </button>
  );
}
