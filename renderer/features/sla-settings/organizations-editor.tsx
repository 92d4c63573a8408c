import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { emptyPolicies, newOrganizationKey, type OrganizationDraft } from './settings-draft';
import { TargetsTable } from './targets-table';

/** Contracts: an organisation's own targets, per priority, replacing the defaults for its tickets. */
export function OrganizationsEditor({ organizations, onChange }: { organizations: OrganizationDraft[]; onChange(organizations: OrganizationDraft[]): void }) {
  const { t } = useTranslation();
  const headingId = useId();
  const update = (key: number, changes: Partial<OrganizationDraft>) =>
    onChange(organizations.map((entry) => (entry.key === key ? { ...entry, ...changes } : entry)));

  return (
    <section className="sla-settings__section" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('slaAdmin.organizationsHeading')}</h3>
      <p className="field__hint">{t('slaAdmin.organizationsHint')}</p>
      {organizations.length === 0 && <p className="field__hint">{t('slaAdmin.noOrganizations')}</p>}
      {organizations.map((entry) => (
        <OrganizationItem
          key={entry.key}
          entry={entry}
          onChange={(changes) => update(entry.key, changes)}
          onRemove={() => onChange(organizations.filter((other) => other.key !== entry.key))}
        />
      ))}
      <div className="button-row">
        <button
          type="button"
          className="button"
          onClick={() => onChange([...organizations, { key: newOrganizationKey(), organization: '', policies: emptyPolicies() }])}
        >
          {t('slaAdmin.addOrganization')}
        </button>
      </div>
    </section>
  );
}

type OrganizationItemProps = { entry: OrganizationDraft; onChange(changes: Partial<OrganizationDraft>): void; onRemove(): void };

function OrganizationItem({ entry, onChange, onRemove }: OrganizationItemProps) {
  const { t } = useTranslation();
  const nameId = useId();
  const shownName = entry.organization.trim() || t('slaAdmin.newOrganization');

  return (
    <fieldset className="sla-organization" data-testid="sla-organization">
      <legend>{shownName}</legend>
      <div className="field field--inline">
        <label htmlFor={nameId}>{t('slaAdmin.organizationName')}</label>
        <input id={nameId} value={entry.organization} required maxLength={120} onChange={(event) => onChange({ organization: event.target.value })} />
        <button type="button" className="button button--small" aria-label={t('slaAdmin.removeOrganization', { name: shownName })} onClick={onRemove}>
          {t('slaAdmin.remove')}
        </button>
      </div>
      <TargetsTable policies={entry.policies} onChange={(policies) => onChange({ policies })} organization={shownName} optional />
    </fieldset>
  );
}
