import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Message, Ticket } from '../../core';
import { makeTicket } from '../app/testing/fake-desk-session';
import { openDeskDatabase, type DeskDatabase } from '../db/database';
import { ANY_TICKET, startLocalSearch, type LocalSearch, type TicketSearchHit } from './local-search';
import { toTicketDocument } from './queue-query';

const AGENT = 'agent-1';
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function openDatabase(): Promise<DeskDatabase> {
  const db = await openDeskDatabase(`search_${crypto.randomUUID().replace(/-/g, '')}`, getRxStorageMemory());
  cleanups.push(() => db.close());
  return db;
}

function open(db: DeskDatabase): LocalSearch {
  const search = startLocalSearch(db);
  cleanups.push(async () => search.stop());
  return search;
}

const ticket = (overrides: Partial<Ticket>): Ticket => {
  const { hasPendingChanges: _pending, ...plain } = makeTicket(overrides);
  return plain;
};
const message = (ticketId: string, body: string, createdAt = 1_000): Message => ({
  id: crypto.randomUUID(),
  ticketId,
  kind: 'customer',
  body,
  authorId: null,
  authorName: 'Customer',
  createdAt,
});

const numbers = (hits: TicketSearchHit[]) => hits.map((hit) => hit.number);
const marked = (snippet: { text: string; highlights: { start: number; end: number }[] } | null) =>
  snippet?.highlights.map(({ start, end }) => snippet.text.slice(start, end)) ?? [];

describe('local ticket search', () => {
  it('finds a ticket by any form of a word in a customer message, and marks it', async () => {
    const db = await openDatabase();
    const printer = ticket({ number: 1042, subject: 'Biuro', status: 'new' });
    const password = ticket({ number: 1043, subject: 'Доступ', status: 'in_progress' });
    await db.tickets.bulkInsert([toTicketDocument(printer), toTicketDocument(password)]);
    await db.messages.bulkInsert([message(printer.id, 'Nasza drukarka znowu nie działa.'), message(password.id, 'Не могу войти: забыл пароль.')]);
    const search = open(db);

    const [hit] = await search.search('drukarki', ANY_TICKET, AGENT);
    expect(hit?.number).toBe(1042);
    expect(marked(hit!.snippet)).toEqual(['drukarka']);
    expect(numbers(await search.search('паролем', ANY_TICKET, AGENT))).toEqual([1043]);
    expect(numbers(await search.search('#1043', ANY_TICKET, AGENT))).toEqual([1043]);
  });

  it('follows the database: a new message, a changed ticket, a removed ticket', async () => {
    const db = await openDatabase();
    const one = ticket({ number: 7, subject: 'VPN', status: 'new' });
    await db.tickets.insert(toTicketDocument(one));
    const search = open(db);
    expect(await search.search('faktura', ANY_TICKET, AGENT)).toEqual([]);

    await db.messages.insert(message(one.id, 'Proszę o fakturę za listopad'));
    await vi.waitFor(async () => expect(numbers(await search.search('faktury', ANY_TICKET, AGENT))).toEqual([7]));

    await db.tickets.upsert(toTicketDocument({ ...one, subject: 'Printer on floor 3', version: 2 }));
    await vi.waitFor(async () => expect(numbers(await search.search('printers', ANY_TICKET, AGENT))).toEqual([7]));

    await db.tickets.findOne(one.id).remove();
    await vi.waitFor(async () => expect(await search.search('printers', ANY_TICKET, AGENT)).toEqual([]));
  });

  it('applies the status, mine and channel filters', async () => {
    const db = await openDatabase();
    await db.tickets.bulkInsert([
      toTicketDocument(ticket({ number: 1, subject: 'Password reset', status: 'new', channel: 'email', assigneeId: AGENT })),
      toTicketDocument(ticket({ number: 2, subject: 'Password expired', status: 'closed', channel: 'email', assigneeId: AGENT })),
      toTicketDocument(ticket({ number: 3, subject: 'Password again', status: 'new', channel: 'phone', assigneeId: 'someone-else' })),
    ]);
    const search = open(db);
    const sorted = async (filter: Partial<typeof ANY_TICKET>) => numbers(await search.search('password', { ...ANY_TICKET, ...filter }, AGENT)).sort();
    expect(await sorted({})).toEqual([1, 2, 3]);
    expect(await sorted({ status: 'open' })).toEqual([1, 3]);
    expect(await sorted({ status: 'closed' })).toEqual([2]);
    expect(await sorted({ mine: true })).toEqual([1, 2]);
    expect(await sorted({ channel: 'phone' })).toEqual([3]);
  });

  it('ranks a subject match above a word deep in a conversation, and finds the requester', async () => {
    const db = await openDatabase();
    const deep = ticket({ number: 10, subject: 'Question', requester: { email: 'anna@firma.pl', name: 'Anna Nowak', organization: null } });
    const titled = ticket({ number: 11, subject: 'Invoice missing' });
    await db.tickets.bulkInsert([toTicketDocument(deep), toTicketDocument(titled)]);
    await db.messages.insert(message(deep.id, 'Hello, something about an invoice and much more text here to read.'));
    const search = open(db);
    expect(numbers(await search.search('invoice', ANY_TICKET, AGENT))).toEqual([11, 10]);
    expect(numbers(await search.search('nowak', ANY_TICKET, AGENT))).toEqual([10]);
    expect(numbers(await search.search('anna@firma.pl', ANY_TICKET, AGENT))).toEqual([10]);
  });
});

describe('tag suggestions', () => {
  it('suggests the desk’s tags by prefix, most used first, in their most used spelling, following changes', async () => {
    const db = await openDatabase();
    const one = ticket({ number: 1, tags: ['Billing', 'vpn'] });
    await db.tickets.bulkInsert([toTicketDocument(one), toTicketDocument(ticket({ number: 2, tags: ['billing', 'Bluetooth'] })), toTicketDocument(ticket({ number: 3, tags: ['billing'] }))]);
    const search = open(db);
    await search.search('anything', ANY_TICKET, AGENT);
    expect(search.tagSuggestions('b', 5)).toEqual(['billing', 'Bluetooth']);
    expect(search.tagSuggestions('', 1)).toEqual(['billing']);
    await db.tickets.findOne(one.id).patch({ tags: ['vpn', 'backup'] });
    await vi.waitFor(() => expect(search.tagSuggestions('ba', 5)).toEqual(['backup']), { timeout: 3_000 });
  });
});

describe('a first sync', () => {
  it('indexes pages of many tickets at once from whole reads once they pause, and stays searchable meanwhile', async () => {
    const db = await openDatabase();
    const early = ticket({ number: 1, subject: 'Early printer problem' });
    await db.tickets.insert(toTicketDocument(early));
    const search = open(db);
    await vi.waitFor(async () => expect(numbers(await search.search('printer', ANY_TICKET, AGENT))).toEqual([1]));
    // Two pages of 300 tickets with their messages, as a pull brings them.
    for (const page of [0, 1]) {
      const tickets = Array.from({ length: 300 }, (_, index) => ticket({ number: 100 + page * 300 + index, subject: `Page ${page}` }));
      await db.tickets.bulkInsert(tickets.map(toTicketDocument));
      await db.messages.bulkInsert(tickets.map((each) => message(each.id, `Die Tastatur klemmt ${each.number}`)));
    }
    await vi.waitFor(async () => expect((await search.search('klemmt', ANY_TICKET, AGENT)).length).toBe(50), { timeout: 5_000 });
    expect(numbers(await search.search('399', ANY_TICKET, AGENT))).toEqual([399]);
    expect(numbers(await search.search('printer', ANY_TICKET, AGENT))).toEqual([1]);
  });
});
