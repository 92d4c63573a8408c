import { useTranslation } from 'react-i18next';
import { TICKET_STATUSES } from '../../../core';
import { QUEUE_SORTS, useQueueSort, type QueueSort } from '../../state/queue-sort';
import { useUiStore, type StatusFilter } from '../../state/ui-store';
import type { QueueView } from '../../sync/desk-session';

const VIEWS: readonly QueueView[] = ['mine', 'unassigned', 'all'];
const STATUS_FILTERS: readonly StatusFilter[] = ['open', 'any', ...TICKET_STATUSES];

const SORT_LABELS = { priority: 'queue.sortPriority', time_left: 'queue.sortTimeLeft' } as const satisfies Record<QueueSort, string>;

/** Which queue (My tickets / Unassigned / All), which statuses it lists, and in which order. */
export function QueueControls() {
  const { t } = useTranslation();
  const view = useUiStore((state) => state.view);
  const statusFilter = useUiStore((state) => state.statusFilter);
  const selectView = useUiStore((state) => state.selectView);
  const setStatusFilter = useUiStore((state) => state.setStatusFilter);
  const sort = useQueueSort((state) => state.sort);
  const setSort = useQueueSort((state) => state.setSort);

  const filterLabel = (filter: StatusFilter) => {
    if (filter === 'open') return t('queue.filterOpen');
    if (filter === 'any') return t('queue.filterAny');
    return t(`status.${filter}`);
  };

  return (
    <div className="queue-controls">
      <div className="queue-views" role="group" aria-label={t('queue.label')}>
        {VIEWS.map((option) => (
          <button
            key={option}
            type="button"
            className="queue-views__button"
            aria-pressed={view === option}
            onClick={() => selectView(option)}
          >
            {t(`queue.views.${option}`)}
          </button>
        ))}
      </div>
      <div className="field field--inline">
        <label htmlFor="queue-status-filter">{t('queue.statusFilter')}</label>
        <select
          id="queue-status-filter"
          value={statusFilter}
          onChange={(event) => setStatusFilter(event.target.value as StatusFilter)}
        >
          {STATUS_FILTERS.map((filter) => (
            <option key={filter} value={filter}>
              {filterLabel(filter)}
            </option>
          ))}
        </select>
      </div>
      <div className="field field--inline">
        <label htmlFor="queue-sort">{t('queue.sort')}</label>
        <select id="queue-sort" value={sort} onChange={(event) => setSort(event.target.value as QueueSort)}>
          {QUEUE_SORTS.map((option) => (
            <option key={option} value={option}>
              {t(SORT_LABELS[option])}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
