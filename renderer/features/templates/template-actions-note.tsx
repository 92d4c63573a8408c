import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { TemplateActions } from '../../../core';
import type { PendingTemplateActions } from '../../state/ui-store';

/** A template's actions in words: "status → Waiting for Customer · tags + billing". */
export function describeActions(t: TFunction, actions: TemplateActions): string {
  const changes: string[] = [];
  if (actions.status) changes.push(t('templates.actionStatus', { status: t(`status.${actions.status}`) }));
  if (actions.priority) changes.push(t('templates.actionPriority', { priority: t(`priority.${actions.priority}`) }));
  if (actions.addTags?.length) changes.push(t('templates.actionTags', { tags: actions.addTags.join(', ') }));
  return changes.join(' · ');
}

/** Under the reply box: what its templates will also change once it is sent, and a way to drop that. */
export function TemplateActionsNote({ actions, onDiscard }: { actions: PendingTemplateActions; onDiscard: () => void }) {
  const { t } = useTranslation();
  return (
    <p className="field__hint template-actions" data-testid="template-actions">
      {t('templates.onSend', { from: actions.from, changes: describeActions(t, actions) })}{' '}
      <button type="button" className="button button--link" onClick={onDiscard}>
        {t('templates.discardActions')}
      </button>
    </p>
  );
}
