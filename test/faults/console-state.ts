import { isDeepStrictEqual } from 'node:util';
import type { MessageView, TicketView } from '../../renderer/sync/desk-session';
import { QUEUE_LIMIT } from '../../renderer/sync/queue-query';
import type { Subscription } from 'rxjs';
import type { AgentSeat } from './fault-world';
import type { AgentView } from './server-view';

/** Everything a console holds: its tickets (as shown) and each one's conversation. */
export type ConsoleHoldings = { tickets: Map<string, TicketView>; messages: Map<string, MessageView[]>; status: string; pending: number };

/**
 * Follows a console through its public observables only, as its screens do: the full ticket
 * list, the conversation of every ticket it holds or is asked about (`follow`), and its
 * connection. Reading is then instant, so a convergence time is not inflated by the reading.
 */
export class ConsoleWatch {
  private tickets: readonly TicketView[] = [];
  private readonly messages = new Map<string, readonly MessageView[]>();
  private connection = { status: 'offline', pending: 0 };
  private readonly subscriptions: Subscription[] = [];
  private readonly followed = new Set<string>();

  constructor(private readonly seat: AgentSeat) {
    this.subscriptions.push(
      seat.desk.queue$({ view: 'all', status: 'any' }).subscribe((tickets) => {
        this.tickets = tickets;
        this.follow(tickets.map((ticket) => ticket.id));
      }),
      seat.desk.connection$.subscribe((state) => (this.connection = state)),
    );
  }

  /** Also follows the conversations of these tickets (held or not). */
  follow(ticketIds: Iterable<string>): void {
    for (const ticketId of ticketIds) {
      if (this.followed.has(ticketId)) continue;
      this.followed.add(ticketId);
      this.subscriptions.push(this.seat.desk.messages$(ticketId).subscribe((conversation) => this.messages.set(ticketId, conversation)));
    }
  }

  /** Resolves once every followed observable has emitted (RxDB answers asynchronously). */
  async ready(): Promise<void> {
    for (let waited = 0; [...this.followed].some((id) => !this.messages.has(id)); waited += 10) {
      if (waited > 10_000) throw new Error(`${this.seat.agent.name}'s console did not answer its queries within 10 s`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  holdings(): ConsoleHoldings {
    // The 'all' view is capped; a run that outgrows it could not see everything the console holds.
    if (this.tickets.length >= QUEUE_LIMIT) throw new Error(`${this.seat.agent.name}'s console holds ${this.tickets.length} tickets: too many to enumerate (limit ${QUEUE_LIMIT})`);
    const messages = new Map<string, MessageView[]>();
    for (const [ticketId, conversation] of this.messages) if (conversation.length) messages.set(ticketId, [...conversation]);
    return { tickets: new Map(this.tickets.map((ticket) => [ticket.id, ticket])), messages, status: this.connection.status, pending: this.connection.pending };
  }

  stop(): void {
    this.subscriptions.forEach((subscription) => subscription.unsubscribe());
  }
}

/** Fields of `local` that differ from `server` (a field-by-field comparison: PostgreSQL reorders JSON keys). */
function differentFields(local: object, server: object, ignore: readonly string[]): string[] {
  const keys = new Set([...Object.keys(local), ...Object.keys(server)].filter((key) => !ignore.includes(key)));
  return [...keys].filter((key) => !isDeepStrictEqual((local as Record<string, unknown>)[key], (server as Record<string, unknown>)[key]));
}

/**
 * How a console differs from what the server says its agent may see; empty when it has
 * converged: online, nothing pending, the same tickets field by field, the same conversations.
 */
export function differences(seat: AgentSeat, holdings: ConsoleHoldings, view: AgentView): string[] {
  const found: string[] = [];
  const who = seat.agent.name;
  if (holdings.status !== 'online') found.push(`${who}: connection is ${holdings.status}`);
  if (holdings.pending !== 0) found.push(`${who}: ${holdings.pending} intents still pending`);
  for (const [id, server] of view.tickets) {
    const local = holdings.tickets.get(id);
    if (!local) {
      found.push(`${who}: misses ticket #${server.number} (${id})`);
      continue;
    }
    if (local.hasPendingChanges) found.push(`${who}: #${server.number} still shows pending changes`);
    const fields = differentFields(local, server, ['hasPendingChanges']);
    if (fields.length) found.push(`${who}: #${server.number} differs in ${fields.map((field) => `${field} (local ${JSON.stringify((local as Record<string, unknown>)[field])?.slice(0, 80)}, server ${JSON.stringify((server as Record<string, unknown>)[field])?.slice(0, 80)})`).join(', ')}`);
  }
  for (const [id, local] of holdings.tickets) {
    if (!view.tickets.has(id)) found.push(`${who}: holds ticket #${local.number} (${id}) the server does not give them${view.tombstones.has(id) ? ' (removed from their sight)' : ''}`);
  }
  for (const ticketId of new Set([...holdings.messages.keys(), ...view.messages.keys()])) {
    const local = new Map((holdings.messages.get(ticketId) ?? []).map((message) => [message.id, message]));
    const server = new Map((view.messages.get(ticketId) ?? []).map((message) => [message.id, message]));
    for (const [id, message] of server) {
      const mine = local.get(id);
      if (!mine) found.push(`${who}: misses message ${id} (${message.kind}) of ticket ${ticketId}`);
      else if (mine.pending) found.push(`${who}: message ${id} still pending`);
      else {
        const fields = differentFields(mine, message, ['pending']);
        if (fields.length) found.push(`${who}: message ${id} differs in ${fields.join(', ')}`);
      }
    }
    for (const [id, message] of local) {
      if (!server.has(id)) found.push(`${who}: holds message ${id} (${message.kind}${message.pending ? ', pending' : ''}) of ticket ${ticketId} the server does not give them`);
    }
  }
  return found;
}
