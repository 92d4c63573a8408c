import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Article } from '../../../core';
import type { Precedent } from '../../api/knowledge';
import { useDeskApi, useDeskSession } from '../../app/app-context';
import { useUiStore } from '../../state/ui-store';
import { useConnection } from '../connection/use-connection';
import { editDraftOf } from './article-drafts';
import { useArticleFromTicket } from './use-article-from-ticket';

type Loaded = { drafts: Article[]; precedents: Precedent[] } | { error: string } | null;

/**
 * What editors have to write, from the server (online only: drafts never replicate): their drafts,
 * and L3's queue of precedents no article was written from yet.
 */
export function EditorQueues() {
  const { t } = useTranslation();
  const api = useDeskApi();
  const session = useDeskSession();
  const online = useConnection().status !== 'offline';
  const editArticle = useUiStore((state) => state.editArticle);
  const articleDraft = useUiStore((state) => state.articleDraft);
  const createFrom = useArticleFromTicket();
  const [loaded, setLoaded] = useState<Loaded>(null);

  useEffect(() => {
    if (!online) return;
    const controller = new AbortController();
    Promise.all([api.loadDrafts(controller.signal), api.loadPrecedents(controller.signal)]).then(
      ([drafts, precedents]) => setLoaded({ drafts, precedents }),
      (error: unknown) => !controller.signal.aborted && setLoaded({ error: error instanceof Error ? error.message : String(error) }),
    );
    return () => controller.abort();
    // Reloaded after each save (the editor closes or names a new version).
  }, [api, online, articleDraft?.articleId, articleDraft?.version]);

  if (!online || loaded === null) return null;
  if ('error' in loaded) return <p className="notice notice--error">{t('knowledge.loadFailed', { message: loaded.error })}</p>;
  return (
    <div className="editor-queues">
      {loaded.drafts.length > 0 && (
        <>
          <h3>{t('knowledge.drafts')}</h3>
          <ul className="suggestions__list">
            {loaded.drafts.map((draft) => (
              <li key={draft.id}>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => editArticle(editDraftOf(session.agent.id, draft))}
                >
                  {draft.title}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>{t('knowledge.precedents')}</h3>
      {loaded.precedents.length === 0 && <p className="pane-message">{t('knowledge.noPrecedents')}</p>}
      <ul className="suggestions__list" data-testid="precedent-queue">
        {loaded.precedents.map((precedent) => (
          <li key={precedent.id}>
            <button type="button" className="link-button" onClick={() => void createFrom(precedent)}>
              {t('queue.number', { number: precedent.number })} {precedent.subject}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
