import { randomBytes } from 'node:crypto';
import { uncacheRxQuery, type MangoQuery, type RxStorage } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { PRIORITIES, type Priority, type TicketStatus } from '../../core';
import { openDeskDatabase, type DeskDatabase } from '../../renderer/db/database';
import type { TicketDocument } from '../../renderer/db/schemas';
import type { QueueFilter } from '../../renderer/sync/desk-session';
import { QUEUE_LIMIT, queueQuery, toTicketDocument } from '../../renderer/sync/queue-query';
import { distributionLine, header, mib, now, seconds } from './report';
import { mulberry32 } from './seeded-random';

const TICKETS = 50_000;
const AGENTS = 25;
const RUNS = 200;
const WARMUP_RUNS = 10;
const INSERT_BATCH = 5_000;
const DAY_MS = 86_400_000;


function pick<T>(random: () => number, weighted: ReadonlyArray<readonly [T, number]>): T {
  const total = weighted.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [value, weight] of weighted) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return weighted.at(-1)![0];
}

/** A desk that has lived for half a year: most tickets finished, a working set open. */
const STATUS_SPREAD: ReadonlyArray<readonly [TicketStatus, number]> = [
  ['closed', 48],
  ['canceled', 4],
  ['fixed', 8],
  ['new', 10],
  ['in_progress', 17],
  ['waiting_for_customer', 8],
  ['hold', 5],
];
const PRIORITY_SPREAD: ReadonlyArray<readonly [Priority, number]> = [
  ['urgent', 4],
  ['high', 16],
  ['normal', 62],
  ['low', 18],
];

const uuid = (random: () => number) => {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

function generateTickets(count: number, agentIds: string[], nowMs: number): TicketDocument[] {
  const random = mulberry32(20_240_601);
  const tickets: TicketDocument[] = [];
  for (let index = 0; index < count; index++) {
    const status = pick(random, STATUS_SPREAD);
    const priority = pick(random, PRIORITY_SPREAD);
    // New tickets mostly wait in the unassigned pool; worked ones almost always have an owner.
    const unassigned = status === 'new' ? random() < 0.85 : random() < 0.04;
    const assigneeId = unassigned ? null : agentIds[Math.floor(random() * agentIds.length)]!;
    const createdAt = Math.round(nowMs - random() * 180 * DAY_MS);
    const finished = status === 'closed' || status === 'canceled' || status === 'fixed';
    tickets.push(toTicketDocument({
      id: uuid(random),
      number: index + 1,
      subject: `Ticket ${index + 1}: the invoice page shows an error`,
      description: 'The customer reports that the invoice page shows an error after the last update. Steps attached.',
      channel: (['email', 'portal', 'web_form', 'phone', 'messenger', 'api'] as const)[index % 6]!,
      requester: { email: `customer${index % 2_000}@bench.example`, name: `Customer ${index % 2_000}`, organization: null },
      type: 'incident',
      priority,
      level: random() < 0.8 ? 1 : random() < 0.75 ? 2 : 3,
      groupId: null,
      assigneeId,
      assignedAt: assigneeId === null ? null : createdAt,
      assignedBy: null,
      precedent: false,
      status,
      tags: index % 7 === 0 ? ['billing'] : [],
      duplicateOf: null,
      followUpOf: null,
      holdUntil: null,
      reopenCount: random() < 0.05 ? 1 : 0,
      createdAt,
      updatedAt: createdAt + Math.round(random() * 5 * DAY_MS),
      firstResponseAt: status === 'new' ? null : createdAt + Math.round(random() * DAY_MS),
      fixedAt: finished ? createdAt + Math.round(random() * 7 * DAY_MS) : null,
      closedAt: status === 'closed' ? createdAt + Math.round(random() * 14 * DAY_MS) : null,
      sla: benchSla(createdAt, status),
      version: 1 + Math.floor(random() * 8),
    }));
  }
  return tickets;
}

/** SLA clocks as the server would keep them: running while open, 4 h / 27 h targets. */
function benchSla(createdAt: number, status: TicketStatus) {
  const running = status === 'new' || status === 'in_progress';
  return {
    firstResponseTargetMs: 4 * 3_600_000,
    resolutionTargetMs: 27 * 3_600_000,
    elapsedMs: running ? 0 : 3_600_000,
    runningSince: running ? createdAt : null,
    firstResponseDueAt: running ? createdAt + 4 * 3_600_000 : null,
    resolutionDueAt: running ? createdAt + 27 * 3_600_000 : null,
    firstResponseWarnedAt: null,
    resolutionWarnedAt: null,
    firstResponseBreachedAt: null,
    resolutionBreachedAt: null,
  };
}

const OPEN = new Set<TicketStatus>(['new', 'in_progress', 'waiting_for_customer', 'hold', 'fixed']);
const matches = (ticket: TicketDocument, filter: QueueFilter, agentId: string) =>
  (filter.view !== 'mine' || ticket.assigneeKey === agentId) &&
  (filter.view !== 'unassigned' || ticket.assigneeKey === '') &&
  (filter.status === 'any' || (filter.status === 'open' ? OPEN.has(ticket.status) : ticket.status === filter.status));

/** One uncached `.exec()`: what opening a queue view (or switching to it) costs. */
async function execUncached(db: DeskDatabase, query: MangoQuery<TicketDocument>): Promise<{ ms: number; rows: number }> {
  const rxQuery = db.tickets.find(query);
  const start = now();
  const docs = await rxQuery.exec();
  const ms = now() - start;
  // Without this, RxDB's query cache answers the next identical query without running it.
  uncacheRxQuery(db.tickets._queryCache, rxQuery);
  return { ms, rows: docs.length };
}

export async function queueQueryBench(): Promise<void> {
  header('queue-query: the queue view queries on a large local desk', [
    `${TICKETS.toLocaleString('en')} tickets in one RxDB database (renderer/db/database.ts schema and indexes), ${AGENTS} assignees`,
    'RxDB MEMORY storage in Node (the console uses IndexedDB via dexie in the browser, which is slower: these are lower bounds)',
    `6 query shapes (view mine/unassigned/all × status open/any), sort priorityRank asc, createdAt asc, limit ${QUEUE_LIMIT}`,
    `each shape: ${WARMUP_RUNS} warm-up runs (not counted), then ${RUNS} sequential uncached .exec() runs (a fresh RxQuery each, query cache cleared)`,
  ]);

  const agentIds = Array.from({ length: AGENTS }, (_, index) => `00000000-0000-4000-a000-${String(index).padStart(12, '0')}`);
  const me = agentIds[0]!;
  const tickets = generateTickets(TICKETS, agentIds, Date.now());
  const db = await openDeskDatabase(`bench_queue_${randomBytes(6).toString('hex')}`, getRxStorageMemory() as RxStorage<unknown, unknown>);
  try {
    const heapBefore = process.memoryUsage().heapUsed;
    const insertStart = now();
    for (let offset = 0; offset < tickets.length; offset += INSERT_BATCH) {
      const result = await db.tickets.bulkInsert(tickets.slice(offset, offset + INSERT_BATCH));
      if (result.error.length) throw new Error(`bulkInsert refused ${result.error.length} tickets: ${JSON.stringify(result.error[0]).slice(0, 300)}`);
    }
    const insertMs = now() - insertStart;
    const stored = await db.tickets.count().exec();
    if (stored !== TICKETS) throw new Error(`the database holds ${stored} tickets, expected ${TICKETS}`);
    const memory = process.memoryUsage();
    const spread = (key: 'status' | 'priority') =>
      Object.entries(tickets.reduce<Record<string, number>>((counts, ticket) => ({ ...counts, [ticket[key]]: (counts[ticket[key]] ?? 0) + 1 }), {}))
        .map(([value, count]) => `${value} ${((count / TICKETS) * 100).toFixed(0)}%`)
        .join(', ');
    console.log(`data: statuses ${spread('status')}`);
    console.log(`      priorities ${spread('priority')} (order ${PRIORITIES.join(' > ')})`);
    console.log(`      unassigned ${tickets.filter((ticket) => ticket.assigneeKey === '').length}, assigned to "me" ${tickets.filter((ticket) => ticket.assigneeKey === me).length}`);
    console.log(
      `insert: ${TICKETS} tickets by bulkInsert (${INSERT_BATCH} a batch) in ${seconds(insertMs)} (${Math.round(TICKETS / (insertMs / 1000))} docs/s);` +
        ` heap used +${mib(memory.heapUsed - heapBefore)} (now ${mib(memory.heapUsed)}), process RSS ${mib(memory.rss)}`,
    );
    console.log('');

    const plans: string[] = [];
    const shapes: QueueFilter[] = [];
    for (const view of ['mine', 'unassigned', 'all'] as const) for (const status of ['open', 'any'] as const) shapes.push({ view, status });
    for (const filter of shapes) {
      const query = queueQuery(filter, me);
      const matching = tickets.filter((ticket) => matches(ticket, filter, me)).length;
      const expectedRows = Math.min(matching, QUEUE_LIMIT);
      for (let run = 0; run < WARMUP_RUNS; run++) await execUncached(db, query);
      const samples: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const { ms, rows } = await execUncached(db, query);
        if (rows !== expectedRows) throw new Error(`${filter.view}/${filter.status}: ${rows} rows, expected ${expectedRows}`);
        samples.push(ms);
      }
      console.log(`${distributionLine(`${filter.view}/${filter.status}`.padEnd(15) + `${String(matching).padStart(6)} match`, samples, 30)}`);
      // The plan RxDB hands the storage (with the `_deleted` condition it adds), not one recomputed here.
      const planned = db.tickets.find(query);
      const plan = planned.getPreparedQuery().queryPlan;
      uncacheRxQuery(db.tickets._queryCache, planned);
      plans.push(
        `  ${`${filter.view}/${filter.status}`.padEnd(16)} index [${plan.index.join(', ')}], ` +
          `selector ${plan.selectorSatisfiedByIndex ? 'fully' : 'partly'} by index, sort ${plan.sortSatisfiedByIndex ? 'by index' : 'in memory after fetching every match'}`,
      );
    }
    console.log('');
    console.log("RxDB's query plan per shape:");
    plans.forEach((line) => console.log(line));

    // For contrast: the same RxQuery again with no write in between is answered from its cached result.
    const cached = db.tickets.find(queueQuery({ view: 'all', status: 'open' }, me));
    await cached.exec();
    const cachedSamples: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const start = now();
      await cached.exec();
      cachedSamples.push(now() - start);
    }
    console.log('');
    console.log(distributionLine('all/open, same RxQuery, cached', cachedSamples, 30));
    console.log('  (the console opens on view mine/open: renderer/state/ui-store.ts)');
    console.log('  (the live queue$ subscription re-queries only after writes; with eventReduce many writes need no re-query at all)');
    console.log('not done: the same queries in Chromium on IndexedDB (no bench page exists and none was built; see the report)');
  } finally {
    // remove(), not close(): the memory storage keeps a closed database's documents for a reopen.
    await db.remove();
  }
}
