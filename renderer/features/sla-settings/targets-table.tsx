import { useTranslation } from 'react-i18next';
import { PRIORITIES, type Priority } from '../../../core';
import { formatMinutes } from '../sla/format-sla';
import { typedMinutes, type PoliciesDraft, type TargetsDraft } from './settings-draft';

type TargetsTableProps = {
  policies: PoliciesDraft;
  onChange(policies: PoliciesDraft): void;
  /** Names the table's inputs: the defaults, or one organisation's overrides. */
  organization?: string;
  /** Overrides may be left empty (the default applies); the defaults may not. */
  optional?: boolean;
};

/** Priorities × first-response / resolution targets in business minutes, each with "4 h 30 min" beside it. */
export function TargetsTable({ policies, onChange, organization, optional = false }: TargetsTableProps) {
  const { t } = useTranslation();
  const update = (priority: Priority, field: keyof TargetsDraft, value: string) =>
    onChange({ ...policies, [priority]: { ...policies[priority], [field]: value } });

  const label = (priority: Priority, field: keyof TargetsDraft) => {
    const clock = field === 'firstResponseMinutes' ? t('slaAdmin.firstResponse') : t('slaAdmin.resolution');
    return organization === undefined
      ? t('slaAdmin.targetFor', { priority: t(`priority.${priority}`), clock })
      : t('slaAdmin.organizationTargetFor', { organization, priority: t(`priority.${priority}`), clock });
  };

  const cell = (priority: Priority, field: keyof TargetsDraft) => {
    const text = policies[priority][field];
    const minutes = typedMinutes(text);
    return (
      <td>
        <input
          type="number"
          inputMode="numeric"
          min={1}
          step={1}
          required={!optional}
          placeholder={optional ? t('slaAdmin.useDefault') : undefined}
          aria-label={label(priority, field)}
          value={text}
          onChange={(event) => update(priority, field, event.target.value)}
        />
        <span className="field__hint sla-targets__duration">{minutes === null ? '' : formatMinutes(t, minutes)}</span>
      </td>
    );
  };

  return (
    <table className="sla-targets">
      <thead>
        <tr>
          <th scope="col">{t('slaAdmin.priority')}</th>
          <th scope="col">{t('slaAdmin.firstResponseColumn')}</th>
          <th scope="col">{t('slaAdmin.resolutionColumn')}</th>
        </tr>
      </thead>
      <tbody>
        {PRIORITIES.map((priority) => (
          <tr key={priority}>
            <th scope="row">{t(`priority.${priority}`)}</th>
            {cell(priority, 'firstResponseMinutes')}
            {cell(priority, 'resolutionMinutes')}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
