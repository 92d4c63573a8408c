import type { TFunction } from 'i18next';
import type { AgentPeriodKpi, KpiHistory } from '../../../core';
import { minutesOneDecimal } from './kpi-format';

/** One line of the History table: an agent, or the team's totals. */
export type HistoryRow = Omit<AgentPeriodKpi, 'agentId'> & { key: string; kind: 'agent' | 'team' };

/**
 * The agents by name, then the team. The team's "assigned" is the sum over its agents (the period
 * totals count incoming tickets, not assignments); every other team figure is the server's total.
 */
export function historyRows(history: KpiHistory, teamLabel: string): HistoryRow[] {
  const agents = [...history.agents].sort((a, b) => a.name.localeCompare(b.name));
  const { team } = history;
  return [
    ...agents.map(({ agentId, ...figures }) => ({ ...figures, key: agentId, kind: 'agent' as const })),
    {
      key: 'team',
      kind: 'team',
      name: teamLabel,
      assigned: agents.reduce((sum, agent) => sum + agent.assigned, 0),
      solved: team.solved,
      firstResponse: team.firstResponse,
      resolution: team.resolution,
      reopens: team.reopens,
      csat: team.csat,
      slaBreaches: team.slaBreaches,
    },
  ];
}

/** RFC 4180: a field with a comma, quote, CR or LF is quoted, its quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Lines joined by CRLF, with a final CRLF (RFC 4180). */
export function buildCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/**
 * A spreadsheet runs a cell that starts with = + - @ as a formula; an agent's name must stay text
 * (OWASP "CSV injection"), so such a name gets a leading apostrophe.
 */
export function textCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const percentCell = (share: number | null) => (share === null ? '' : (share * 100).toFixed(1));

/** The History table as CSV: translated headers, durations in minutes with one decimal, shares in percent. */
export function historyCsv(t: TFunction, history: KpiHistory): string {
  const header = [
    t('supervisor.history.agent'),
    t('supervisor.history.assigned'),
    t('supervisor.history.solved'),
    t('supervisor.history.csvMinutes', { column: t('supervisor.history.frtMedian') }),
    t('supervisor.history.csvMinutes', { column: t('supervisor.history.frtMean') }),
    t('supervisor.history.csvMinutes', { column: t('supervisor.history.resolutionMedian') }),
    t('supervisor.history.csvMinutes', { column: t('supervisor.history.resolutionMean') }),
    t('supervisor.history.csvPercent', { column: t('supervisor.history.reopenRate') }),
    t('supervisor.history.csat'),
    t('supervisor.history.csatCount'),
    t('supervisor.history.csvPercent', { column: t('supervisor.history.slaBreaches') }),
  ];
  const lines = historyRows(history, t('supervisor.history.team')).map((row) => [
    textCell(row.name),
    String(row.assigned),
    String(row.solved),
    minutesOneDecimal(row.firstResponse.medianMs),
    minutesOneDecimal(row.firstResponse.meanMs),
    minutesOneDecimal(row.resolution.medianMs),
    minutesOneDecimal(row.resolution.meanMs),
    percentCell(row.reopens.share),
    row.csat.average === null ? '' : row.csat.average.toFixed(2),
    String(row.csat.count),
    percentCell(row.slaBreaches.share),
  ]);
  return buildCsv([header, ...lines]);
}

/** "tierdesk-kpi-2025-03-01-2025-03-07.csv": the period's first and last local day. */
export function historyFileName(firstDay: string, lastDay: string): string {
  return `tierdesk-kpi-${firstDay}-${lastDay}.csv`;
}
