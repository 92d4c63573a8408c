import { BehaviorSubject, type Observable } from 'rxjs';
import type { ServerToClientEvents, TicketViewer, ViewingReport } from '../../core';
import { request, type DeskSocket } from './desk-socket';

export type DeskCollision = {
  report(report: ViewingReport): void;
  readonly viewers$: Observable<readonly TicketViewer[]>;
  stop(): void;
};

type CollisionChange = Parameters<ServerToClientEvents['collision:changed']>[0];

/**
 * Which ticket this console shows (told to the server, again after every reconnect) and who
 * else is viewing or typing in tickets this agent may see (a snapshot on connect, then changes).
 * Ephemeral: nothing here is stored, and offline there is nobody to see.
 */
export function trackCollision(socket: DeskSocket, selfId: string): DeskCollision {
  const viewers$ = new BehaviorSubject<readonly TicketViewer[]>([]);
  let last: ViewingReport = { ticketId: null, typing: false };

  const send = () => {
    request(socket, (timed) => timed.emitWithAck('ticket:viewing', last)).catch(() => undefined);
  };
  const onConnect = () => {
    if (last.ticketId !== null) send();
    request(socket, (timed) => timed.emitWithAck('collision:snapshot', {}))
      .then((response) => response.ok && viewers$.next(response.viewers.filter((viewer) => viewer.agentId !== selfId)))
      .catch(() => undefined);
  };
  const onDisconnect = () => viewers$.next([]);
  const onChanged = (change: CollisionChange) => {
    if (change.agentId === selfId) return;
    const others = viewers$.value.filter((viewer) => !(viewer.agentId === change.agentId && viewer.ticketId === change.ticketId));
    // One agent views one ticket at a time per console; a new ticket replaces what they viewed.
    const elsewhere = change.activity === 'left' ? others : others.filter((viewer) => viewer.agentId !== change.agentId);
    viewers$.next(
      change.activity === 'left'
        ? elsewhere
        : [...elsewhere, { ticketId: change.ticketId, agentId: change.agentId, name: change.name, typing: change.activity === 'typing' }],
    );
  };
  socket.on('connect', onConnect);
  socket.on('disconnect', onDisconnect);
  socket.on('collision:changed', onChanged);
  if (socket.connected) onConnect();

  return {
    report(report) {
      if (report.ticketId === last.ticketId && report.typing === last.typing) return;
      last = report;
      if (socket.connected) send();
    },
    viewers$: viewers$.asObservable(),
    stop() {
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
      socket.off('collision:changed', onChanged);
      viewers$.complete();
    },
  };
}
