import type { Logger } from '../../logger';
import { SUPERVISORS_ROOM, type DeskServer } from '../../sync/socket-types';
import type { RoutingService } from '../routing/routing-service';
import type { PresenceTracker } from './presence-tracker';

/**
 * What a presence change sets off: supervisors and admins connected to this process hear of it
 * (every process tells its own, so nobody hears twice), and an agent who came online on this
 * process gets the waiting work of their groups.
 */
export function wirePresenceEffects(io: DeskServer, tracker: PresenceTracker, routing: RoutingService, logger: Logger): () => void {
  return tracker.onChange((change) => {
    io.local.to(SUPERVISORS_ROOM).emit('presence:changed', { agentId: change.agentId, presence: change.presence });
    if (change.origin === 'local' && change.presence === 'online') {
      routing.assignWaitingFor(change.agentId).catch((error: unknown) => logger.error({ err: error }, 'routing waiting tickets failed'));
    }
  });
}
