import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { SlaSettingsSchema } from '../../core';
import { SelfServiceSettingsSchema } from '../../core/knowledge';
import type { AuthService } from '../auth/auth-service';
import { ManualClock, type Clock } from '../clock';
import { changeSlaSettings } from '../features/lifecycle/sla-settings';
import type { TimerScheduler } from '../features/lifecycle/timer-scheduler';
import type { CommitPath } from '../features/tickets/commit-path';
import type { Database } from '../store/database';
import { loadSelfServiceSettings, saveSelfServiceSettings } from '../store/self-service-repository';
import { loadSlaSettings } from '../store/settings-repository';
import { requireSession } from './authenticate';
import { HttpError, parseOrThrow } from './errors';

const AdvanceSchema = z.object({ ms: z.number().int().min(1).max(366 * 24 * 3_600_000) }).strict();

export function registerAdminRoutes(
  app: FastifyInstance,
  deps: { auth: AuthService; database: Database; clock: Clock; scheduler: TimerScheduler; commits: CommitPath },
): void {
  const { auth, database, clock, scheduler } = deps;

  app.get('/api/admin/sla', async (request) => {
    await requireSession(auth, request, ['supervisor', 'admin']);
    return loadSlaSettings(database.db);
  });

  /** New targets apply to new tickets and to tickets whose priority changes; running clocks keep theirs. */
  app.put('/api/admin/sla', async (request) => {
    await requireSession(auth, request, ['admin']);
    const settings = parseOrThrow(SlaSettingsSchema, request.body, 'SLA settings');
    await changeSlaSettings(deps.commits, settings);
    return settings;
  });

  app.get('/api/admin/self-service', async (request) => {
    await requireSession(auth, request, ['supervisor', 'admin']);
    return loadSelfServiceSettings(database.db);
  });

  /** When acknowledgements offer a public article; every new request from now on is weighed with these (README "Self-service answers"). */
  app.put('/api/admin/self-service', async (request) => {
    await requireSession(auth, request, ['admin']);
    const settings = parseOrThrow(SelfServiceSettingsSchema, request.body, 'self-service settings');
    await deps.commits.commit(async (trx, now) => {
      await saveSelfServiceSettings(trx, settings, now);
      return { value: undefined };
    });
    return settings;
  });

  /** Only with TIERDESK_TEST_CLOCK=1: moves the server's clock and fires every timer now due. */
  app.post('/api/admin/clock/advance', async (request) => {
    if (!(clock instanceof ManualClock)) throw new HttpError(404, 'no route POST /api/admin/clock/advance');
    await requireSession(auth, request, ['admin']);
    const { ms } = parseOrThrow(AdvanceSchema, request.body, 'clock advance');
    const now = clock.advance(ms);
    const fired = await scheduler.runDue();
    return { now, fired };
  });
}
