import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canManageTemplate, type Template } from '../../../core';
import { useDeskApi, useDeskSession } from '../../app/app-context';
import { useObservable } from '../../state/use-observable';
import { useUiStore, type TemplateDraft } from '../../state/ui-store';
import { describeActions } from './template-actions-note';
import { TemplateEditor } from './template-editor';
import { matchingTemplates } from './template-matching';

const newTemplateDraft = (agentId: string): TemplateDraft => ({ agentId, templateId: null, version: null, name: '', body: '', scope: 'personal', actions: {} });
const editDraftOf = (agentId: string, template: Template): TemplateDraft => ({
  agentId,
  templateId: template.id,
  version: template.version,
  name: template.name,
  body: template.body,
  scope: template.scope,
  actions: template.actions,
});

/**
 * The answer templates this agent uses (the shared ones and their own), as this desk holds them:
 * filter by name, read one, and (their own; shared ones for supervisors and admins) edit or delete it.
 */
export function TemplatesScreen() {
  const { t } = useTranslation();
  const session = useDeskSession();
  const api = useDeskApi();
  const showScreen = useUiStore((state) => state.showScreen);
  const storedDraft = useUiStore((state) => state.templateDraft);
  const editTemplate = useUiStore((state) => state.editTemplate);
  const templates$ = useMemo(() => session.templates$(), [session]);
  const templates = useObservable<Template[], null>(templates$, null);
  const [filter, setFilter] = useState('');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  // Another agent's unsaved template (same machine) is not theirs to see.
  const draft = storedDraft?.agentId === session.agent.id ? storedDraft : null;
  const shown = templates ? matchingTemplates(templates, filter, templates.length) : null;
  const selected = templates?.find((template) => template.id === selectedId) ?? null;

  const remove = async (template: Template) => {
    setFailure(null);
    try {
      await api.deleteTemplate(template.id);
      setSelectedId(null);
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <main className="desk templates-screen">
      <section className="queue-pane" aria-labelledby="templates-heading">
        <div className="queue-controls">
          <h2 id="templates-heading">{t('templates.title')}</h2>
          <button type="button" className="button" onClick={() => showScreen('desk')}>
            {t('knowledge.back')}
          </button>
          <button type="button" className="button" onClick={() => editTemplate(newTemplateDraft(session.agent.id))}>
            {t('templates.new')}
          </button>
          <label htmlFor="templates-filter" className="visually-hidden">
            {t('templates.filter')}
          </label>
          <input id="templates-filter" type="search" value={filter} maxLength={80} placeholder={t('templates.filter')} onChange={(event) => setFilter(event.target.value)} />
        </div>
        <div aria-live="polite">{shown?.length === 0 && <p className="pane-message">{templates?.length ? t('templates.noMatch', { text: filter }) : t('templates.noneYet')}</p>}</div>
        <ul className="queue-list">
          {shown?.map((template) => (
            <li key={template.id}>
              <button type="button" className="queue-row" data-testid="template-row" aria-current={template.id === selectedId ? 'true' : undefined} onClick={() => setSelectedId(template.id)}>
                <span className="queue-row__subject">{template.name}</span>
                <span className="queue-row__meta">
                  <span className="badge">{t(template.scope === 'shared' ? 'templates.shared' : 'templates.personal')}</span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      </section>
      <section className="ticket-pane">
        {draft ? (
          <TemplateEditor key={draft.templateId ?? 'new'} draft={draft} />
        ) : selected ? (
          <article className="template-view" aria-labelledby="template-view-title">
            <h2 id="template-view-title">{selected.name}</h2>
            <pre className="template-view__body">{selected.body}</pre>
            {describeActions(t, selected.actions) !== '' && <p className="field__hint">{t('templates.alsoDoes', { changes: describeActions(t, selected.actions) })}</p>}
            {canManageTemplate(session.agent, selected) && (
              <div className="article-editor__actions">
                <button type="button" className="button" onClick={() => editTemplate(editDraftOf(session.agent.id, selected))}>
                  {t('knowledge.edit')}
                </button>
                <button type="button" className="button" onClick={() => void remove(selected)}>
                  {t('templates.delete')}
                </button>
              </div>
            )}
            {failure !== null && (
              <p className="notice notice--error" role="alert">
                {t('templates.deleteFailed', { message: failure })}
              </p>
            )}
          </article>
        ) : (
          <p className="pane-message">{t('templates.noneSelected')}</p>
        )}
      </section>
    </main>
  );
}
