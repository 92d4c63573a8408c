import { z } from 'zod';
import type { KpiLiveSnapshot } from '../../core';
import { answerRequests, type RequestContext } from './socket-requests';
import type { DeskSocket } from './socket-types';
import type { KpiPublisher } from './kpi-publisher';

const EmptyRequestSchema = z.object({}).strict();

/** Supervisors and admins subscribe to live KPIs; plain agents are refused (the server decides, not the console). */
export function registerKpiHandlers(socket: DeskSocket, deps: { publisher: KpiPublisher; requests: RequestContext }): void {
  const { publisher, requests } = deps;
  socket.on('disconnect', () => publisher.unsubscribe(socket));

  answerRequests<typeof EmptyRequestSchema, { snapshot: KpiLiveSnapshot }>(socket, 'kpi:subscribe', EmptyRequestSchema, requests, async () => {
    if (socket.data.viewer.role === 'agent') return { ok: false, error: 'forbidden: only supervisors and admins see KPIs' };
    return { ok: true, snapshot: await publisher.subscribe(socket) };
  });

  answerRequests<typeof EmptyRequestSchema, object>(socket, 'kpi:unsubscribe', EmptyRequestSchema, requests, () => {
    publisher.unsubscribe(socket);
    return { ok: true };
  });
}
