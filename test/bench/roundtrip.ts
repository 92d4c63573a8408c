import { filter, firstValueFrom, type Subscription } from 'rxjs';
import type { Mutation } from '../../core';
import type { OpenedDeskSession } from '../../renderer/sync/open-desk-session';
import { eventually } from '../support/eventually';
import { current, openTestDesk } from '../support/test-desk';
import { startTestServer } from '../support/test-server';
import { distributionLine, header, mib, now, within } from './report';
import { seedTickets } from './seed-server';

const TICKETS = 20;
const ITERATIONS = 200;
const WARMUP = 5;
/** A note normally lands in milliseconds; this only keeps a lost one from hanging the benchmark. */
const STEP_TIMEOUT_MS = 15_000;

export async function roundtrip(): Promise<void> {
  header('roundtrip: agent A writes a note, the server commits it, agent B sees it', [
    `one in-process server (SQLite, temp dir) with ${TICKETS} tickets; two Node desks (openTestDesk: RxDB memory storage + real replication and outbox over socket.io)`,
    `${ITERATIONS} notes sent one after another (next starts when B has the previous one), round-robin over the ${TICKETS} tickets; ${WARMUP} warm-up notes not counted`,
    'B has the ticket open (messages$ subscribed) before A records; timings start when A calls record()',
  ]);

  const rssAtStart = process.memoryUsage().rss;
  // A load test from one address: every rate limit off (the server warns about it at start).
  const server = await startTestServer({ env: { TIERDESK_RATE_LIMITS: 'off' } });
  const desks: OpenedDeskSession[] = [];
  try {
    const ticketIds = await seedTickets(server, TICKETS);
    const [agentA, agentB] = [await server.signIn({ name: 'Agent A' }), await server.signIn({ name: 'Agent B' })];
    const rssServerOnly = process.memoryUsage().rss;

    // The server's commit, seen from inside: when applyPushed has committed a batch holding the note.
    const committedAt = new Map<string, number>();
    const applyPushed = server.app.tickets.applyPushed.bind(server.app.tickets);
    server.app.tickets.applyPushed = async (agent, mutations: Mutation[]) => {
      const outcomes = await applyPushed(agent, mutations);
      const at = now();
      for (const outcome of outcomes) if (outcome.state === 'applied') committedAt.set(outcome.id, at);
      for (const mutation of mutations) if (!committedAt.has(mutation.id)) committedAt.set(mutation.id, Number.NaN);
      return outcomes;
    };

    const deskA = await openTestDesk(server.url, agentA);
    desks.push(deskA);
    const deskB = await openTestDesk(server.url, agentB);
    desks.push(deskB);
    for (const [name, desk] of [['A', deskA], ['B', deskB]] as const) {
      await eventually(`desk ${name} to hold the ${TICKETS} tickets and be online`, async () => {
        const queue = await current(desk.queue$({ view: 'all', status: 'any' }));
        const connection = await current(desk.connection$);
        return queue.length === TICKETS && connection.status === 'online';
      }, 30_000);
    }

    const committed: number[] = [];
    const confirmedToA: number[] = [];
    const seenByB: number[] = [];
    for (let iteration = 0; iteration < WARMUP + ITERATIONS; iteration++) {
      const ticketId = ticketIds[iteration % TICKETS]!;
      const body = `bench note ${iteration} ${Math.random().toString(36).slice(2)}`;
      const subscriptions: Subscription[] = [];
      try {
        // B's conversation is open and has rendered once before A acts.
        const bMessages$ = deskB.messages$(ticketId);
        await firstValueFrom(bMessages$);
        const seenByBPromise = firstValueFrom(bMessages$.pipe(filter((messages) => messages.some((message) => message.body === body && !message.pending))));

        // A's indicator: pending goes up when the note is recorded and back to 0 when the server's outcome is stored.
        let sawPending = false;
        const confirmedPromise = new Promise<number>((resolve) => {
          subscriptions.push(
            deskA.connection$.subscribe((connection) => {
              if (connection.pending > 0) sawPending = true;
              else if (sawPending) resolve(now());
            }),
          );
        });

        const start = now();
        await deskA.record({ ticketId, type: 'note', payload: { body } });
        const [confirmed, seen] = await within(
          `note ${iteration} to be confirmed to A and seen by B`,
          STEP_TIMEOUT_MS,
          Promise.all([confirmedPromise, seenByBPromise.then(() => now())]),
        );
        // Only A pushes, one note at a time: exactly this note's mutation went through the server.
        if (committedAt.size !== 1) throw new Error(`note ${iteration}: expected one pushed mutation on the server, saw ${committedAt.size}`);
        const committedMs = [...committedAt.values()][0]!;
        if (!Number.isFinite(committedMs)) throw new Error(`note ${iteration} was not applied by the server (rejected?)`);
        if (iteration >= WARMUP) {
          committed.push(committedMs - start);
          confirmedToA.push(confirmed - start);
          seenByB.push(seen - start);
        }
        committedAt.clear();
      } finally {
        subscriptions.forEach((subscription) => subscription.unsubscribe());
      }
    }
    const rejections = await current(deskA.rejections$);
    if (rejections.length) throw new Error(`${rejections.length} notes were rejected: ${rejections[0]!.rejection.message}`);

    console.log('from A.record() to:');
    console.log(distributionLine('(a) server committed', committed));
    console.log(distributionLine('(a) A confirmed (pending 0)', confirmedToA));
    console.log(distributionLine('(b) B sees it (messages$)', seenByB));
    const memory = process.memoryUsage();
    console.log('');
    console.log(
      `memory: process RSS ${mib(memory.rss)} at the end (the server runs in this process, with both desks): ` +
        `${mib(rssAtStart)} before the server, ${mib(rssServerOnly)} with the server started and seeded; heap used ${mib(memory.heapUsed)}`,
    );
  } finally {
    for (const desk of desks) await desk.close();
    await server.stop();
  }
}
