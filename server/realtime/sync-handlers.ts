import { z } from 'zod';
import { MutationSchema, PUSH_BATCH_MAX, PullRequestSchema, type MutationOutcome, type PullBatch } from '../../core';
import type { TicketService } from '../features/tickets/ticket-service';
import type { Database } from '../store/database';
import { pullPage } from '../sync/pull';
import { answerRequests, invalid, type RequestContext } from './socket-requests';
import type { DeskSocket } from './socket-types';

const PushRequestSchema = z.object({ mutations: z.array(z.unknown()).min(1).max(PUSH_BATCH_MAX) });

/** Pull pages of the change feed (filtered for this socket's viewer) and push outbox mutations. */
export function registerSyncHandlers(
  socket: DeskSocket,
  deps: { database: Database; tickets: TicketService; requests: RequestContext },
): void {
  const { database, tickets, requests } = deps;

  // A pull is charged its batch size; what the page did not fill is given back.
  answerRequests<typeof PullRequestSchema, PullBatch>(
    socket,
    'sync:pull',
    PullRequestSchema,
    requests,
    async (request) => ({ ok: true, ...(await pullPage(database.db, socket.data.viewer, request)) }),
    { cost: (request) => request.batchSize, unused: (request, answer) => request.batchSize - (answer.ok ? answer.documents.length : 0) },
  );

  answerRequests<typeof PushRequestSchema, { outcomes: MutationOutcome[] }>(socket, 'mutations:push', PushRequestSchema, requests, async (batch) => {
    const parsed = batch.mutations.map((mutation) => MutationSchema.safeParse(mutation));
    const badIndex = parsed.findIndex((result) => !result.success);
    const bad = parsed[badIndex];
    if (bad && !bad.success) return invalid(bad.error, `mutation ${badIndex}`);
    const mutations = parsed.flatMap((result) => (result.success ? [result.data] : []));
    return { ok: true, outcomes: await tickets.applyPushed(socket.data.viewer, mutations) };
  }, { cost: (batch) => batch.mutations.length });
}
