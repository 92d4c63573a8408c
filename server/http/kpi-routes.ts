import type { FastifyInstance } from 'fastify';
import { KpiHistoryQuerySchema } from '../../core';
import type { AuthService } from '../auth/auth-service';
import { periodKpis } from '../features/kpi/kpi-history';
import { scopeOf, snapshotFor } from '../features/kpi/kpi-view';
import type { LiveKpi } from '../features/kpi/live-kpi';
import type { Database } from '../store/database';
import { loadSlaSettings } from '../store/settings-repository';
import { loadViewer } from '../sync/load-viewer';
import { requireSession } from './authenticate';
import { parseOrThrow } from './errors';

/**
 * KPIs for supervisors (their groups) and admins (everything): the live snapshot, the same shape
 * `kpi:update` carries, for wallboards and scripts; and any period, replayed from the audit log.
 */
export function registerKpiRoutes(app: FastifyInstance, deps: { auth: AuthService; database: Database; live: LiveKpi }): void {
  const { auth, database, live } = deps;

  app.get('/api/kpi/live', async (request) => {
    const { agent } = await requireSession(auth, request, ['supervisor', 'admin']);
    await live.rollOverIfDue();
    return snapshotFor(live, scopeOf(await loadViewer(database.db, agent)));
  });

  app.get('/api/kpi/history', async (request) => {
    const { agent } = await requireSession(auth, request, ['supervisor', 'admin']);
    const query = parseOrThrow(KpiHistoryQuerySchema, request.query, 'period');
    const viewer = await loadViewer(database.db, agent);
    const { timeZone } = (await loadSlaSettings(database.db)).calendar;
    return periodKpis(database.db, scopeOf(viewer), query, timeZone);
  });
}
