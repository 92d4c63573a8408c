import type { FastifyInstance } from 'fastify';
import { SecurityLogQuerySchema, type SecurityLogPage } from '../../core/auth/account';
import type { AuthService } from '../auth/auth-service';
import { SECURITY_EVENT_KINDS, type SecurityLog } from '../features/security/security-log';
import type { Database } from '../store/database';
import { listSecurityEvents } from '../store/security-repository';
import { requireSession } from './authenticate';
import { HttpError, parseOrThrow } from './errors';

/**
 * GET /api/admin/security-log?limit=&before=&kind= (admins): newest first, `before` the id of
 * the oldest entry already shown. What is still queued in memory is written first, so an admin
 * reads what happened up to this request.
 */
export function registerSecurityLogRoutes(app: FastifyInstance, deps: { auth: AuthService; database: Database; securityLog: SecurityLog }): void {
  app.get('/api/admin/security-log', async (request): Promise<SecurityLogPage> => {
    await requireSession(deps.auth, request, ['admin']);
    const query = parseOrThrow(SecurityLogQuerySchema, request.query, 'security log query');
    if (query.kind !== undefined && !(SECURITY_EVENT_KINDS as readonly string[]).includes(query.kind)) {
      throw new HttpError(400, `invalid security log query (kind): expected one of ${SECURITY_EVENT_KINDS.join(', ')}`);
    }
    await deps.securityLog.flush();
    // One more than asked tells whether an older page exists.
    const rows = await listSecurityEvents(deps.database.db, { limit: query.limit + 1, beforeId: query.before, kind: query.kind });
    const events = rows.slice(0, query.limit).map((row) => ({ ...row, id: row.id ?? 0 }));
    const oldest = events.at(-1);
    return { events, nextBefore: rows.length > query.limit && oldest ? oldest.id : null, kinds: [...SECURITY_EVENT_KINDS] };
  });
}
