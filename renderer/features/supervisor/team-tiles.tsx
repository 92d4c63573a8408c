import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { KPI_OPEN_STATUSES } from '../../../core';
import { formatTimeOfDay } from '../../i18n/format';
import { useNow } from '../../state/use-now';
import { formatDuration } from '../sla/format-sla';
import type { HourPoint } from './hour-series';
import { hourTotals } from './hour-series';
import { formatShare, formatStat } from './kpi-format';
import type { TeamFigures } from './kpi-scope';

const shareOf = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

/** How many of the soonest predicted breaches are named under the count. */
const BREACHES_NAMED = 3;

/** The scope's team figures; the oldest wait is an age that keeps moving between updates. */
export function TeamTiles({ figures, hours }: { figures: TeamFigures; hours: readonly HourPoint[] }) {
  const { t, i18n } = useTranslation();
  const now = useNow(10_000);
  const today = hourTotals(hours);
  const waitingSince = figures.oldestUnassignedSince;

  return (
    <ul className="supervisor-tiles" aria-label={t('supervisor.tiles.label')}>
      <Tile label={t('supervisor.tiles.backlog')} value={figures.backlog} testId="tile-backlog">
        <span className="supervisor-tile__detail">
          {KPI_OPEN_STATUSES.map((status) => `${t(`status.${status}`)} ${figures.backlogByStatus[status]}`).join(' · ')}
        </span>
      </Tile>
      <Tile label={t('supervisor.tiles.unassigned')} value={figures.unassigned} testId="tile-unassigned" tone={figures.unassigned > 0 ? 'attention' : undefined} />
      <li className="supervisor-tile">
        <span className="supervisor-tile__label">{t('supervisor.tiles.oldestWait')}</span>
        <strong className={waitingSince === null ? 'supervisor-tile__value supervisor-tile__value--quiet' : 'supervisor-tile__value'} data-testid="tile-oldest-wait">
          {waitingSince === null ? t('supervisor.tiles.noneWaiting') : formatDuration(t, Math.max(0, now - waitingSince))}
        </strong>
      </li>
      <li className={figures.predictedBreaches.length > 0 ? 'supervisor-tile supervisor-tile--danger' : 'supervisor-tile'}>
        <span className="supervisor-tile__label">{t('supervisor.tiles.predictedBreaches')}</span>
        <strong className="supervisor-tile__value" data-testid="tile-predicted-breaches">
          {figures.predictedBreaches.length}
        </strong>
        <span className="supervisor-tile__detail">{t('supervisor.tiles.breachesHint')}</span>
        {figures.predictedBreaches.length > 0 && (
          <ul className="supervisor-tile__list">
            {figures.predictedBreaches.slice(0, BREACHES_NAMED).map((breach) => (
              <li key={`${breach.ticketId}-${breach.clock}`}>
                {t('supervisor.tiles.breachItem', {
                  number: breach.number,
                  clock: t(`sla.clock.${breach.clock}`),
                  time: formatTimeOfDay(i18n.language, breach.dueAt, now),
                })}
              </li>
            ))}
          </ul>
        )}
      </li>
      <Tile label={t('supervisor.tiles.incomingToday')} value={today.incoming} testId="tile-incoming-today" />
      <Tile label={t('supervisor.tiles.solvedToday')} value={today.solved} testId="tile-solved-today" />
      <Tile label={t('supervisor.tiles.selfSolvedToday')} value={today.selfSolved} testId="tile-self-solved-today">
        <span className="supervisor-tile__detail">{t('supervisor.tiles.deflectionHint', { share: formatShare(i18n.language, shareOf(today.selfSolved, today.solved + today.selfSolved)) })}</span>
      </Tile>
      <Tile label={t('supervisor.tiles.firstResponseToday')} value={formatStat(t, today.meanFirstResponseMs)} testId="tile-first-response-today" />
    </ul>
  );
}

/** One figure with its label; `children` add detail under it. */
function Tile({ label, value, testId, tone, children }: { label: string; value: ReactNode; testId: string; tone?: 'attention'; children?: ReactNode }) {
  return (
    <li className={tone ? `supervisor-tile supervisor-tile--${tone}` : 'supervisor-tile'}>
      <span className="supervisor-tile__label">{label}</span>
      <strong className="supervisor-tile__value" data-testid={testId}>
        {value}
      </strong>
      {children}
    </li>
  );
}
