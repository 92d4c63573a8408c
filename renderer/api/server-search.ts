import { z } from 'zod';
import { CHANNELS, MESSAGE_KINDS, TICKET_STATUSES, OPEN_STATUSES, type Channel, type TicketStatus } from '../../core';
import { requestJson } from './json-request';

const ServerTicketSchema = z
  .object({
    id: z.string(),
    number: z.number(),
    subject: z.string(),
    status: z.enum(TICKET_STATUSES),
    channel: z.enum(CHANNELS),
    assigneeId: z.string().nullable(),
    requester: z.object({ email: z.string(), name: z.string() }).passthrough(),
  })
  .passthrough();
export type ServerTicket = z.infer<typeof ServerTicketSchema>;
const ListSchema = z.object({ tickets: z.array(ServerTicketSchema) }).passthrough();
const ConversationSchema = ServerTicketSchema.extend({
  messages: z.array(z.object({ id: z.string(), kind: z.enum(MESSAGE_KINDS), body: z.string(), authorName: z.string().nullable().optional(), createdAt: z.number() }).passthrough()),
});
export type ServerConversation = z.infer<typeof ConversationSchema>;

/** What narrows a search on the server, as the console's filter says it. */
export type ServerSearchFilter = { status: TicketStatus | 'open' | 'any'; channel: Channel | 'any' };

/** The server's ticket search (`GET /api/tickets?q=`), for tickets this desk does not hold; online only. */
export type ServerSearchApi = {
  searchServerTickets(text: string, filter: ServerSearchFilter, signal?: AbortSignal): Promise<ServerTicket[]>;
  /** A ticket with its latest messages, read from the server (it is not on this desk). */
  loadServerTicket(number: number, signal?: AbortSignal): Promise<ServerConversation>;
};

/** Found on the server, at most: the console lists its own hits first, these are the rest. */
export const SERVER_HITS_MAX = 20;

export function createServerSearchApi({ serverUrl, token }: { serverUrl: string; token: string }): ServerSearchApi {
  return {
    searchServerTickets: async (text, filter, signal) => {
      const params = new URLSearchParams({ q: text, limit: String(SERVER_HITS_MAX) });
      if (filter.status === 'open') params.set('status', OPEN_STATUSES.join(','));
      else if (filter.status !== 'any') params.set('status', filter.status);
      if (filter.channel !== 'any') params.set('channel', filter.channel);
      return (await requestJson({ serverUrl, token, method: 'GET', path: `/api/tickets?${params.toString()}`, signal }, ListSchema)).tickets;
    },
    loadServerTicket: (number, signal) => requestJson({ serverUrl, token, method: 'GET', path: `/api/tickets/${number}`, signal }, ConversationSchema),
  };
}
