import type { Intake } from '../../core';
import type { TestServer } from '../support/test-server';

const TYPES = ['incident', 'incident', 'incident', 'service_request', 'service_request', 'consultation', 'complaint'] as const;
const CHANNELS = ['email', 'portal', 'web_form', 'phone', 'messenger', 'api'] as const;

/** A plausible intake: a few sentences of text, customers spread over 500 addresses, types (and so priorities) mixed. */
export function benchIntake(index: number): Intake {
  return {
    subject: `Bench ticket ${index}: cannot open invoice #${10_000 + index}`,
    body: `Customer ${index % 500} reports that the invoice page shows an error after the last update. `.repeat(3).trim(),
    requester: { email: `customer${index % 500}@bench.example`, name: `Customer ${index % 500}` },
    channel: CHANNELS[index % CHANNELS.length],
    type: TYPES[index % TYPES.length],
  };
}

/**
 * Registers `count` tickets through the server's own TicketService (the path intake takes, minus
 * HTTP): one write transaction each. Returns the ids in registration order.
 */
export async function seedTickets(server: TestServer, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index++) {
    const { ticket } = await server.app.tickets.register(benchIntake(index));
    ids.push(ticket.id);
  }
  return ids;
}

/** What the server's store holds, counted in SQL (not through any client). */
export async function countStoredTickets(server: TestServer): Promise<number> {
  const row = await server.app.database.db
    .selectFrom('tickets')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
