import { z } from 'zod';
import { MutationSchema, PUSH_BATCH_MAX, PullRequestSchema, type MutationOutcome, type PullBatch } from '../../core';
import type { TicketService } from '../features/tickets/ticket-service';
import type { Logger } from '../logger';
import type { Database } from '../store/database';
import { pullPage } from './pull';
import { answerRequests, invalid } from './socket-requests';
import type { DeskSocket } from './socket-types';

const PushRequestSchema = z.object({ mutations: z.array(z.unknown()).min(1).max(PUSH_BATCH_MAX) });

/** Pull pages of the change feed (filtered for this socket's viewer) and push outbox mutations. */
export function registerSyncHandlers(
  socket: DeskSocket,
  deps: { database: Database; tickets: TicketService; logger: Logger; live: () => boolean },
): void {
  const { database, tickets, logger, live } = deps;

  answerRequests<typeof PullRequestSchema, PullBatch>(socket, 'sync:pull', PullRequestSchema, { live, logger }, async (request) => ({
    ok: true,
    ...(await pullPage(database.db, socket.data.viewer, request)),
  }));

  answerRequests<typeof PushRequestSchema, { outcomes: MutationOutcome[] }>(socket, 'mutations:push', PushRequestSchema, { live, logger }, async (batch) => {
    const parsed = batch.mutations.map((mutation) => MutationSchema.safeParse(mutation));
    const badIndex = parsed.findIndex((result) => !result.success);
    const bad = parsed[badIndex];
    if (bad && !bad.success) return invalid(bad.error, `mutation ${badIndex}`);
    const mutations = parsed.flatMap((result) => (result.success ? [result.data] : []));
    return { ok: true, outcomes: await tickets.applyPushed(socket.data.viewer, mutations) };
  });
}
