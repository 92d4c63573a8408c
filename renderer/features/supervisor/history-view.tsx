import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNELS, type KpiHistoryQuery } from '../../../core';
import { useConnection } from '../connection/use-connection';
import { downloadText } from './download';
import { historyCsv, historyFileName } from './history-csv';
import { HistoryTable } from './history-table';
import { formatDay, formatShare } from './kpi-format';
import { customPeriod, dateInputValue, PERIOD_KINDS, presetPeriod, type Period, type PeriodKind } from './period';
import { useSupervisorView } from './supervisor-view-store';
import { useKpiHistory } from './use-kpi-history';

/** The first and last local day of a period, as date-input values. */
const periodDays = (period: Period) => ({ first: dateInputValue(period.from), last: dateInputValue(period.to - 1) });

/**
 * The same KPIs over a chosen period, per agent and for the team, from the server (online only:
 * offline it says so). The table exports as CSV.
 */
export function HistoryView() {
  const { t, i18n } = useTranslation();
  const { status } = useConnection();
  const online = status !== 'offline';
  const scope = useSupervisorView((state) => state.scope);
  const kind = useSupervisorView((state) => state.period);
  const choosePeriod = useSupervisorView((state) => state.choosePeriod);
  const customFirstDay = useSupervisorView((state) => state.customFirstDay);
  const customLastDay = useSupervisorView((state) => state.customLastDay);
  const setCustomDays = useSupervisorView((state) => state.setCustomDays);
  // "Today" means the day the button was pressed: a period does not slide while it is on screen.
  const [chosenAt, setChosenAt] = useState(() => Date.now());

  const period = useMemo(
    () => (kind === 'custom' ? customPeriod(customFirstDay, customLastDay) : presetPeriod(kind, chosenAt)),
    [kind, customFirstDay, customLastDay, chosenAt],
  );
  const query = useMemo<KpiHistoryQuery | null>(
    () => (period ? { ...period, ...(scope.groupId ? { groupId: scope.groupId } : {}), ...(scope.level ? { level: scope.level } : {}) } : null),
    [period, scope],
  );
  const { state, retry } = useKpiHistory(query, online);

  const choose = (next: PeriodKind) => {
    if (next === 'custom' && (!customFirstDay || !customLastDay)) {
      // Start the custom period from the one on screen, so the inputs are never empty.
      const days = periodDays(period ?? presetPeriod('days7', Date.now()));
      setCustomDays(days.first, days.last);
    }
    setChosenAt(Date.now());
    choosePeriod(next);
  };

  const range = period ? t('supervisor.history.range', { from: formatDay(i18n.language, period.from), to: formatDay(i18n.language, period.to - 1) }) : '';

  const exportCsv = () => {
    if (state.phase !== 'loaded' || !period) return;
    const days = periodDays(period);
    downloadText(historyFileName(days.first, days.last), historyCsv(t, state.history), 'text/csv;charset=utf-8');
  };

  const retryButton = (
    <button type="button" className="button" onClick={retry}>
      {t('supervisor.history.retry')}
    </button>
  );

  return (
    <div className="supervisor-history">
      <div className="supervisor-history__controls">
        <div role="group" aria-label={t('supervisor.history.period')} className="button-row">
          {PERIOD_KINDS.map((name) => (
            <button key={name} type="button" className="button" aria-pressed={kind === name} onClick={() => choose(name)}>
              {t(`supervisor.history.${name}`)}
            </button>
          ))}
        </div>
        {kind === 'custom' && (
          <div className="supervisor-history__custom">
            <label className="field field--inline">
              {t('supervisor.history.from')}
              <input type="date" value={customFirstDay} max={customLastDay || undefined} onChange={(event) => setCustomDays(event.target.value, customLastDay)} />
            </label>
            <label className="field field--inline">
              {t('supervisor.history.to')}
              <input type="date" value={customLastDay} min={customFirstDay || undefined} onChange={(event) => setCustomDays(customFirstDay, event.target.value)} />
            </label>
          </div>
        )}
        <button type="button" className="button" disabled={state.phase !== 'loaded'} onClick={exportCsv}>
          {t('supervisor.history.exportCsv')}
        </button>
      </div>
      {period ? <p className="supervisor-muted" data-testid="history-range">{range}</p> : <p className="notice notice--error">{t('supervisor.history.customInvalid')}</p>}

      {state.phase === 'idle' && period && !online && (
        <div className="sla-settings__failure">
          <p className="notice notice--warning">{t('supervisor.history.offline')}</p>
          {retryButton}
        </div>
      )}
      {state.phase === 'loading' && <p className="pane-message">{t('supervisor.history.loading')}</p>}
      {state.phase === 'failed' && (
        <div className="sla-settings__failure">
          <p className="notice notice--error" role="alert">
            {t('supervisor.history.failed', { message: state.message })}
          </p>
          {retryButton}
        </div>
      )}
      {state.phase === 'loaded' && (
        <>
          <p data-testid="history-incoming">
            {t('supervisor.history.incoming', { n: state.history.team.incoming })}
            {CHANNELS.filter((channel) => (state.history.team.incomingByChannel[channel] ?? 0) > 0).map((channel) => (
              <span key={channel} className="supervisor-muted">
                {' · '}
                {t(`channel.${channel}`)} {state.history.team.incomingByChannel[channel]}
              </span>
            ))}
          </p>
          <p data-testid="history-deflection">
            {t('supervisor.history.deflection', { n: state.history.team.selfSolved, share: formatShare(i18n.language, state.history.team.deflection.share) })}
          </p>
          <HistoryTable history={state.history} range={range} />
        </>
      )}
    </div>
  );
}
