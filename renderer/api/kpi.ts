import { z } from 'zod';
import type { KpiHistory, KpiHistoryQuery } from '../../core';
import { requestJson } from './json-request';

const DurationStatsSchema = z.object({ count: z.number(), medianMs: z.number().nullable(), meanMs: z.number().nullable() });
const ShareSchema = z.object({ part: z.number(), whole: z.number(), share: z.number().nullable() });
const CsatSchema = z.object({ count: z.number(), average: z.number().nullable() });

/** What the history screen reads; extra fields from a newer server pass through untouched. */
const KpiHistorySchema = z
  .object({
    from: z.number(),
    to: z.number(),
    timeZone: z.string(),
    agents: z.array(
      z
        .object({
          agentId: z.string(),
          name: z.string(),
          assigned: z.number(),
          solved: z.number(),
          firstResponse: DurationStatsSchema,
          resolution: DurationStatsSchema,
          reopens: ShareSchema,
          csat: CsatSchema,
          slaBreaches: ShareSchema,
        })
        .passthrough(),
    ),
    team: z
      .object({
        incoming: z.number(),
        incomingByChannel: z.record(z.string(), z.number()),
        solved: z.number(),
        selfSolved: z.number(),
        deflection: ShareSchema,
        firstResponse: DurationStatsSchema,
        resolution: DurationStatsSchema,
        reopens: ShareSchema,
        csat: CsatSchema,
        slaBreaches: ShareSchema,
        days: z.array(z.object({ dayStart: z.number(), incoming: z.number(), solved: z.number() })),
      })
      .passthrough(),
  })
  .passthrough();

/** GET /api/kpi/history (supervisors and admins): the KPIs of a period, per agent and for the team. */
export function fetchKpiHistory(serverUrl: string, token: string, query: KpiHistoryQuery, signal?: AbortSignal): Promise<KpiHistory> {
  const params = new URLSearchParams({ from: String(query.from), to: String(query.to) });
  if (query.groupId) params.set('groupId', query.groupId);
  if (query.level) params.set('level', String(query.level));
  return requestJson({ serverUrl, token, method: 'GET', path: `/api/kpi/history?${params.toString()}`, signal }, KpiHistorySchema as z.ZodType<KpiHistory>);
}
