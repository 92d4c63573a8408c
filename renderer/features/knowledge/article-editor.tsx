import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ARTICLE_VISIBILITIES, type ArticleLanguage, type ArticleStatus, type ArticleVisibility } from '../../../core';
import { useDeskApi } from '../../app/app-context';
import { useUiStore, type ArticleDraft } from '../../state/ui-store';
import { useConnection } from '../connection/use-connection';
import { LanguageOptions } from './language-options';

const tagsOf = (text: string): string[] => [...new Set(text.split(',').map((tag) => tag.trim()).filter(Boolean))].slice(0, 20);

/**
 * Writing or editing an article (supervisors, admins, L3 agents). What is typed is kept in the
 * UI store, so a reload or being offline loses nothing; saving needs the server, which keeps every
 * version. An edit names the version it was made over: a colleague's newer version is not
 * overwritten (the server refuses, and the text stays here).
 */
export function ArticleEditor({ draft }: { draft: ArticleDraft }) {
  const { t } = useTranslation();
  const api = useDeskApi();
  const connection = useConnection();
  const editArticle = useUiStore((state) => state.editArticle);
  const openArticle = useUiStore((state) => state.openArticle);
  const [tagsText, setTagsText] = useState(draft.tags.join(', '));
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'saving' } | { kind: 'saved-draft' } | { kind: 'failed'; message: string }>({ kind: 'idle' });
  const change = (changes: Partial<ArticleDraft>) => editArticle({ ...draft, ...changes });
  const offline = connection.status === 'offline';

  const save = async (status: ArticleStatus) => {
    setState({ kind: 'saving' });
    const fields = { title: draft.title, body: draft.body, visibility: draft.visibility, language: draft.language, tags: tagsOf(tagsText), status };
    try {
      const saved =
        draft.articleId === null
          ? await api.createArticle({ ...fields, ...(draft.sourceTicketNumber !== null ? { sourceTicketNumber: draft.sourceTicketNumber } : {}) })
          : await api.updateArticle(draft.articleId, fields, draft.version ?? 1);
      // A published article replicates to this desk; a draft stays in the editor, now naming the saved version.
      if (status === 'published') {
        editArticle(null);
        openArticle(saved.id);
      } else {
        editArticle({ ...draft, tags: fields.tags, articleId: saved.id, version: saved.version });
        setState({ kind: 'saved-draft' });
      }
    } catch (error) {
      setState({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <form className="article-editor" aria-labelledby="article-editor-title" onSubmit={(event) => event.preventDefault()}>
      <h2 id="article-editor-title">{draft.articleId === null ? t('knowledge.editorTitleNew') : t('knowledge.editorTitleEdit')}</h2>
      {draft.sourceTicketNumber !== null && <p className="article-view__meta">{t('knowledge.fromTicket', { number: draft.sourceTicketNumber })}</p>}
      <div className="field">
        <label htmlFor="article-title-input">{t('knowledge.fieldTitle')}</label>
        <input id="article-title-input" value={draft.title} maxLength={200} onChange={(event) => change({ title: event.target.value })} />
      </div>
      <div className="field">
        <label htmlFor="article-body-input">{t('knowledge.fieldBody')}</label>
        <textarea id="article-body-input" rows={14} value={draft.body} maxLength={100_000} onChange={(event) => change({ body: event.target.value })} />
      </div>
      <div className="field field--inline">
        <label htmlFor="article-visibility-input">{t('knowledge.fieldVisibility')}</label>
        <select id="article-visibility-input" value={draft.visibility} onChange={(event) => change({ visibility: event.target.value as ArticleVisibility })}>
          {ARTICLE_VISIBILITIES.map((visibility) => (
            <option key={visibility} value={visibility}>
              {t(`knowledge.${visibility}`)}
            </option>
          ))}
        </select>
        <label htmlFor="article-language-input">{t('knowledge.fieldLanguage')}</label>
        <select id="article-language-input" value={draft.language} onChange={(event) => change({ language: event.target.value as ArticleLanguage })}>
          <LanguageOptions />
        </select>
      </div>
      <div className="field">
        <label htmlFor="article-tags-input">{t('knowledge.fieldTags')}</label>
        <input id="article-tags-input" value={tagsText} onChange={(event) => setTagsText(event.target.value)} onBlur={() => change({ tags: tagsOf(tagsText) })} />
      </div>
      <div aria-live="polite">
        {offline && <p className="notice">{t('knowledge.offline')}</p>}
        {state.kind === 'saved-draft' && <p className="notice">{t('knowledge.savedDraft')}</p>}
        {state.kind === 'failed' && (
          <p className="notice notice--error" role="alert">
            {t('knowledge.saveFailed', { message: state.message })}
          </p>
        )}
      </div>
      <div className="article-editor__actions">
        <button type="button" className="button" disabled={offline || state.kind === 'saving' || !draft.title.trim() || !draft.body.trim()} onClick={() => void save('draft')}>
          {state.kind === 'saving' ? t('knowledge.saving') : t('knowledge.saveDraft')}
        </button>
        <button type="button" className="button button--primary" disabled={offline || state.kind === 'saving' || !draft.title.trim() || !draft.body.trim()} onClick={() => void save('published')}>
          {t('knowledge.publish')}
        </button>
        <button type="button" className="button" onClick={() => editArticle(null)}>
          {t('knowledge.cancel')}
        </button>
      </div>
    </form>
  );
}
