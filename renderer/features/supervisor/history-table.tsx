import { useTranslation } from 'react-i18next';
import type { KpiHistory, Share } from '../../../core';
import { historyRows } from './history-csv';
import { formatNumber, formatShare, formatStat } from './kpi-format';

/** One table: an agent per row, the team's totals in the footer. */
export function HistoryTable({ history, range }: { history: KpiHistory; range: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const rows = historyRows(history, t('supervisor.history.team'));

  const share = (value: Share) => (
    <span title={t('supervisor.history.shareOf', { part: value.part, whole: value.whole })}>{formatShare(language, value.share)}</span>
  );
  const cells = (row: (typeof rows)[number]) => (
    <>
      <td>{row.assigned}</td>
      <td>{row.solved}</td>
      <td>{formatStat(t, row.firstResponse.medianMs)}</td>
      <td>{formatStat(t, row.firstResponse.meanMs)}</td>
      <td>{formatStat(t, row.resolution.medianMs)}</td>
      <td>{formatStat(t, row.resolution.meanMs)}</td>
      <td>{share(row.reopens)}</td>
      <td>
        {row.csat.average === null ? (
          '—'
        ) : (
          <>
            {formatNumber(language, row.csat.average)}{' '}
            <span className="supervisor-muted supervisor-nowrap">({t('supervisor.history.csatRatings', { n: row.csat.count })})</span>
          </>
        )}
      </td>
      <td>{share(row.slaBreaches)}</td>
    </>
  );

  const agentRows = rows.filter((row) => row.kind === 'agent');
  const teamRow = rows.find((row) => row.kind === 'team');
  return (
    <div className="supervisor-history__scroll">
      <table className="supervisor-history__table">
        <caption>{t('supervisor.history.caption', { range })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('supervisor.history.agent')}</th>
            <th scope="col">{t('supervisor.history.assigned')}</th>
            <th scope="col">{t('supervisor.history.solved')}</th>
            <th scope="col">{t('supervisor.history.frtMedian')}</th>
            <th scope="col">{t('supervisor.history.frtMean')}</th>
            <th scope="col">{t('supervisor.history.resolutionMedian')}</th>
            <th scope="col">{t('supervisor.history.resolutionMean')}</th>
            <th scope="col">{t('supervisor.history.reopenRate')}</th>
            <th scope="col">{t('supervisor.history.csat')}</th>
            <th scope="col">{t('supervisor.history.slaBreaches')}</th>
          </tr>
        </thead>
        <tbody>
          {agentRows.length === 0 ? (
            <tr>
              <td colSpan={10}>{t('supervisor.history.noAgents')}</td>
            </tr>
          ) : (
            agentRows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.name}</th>
                {cells(row)}
              </tr>
            ))
          )}
        </tbody>
        {teamRow && (
          <tfoot>
            <tr className="supervisor-history__team">
              <th scope="row">{teamRow.name}</th>
              {cells(teamRow)}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
