import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TEMPLATE_PLACEHOLDERS, TEMPLATE_STATUSES, unknownPlaceholders, type Priority, type TemplateActions } from '../../../core';
import { useDeskApi, useDeskSession } from '../../app/app-context';
import { useUiStore, type TemplateDraft } from '../../state/ui-store';
import { useConnection } from '../connection/use-connection';
import { PriorityOptions } from '../ticket/priority-options';

const tagsOf = (text: string): string[] => [...new Set(text.split(',').map((tag) => tag.trim()).filter(Boolean))].slice(0, 10);

/** Only the actions chosen: an empty choice is no action. */
function actionsOf(actions: TemplateActions, tagsText: string): TemplateActions {
  const tags = tagsOf(tagsText);
  return { ...(actions.status ? { status: actions.status } : {}), ...(actions.priority ? { priority: actions.priority } : {}), ...(tags.length ? { addTags: tags } : {}) };
}

/**
 * Writing or editing an answer template. What is typed is kept in the UI store (nothing lost on a
 * reload or offline); saving needs the server. An unknown placeholder is pointed out before the
 * save, and the server refuses it too. Shared templates are offered to supervisors and admins only.
 */
export function TemplateEditor({ draft }: { draft: TemplateDraft }) {
  const { t } = useTranslation();
  const api = useDeskApi();
  const session = useDeskSession();
  const connection = useConnection();
  const editTemplate = useUiStore((state) => state.editTemplate);
  const [tagsText, setTagsText] = useState((draft.actions.addTags ?? []).join(', '));
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'saving' } | { kind: 'failed'; message: string }>({ kind: 'idle' });
  const change = (changes: Partial<TemplateDraft>) => editTemplate({ ...draft, ...changes });
  const unknown = unknownPlaceholders(draft.body, TEMPLATE_PLACEHOLDERS);
  const mayShare = session.agent.role !== 'agent';
  const canSave = draft.name.trim() !== '' && draft.body.trim() !== '' && unknown.length === 0 && state.kind !== 'saving';

  const save = async () => {
    setState({ kind: 'saving' });
    const actions = actionsOf(draft.actions, tagsText);
    try {
      if (draft.templateId === null) await api.createTemplate({ name: draft.name, body: draft.body, scope: draft.scope, actions });
      else await api.updateTemplate(draft.templateId, { name: draft.name, body: draft.body, actions }, draft.version ?? 1);
      // The saved template replicates to this desk (and the others that use it).
      editTemplate(null);
    } catch (error) {
      setState({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <form className="template-editor" aria-labelledby="template-editor-title" onSubmit={(event) => { event.preventDefault(); void save(); }}>
      <h2 id="template-editor-title">{draft.templateId === null ? t('templates.editorTitleNew') : t('templates.editorTitleEdit')}</h2>
      <div className="field">
        <label htmlFor="template-name-input">{t('templates.fieldName')}</label>
        <input id="template-name-input" value={draft.name} maxLength={80} onChange={(event) => change({ name: event.target.value })} />
      </div>
      <div className="field">
        <label htmlFor="template-body-input">{t('templates.fieldBody')}</label>
        <textarea id="template-body-input" rows={10} value={draft.body} maxLength={20_000} aria-describedby="template-placeholders" onChange={(event) => change({ body: event.target.value })} />
        <p id="template-placeholders" className="field__hint">
          {t('templates.placeholders', { names: TEMPLATE_PLACEHOLDERS.map((name) => `{{${name}}}`).join(' ') })}
        </p>
        {unknown.length > 0 && (
          <p className="notice notice--error" role="alert">
            {t('templates.unknownPlaceholder', { names: unknown.map((name) => `{{${name}}}`).join(', ') })}
          </p>
        )}
      </div>
      <fieldset className="field" disabled={draft.templateId !== null}>
        <legend>{t('templates.fieldScope')}</legend>
        <label className="checkbox">
          <input type="radio" name="template-scope" checked={draft.scope === 'personal'} onChange={() => change({ scope: 'personal' })} />
          {t('templates.personal')}
        </label>
        {mayShare && (
          <label className="checkbox">
            <input type="radio" name="template-scope" checked={draft.scope === 'shared'} onChange={() => change({ scope: 'shared' })} />
            {t('templates.shared')}
          </label>
        )}
      </fieldset>
      <fieldset className="field">
        <legend>{t('templates.fieldActions')}</legend>
        <div className="field field--inline">
          <label htmlFor="template-status-input">{t('templates.fieldStatus')}</label>
          <select
            id="template-status-input"
            value={draft.actions.status ?? ''}
            onChange={(event) => change({ actions: { ...draft.actions, status: (event.target.value || undefined) as TemplateActions['status'] } })}
          >
            <option value="">{t('templates.noChange')}</option>
            {TEMPLATE_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`status.${status}`)}
              </option>
            ))}
          </select>
          <label htmlFor="template-priority-input">{t('templates.fieldPriority')}</label>
          <select
            id="template-priority-input"
            value={draft.actions.priority ?? ''}
            onChange={(event) => change({ actions: { ...draft.actions, priority: (event.target.value || undefined) as Priority | undefined } })}
          >
            <option value="">{t('templates.noChange')}</option>
            <PriorityOptions />
          </select>
        </div>
        <label htmlFor="template-tags-input">{t('templates.fieldTags')}</label>
        <input id="template-tags-input" value={tagsText} onChange={(event) => setTagsText(event.target.value)} />
      </fieldset>
      <div aria-live="polite">
        {connection.status === 'offline' && <p className="notice">{t('templates.offline')}</p>}
        {state.kind === 'failed' && (
          <p className="notice notice--error" role="alert">
            {t('templates.saveFailed', { message: state.message })}
          </p>
        )}
      </div>
      <div className="article-editor__actions">
        <button type="submit" className="button button--primary" disabled={!canSave}>
          {state.kind === 'saving' ? t('templates.saving') : t('templates.save')}
        </button>
        <button type="button" className="button" onClick={() => editTemplate(null)}>
          {t('templates.cancel')}
        </button>
      </div>
    </form>
  );
}
