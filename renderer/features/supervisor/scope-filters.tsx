import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { LEVELS, type Level, type TeamLiveKpi } from '../../../core';
import { useGroupDirectory } from '../routing/use-group-directory';
import { groupOptions } from './kpi-scope';
import { useSupervisorView } from './supervisor-view-store';

/**
 * Group and line for both tabs. The groups offered are those the live figures cover (named from
 * the cached group directory); offline or before the first figures, every group the directory knows.
 */
export function ScopeFilters({ teams }: { teams: readonly TeamLiveKpi[] | null }) {
  const { t } = useTranslation();
  const directory = useGroupDirectory();
  const scope = useSupervisorView((state) => state.scope);
  const setGroup = useSupervisorView((state) => state.setGroup);
  const setLevel = useSupervisorView((state) => state.setLevel);

  const options = useMemo(() => {
    const offered = groupOptions(directory.groups, teams);
    // The chosen group stays choosable even when it drops out of the figures for a moment.
    if (scope.groupId !== null && !offered.some((group) => group.id === scope.groupId)) {
      offered.push({ id: scope.groupId, name: directory.find(scope.groupId)?.name ?? null });
    }
    return offered;
  }, [directory, teams, scope.groupId]);

  return (
    <div className="supervisor-filters" role="group" aria-label={t('supervisor.filters.label')}>
      <label className="field field--inline">
        {t('supervisor.filters.group')}
        <select value={scope.groupId ?? ''} onChange={(event) => setGroup(event.target.value || null)}>
          <option value="">{t('supervisor.filters.allGroups')}</option>
          {options.map((group) => (
            <option key={group.id} value={group.id}>
              {group.name ?? `${t('supervisor.filters.unknownGroup')} (${group.id.slice(0, 8)})`}
            </option>
          ))}
        </select>
      </label>
      <label className="field field--inline">
        {t('supervisor.filters.line')}
        <select value={scope.level ?? ''} onChange={(event) => setLevel(event.target.value ? (Number(event.target.value) as Level) : null)}>
          <option value="">{t('supervisor.filters.allLines')}</option>
          {LEVELS.map((level) => (
            <option key={level} value={level}>
              {t('supervisor.filters.lineValue', { level })}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
