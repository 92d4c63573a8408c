import type { Presence } from '../../core';
import { Coalescer } from '../limits/coalescer';
import type { Logger } from '../logger';
import type { DeskServer } from './socket-types';
import { ADMINS_ROOM, groupSupervisorsRoom } from '../sync/visibility';
import type { RoutingService } from '../features/routing/routing-service';
import type { PresenceTracker } from '../features/presence/presence-tracker';

/** An agent toggling away and back (or a flapping idle detector) starts at most one routing pass this often. */
const ROUTING_TRIGGER_INTERVAL_MS = 2_000;

/**
 * What a presence change sets off: the supervisors of the agent's groups and the admins
 * connected to this process hear of it (every process tells its own, so nobody hears twice), and
 * an agent who came online on this process gets the waiting work of their groups. Watchers hear
 * at most one change per agent per `coalesceMs` (TIERDESK_WATCH_COALESCE_MS): an agent toggling
 * presence in a loop cannot flood every supervisor.
 */
export function wirePresenceEffects(
  io: DeskServer,
  tracker: PresenceTracker,
  routing: RoutingService,
  groupIdsOf: (agentId: string) => readonly string[],
  logger: Logger,
  options: { coalesceMs: number; wallClock?: () => number },
): () => void {
  const wallClock = options.wallClock ?? Date.now;
  const lastTriggered = new Map<string, number>();
  const announce = new Coalescer<string, Presence>(options.coalesceMs, (agentId, presence) => {
    const audience = [ADMINS_ROOM, ...groupIdsOf(agentId).map(groupSupervisorsRoom)];
    io.local.to(audience).emit('presence:changed', { agentId, presence });
  });
  const unsubscribe = tracker.onChange((change) => {
    announce.push(change.agentId, change.presence);
    if (change.origin !== 'local' || change.presence !== 'online') return;
    const now = wallClock();
    if (now - (lastTriggered.get(change.agentId) ?? -Infinity) < ROUTING_TRIGGER_INTERVAL_MS) return;
    lastTriggered.set(change.agentId, now);
    routing.assignWaitingFor(change.agentId).catch((error: unknown) => logger.error({ err: error }, 'routing waiting tickets failed'));
  });
  return () => {
    unsubscribe();
    announce.stop();
  };
}
