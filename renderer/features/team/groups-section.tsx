import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TeamAgent, TeamGroup } from '../../api/team';
import { useDeskApi } from '../../app/app-context';
import { errorMessage } from '../../app/desk-auth';
import { ActionStatusMessage, IDLE, type ActionStatus } from './action-status';
import { MembersEditor } from './members-editor';

type GroupsSectionProps = { groups: TeamGroup[]; agents: TeamAgent[]; editable: boolean; onCreated(): Promise<void> };

/** Every group with its categories and members; admins create groups and edit member lists. */
export function GroupsSection({ groups, agents, editable, onCreated }: GroupsSectionProps) {
  const { t } = useTranslation();
  const headingId = useId();

  return (
    <section className="sla-settings__section" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('team.groupsHeading')}</h3>
      {groups.length === 0 && <p className="field__hint">{t('team.noGroups')}</p>}
      {groups.map((group) => (
        <GroupItem key={group.id} group={group} agents={agents} editable={editable} />
      ))}
      {editable && <NewGroupForm onCreated={onCreated} />}
    </section>
  );
}

function GroupItem({ group, agents, editable }: { group: TeamGroup; agents: TeamAgent[]; editable: boolean }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section className="sla-organization" aria-labelledby={headingId} data-testid="team-group">
      <h4 id={headingId}>{group.name}</h4>
      <p className="field__hint">
        {group.categories.length > 0 ? t('team.categoriesValue', { list: group.categories.join(', ') }) : t('team.noCategories')}
      </p>
      {/* Keyed by the stored list: a reload after another change starts the editor from the record. */}
      <MembersEditor key={JSON.stringify(group.members)} group={group} agents={agents} editable={editable} />
    </section>
  );
}

/** "billing, hardware ,," → ["billing", "hardware"]: blanks dropped, each name once. */
export function parseCategories(text: string): string[] {
  return [...new Set(text.split(',').map((part) => part.trim()).filter((part) => part !== ''))];
}

function NewGroupForm({ onCreated }: { onCreated(): Promise<void> }) {
  const { t } = useTranslation();
  const api = useDeskApi();
  const id = useId();
  const [name, setName] = useState('');
  const [categories, setCategories] = useState('');
  const [status, setStatus] = useState<ActionStatus>(IDLE);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (name.trim() === '' || status.phase === 'saving') return;
    setStatus({ phase: 'saving' });
    try {
      await api.addGroup({ name: name.trim(), categories: parseCategories(categories) });
      setName('');
      setCategories('');
      setStatus({ phase: 'saved' });
      await onCreated();
    } catch (error) {
      setStatus({ phase: 'failed', message: errorMessage(error) });
    }
  };

  const touched = () => setStatus((current) => (current.phase === 'saving' ? current : IDLE));
  return (
    <form className="team-form" aria-labelledby={`${id}-heading`} onSubmit={(event) => void submit(event)}>
      <h4 id={`${id}-heading`}>{t('team.newGroupHeading')}</h4>
      <fieldset className="team-form__fields" disabled={status.phase === 'saving'}>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('team.groupName')}</label>
          <input
            id={`${id}-name`}
            value={name}
            required
            maxLength={120}
            onChange={(event) => {
              setName(event.target.value);
              touched();
            }}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-categories`}>{t('team.categories')}</label>
          <input
            id={`${id}-categories`}
            value={categories}
            aria-describedby={`${id}-categories-hint`}
            onChange={(event) => {
              setCategories(event.target.value);
              touched();
            }}
          />
          <span id={`${id}-categories-hint`} className="field__hint">
            {t('team.categoriesHint')}
          </span>
        </div>
      </fieldset>
      <div className="sla-settings__save">
        <button type="submit" className="button button--primary" disabled={name.trim() === '' || status.phase === 'saving'}>
          {status.phase === 'saving' ? t('team.saving') : t('team.createGroup')}
        </button>
        <ActionStatusMessage status={status} testId="team-new-group" />
      </div>
    </form>
  );
}
