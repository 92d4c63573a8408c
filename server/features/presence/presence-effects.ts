import type { Logger } from '../../logger';
import type { DeskServer } from '../../sync/socket-types';
import { ADMINS_ROOM, groupSupervisorsRoom } from '../../sync/visibility';
import type { RoutingService } from '../routing/routing-service';
import type { PresenceTracker } from './presence-tracker';

/** An agent toggling away and back (or a flapping idle detector) starts at most one routing pass this often. */
const ROUTING_TRIGGER_INTERVAL_MS = 2_000;

/**
 * What a presence change sets off: the supervisors of the agent's groups and the admins
 * connected to this process hear of it (every process tells its own, so nobody hears twice), and
 * an agent who came online on this process gets the waiting work of their groups.
 */
export function wirePresenceEffects(
  io: DeskServer,
  tracker: PresenceTracker,
  routing: RoutingService,
  groupIdsOf: (agentId: string) => readonly string[],
  logger: Logger,
  wallClock: () => number = Date.now,
): () => void {
  const lastTriggered = new Map<string, number>();
  return tracker.onChange((change) => {
    const audience = [ADMINS_ROOM, ...groupIdsOf(change.agentId).map(groupSupervisorsRoom)];
    io.local.to(audience).emit('presence:changed', { agentId: change.agentId, presence: change.presence });
    if (change.origin !== 'local' || change.presence !== 'online') return;
    const now = wallClock();
    if (now - (lastTriggered.get(change.agentId) ?? -Infinity) < ROUTING_TRIGGER_INTERVAL_MS) return;
    lastTriggered.set(change.agentId, now);
    routing.assignWaitingFor(change.agentId).catch((error: unknown) => logger.error({ err: error }, 'routing waiting tickets failed'));
  });
}
