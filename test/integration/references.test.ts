import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type MutationOutcome } from '../../core';
import { createSocketPool, request } from '../support/raw-socket';
import { auditOf, createTeam, readTicket, type Intaken, type Team } from '../support/routing-fixtures';
import { ROOMY_INTAKE_LIMITS } from '../support/intake-allowance';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * Every reference in an intent or request is checked against what the actor may see, and one to
 * something invisible reads exactly like one to something missing: the same status, the same
 * body, the same recorded rejection. Colliding ids are refused with a reason, never a server
 * error. Two isolated teams (groups A and B) on one real server; Ann is in A only.
 */
type PushAnswer = { ok: boolean; outcomes?: MutationOutcome[]; error?: string };

describe('references: invisible reads like missing, colliding ids are refused', () => {
  let server: TestServer;
  const pool = createSocketPool();
  let teamA: Team;
  let teamB: Team;
  let annSocket: Socket;

  beforeAll(async () => {
    server = await startTestServer({ env: ROOMY_INTAKE_LIMITS });
    teamA = await createTeam(server, [{ name: 'Ann of A' }]);
    teamB = await createTeam(server, [{ name: 'Ben of B' }]);
    annSocket = await pool.connect(server.url, { token: teamA.agents[0]!.token, protocolVersion: PROTOCOL_VERSION, presence: 'away' });
  });
  afterAll(async () => {
    pool.closeAll();
    await server?.stop();
  });

  const ann = () => teamA.agents[0]!;
  const patchAsAnn = (number: number, body: unknown) => server.api('PATCH', `/api/tickets/${number}`, { token: ann().token, body });
  const push = async (mutation: Record<string, unknown>): Promise<PushAnswer> => request<PushAnswer>(annSocket, 'mutations:push', { mutations: [mutation] });
  /** A number no ticket has: above the last one registered. */
  const missingNumber = async () => (await teamA.intake('number probe')).number + 10_000;
  const trace = async (ticket: Intaken) => {
    const read = await readTicket(server, ticket.number);
    return { version: read.version, status: read.status, duplicateOf: read.duplicateOf, messages: read.messages, audit: (await auditOf(server, ticket.id)).length };
  };

  describe('duplicateOf', () => {
    it('answers 404 with one identical body for a ticket of another group and for a number that does not exist, and writes nothing anywhere', async () => {
      const mine = await teamA.intake('Printer jams (Ann’s copy)');
      const theirs = await teamB.intake('Printer jams (group B’s ticket)');
      const before = { mine: await trace(mine), theirs: await trace(theirs) };

      const invisible = await patchAsAnn(mine.number, { status: 'canceled', duplicateOf: theirs.number });
      const missing = await patchAsAnn(mine.number, { status: 'canceled', duplicateOf: await missingNumber() });
      expect(invisible.status, JSON.stringify(invisible.body)).toBe(404);
      expect(missing.status, JSON.stringify(missing.body)).toBe(404);
      expect(invisible.body).toEqual(missing.body);
      expect(invisible.body).toMatchObject({ code: 'duplicate_not_found', error: expect.any(String) });

      // Neither ticket changed: no cancel on Ann's, and above all no note quoting her subject in B's.
      expect(await trace(mine)).toEqual(before.mine);
      expect(await trace(theirs)).toEqual(before.theirs);
      expect(JSON.stringify((await readTicket(server, theirs.number)).messages)).not.toContain('Ann’s copy');
    });

    it('refuses the same over the socket: one rejection for invisible and missing, recorded (a retry answers the same)', async () => {
      const mine = await teamA.intake('Socket duplicate attempt');
      const theirs = await teamB.intake('B only, socket');
      const before = await trace(theirs);
      const invisibleNumber = theirs.number;
      const absentNumber = await missingNumber();
      const invisibleIntent = { id: randomUUID(), ticketId: mine.id, createdAt: Date.now(), type: 'setStatus', payload: { status: 'canceled', duplicateOf: invisibleNumber } };
      const missingIntent = { id: randomUUID(), ticketId: mine.id, createdAt: Date.now(), type: 'setStatus', payload: { status: 'canceled', duplicateOf: absentNumber } };

      const invisible = await push(invisibleIntent);
      const missing = await push(missingIntent);
      expect(invisible.ok, JSON.stringify(invisible)).toBe(true);
      expect(missing.ok, JSON.stringify(missing)).toBe(true);
      const invisibleOutcome = invisible.outcomes![0]!;
      const missingOutcome = missing.outcomes![0]!;
      expect(invisibleOutcome.state).toBe('rejected');
      // The same rejection, the number echoed being the only difference: the one the agent typed.
      const withoutEcho = (outcome: MutationOutcome) => (outcome.state === 'rejected' ? { ...outcome.rejection, params: { ...outcome.rejection.params, number: 0 } } : outcome);
      expect(withoutEcho(invisibleOutcome)).toEqual(withoutEcho(missingOutcome));
      expect(invisibleOutcome.state === 'rejected' && invisibleOutcome.rejection).toMatchObject({ code: 'duplicate_not_found', params: { number: invisibleNumber } });

      expect((await push(invisibleIntent)).outcomes).toEqual([invisibleOutcome]);
      expect(await trace(theirs)).toEqual(before);
      expect((await readTicket(server, mine.number)).status).toBe('new');
    });

    it('still links a duplicate the actor may see: the original gets the note', async () => {
      const original = await teamA.intake('Original in A');
      const copy = await teamA.intake('Copy in A');
      const canceled = await patchAsAnn(copy.number, { status: 'canceled', duplicateOf: original.number });
      expect(canceled.status, JSON.stringify(canceled.body)).toBe(200);
      expect(canceled.body).toMatchObject({ status: 'canceled', duplicateOf: original.number });
      const notes = (await readTicket(server, original.number)).messages.filter((message: { kind: string }) => message.kind === 'system');
      expect(notes).toEqual([expect.objectContaining({ body: expect.stringContaining(`#${copy.number}`) })]);
    });

    it('lets an admin, who sees both groups, link across them', async () => {
      const inA = await teamA.intake('Admin cancels this one');
      const inB = await teamB.intake('Admin keeps this one');
      const canceled = await server.api('PATCH', `/api/tickets/${inA.number}`, { token: server.adminToken, body: { status: 'canceled', duplicateOf: inB.number } });
      expect(canceled.status, JSON.stringify(canceled.body)).toBe(200);
      expect((await readTicket(server, inB.number)).messages.some((message: { kind: string; body: string }) => message.kind === 'system' && message.body.includes(`#${inA.number}`))).toBe(true);
    });
  });

  describe('ticket references', () => {
    it('reads, changes and escalates another group’s ticket exactly as a missing one: 404 with the same body', async () => {
      const theirs = await teamB.intake('Not for Ann');
      const absent = await missingNumber();
      const before = await trace(theirs);
      const pairs: [string, string, unknown][] = [
        ['GET', '', undefined],
        ['PATCH', '', { priority: 'urgent' }],
        ['POST', '/messages', { kind: 'note', body: 'peek' }],
        ['POST', '/escalations', { reason: 'peek' }],
      ];
      for (const [method, suffix, body] of pairs) {
        const invisible = await server.api(method, `/api/tickets/${theirs.number}${suffix}`, { token: ann().token, body });
        const missing = await server.api(method, `/api/tickets/${absent}${suffix}`, { token: ann().token, body });
        expect(invisible.status, `${method} ${suffix}`).toBe(404);
        expect(missing.status, `${method} ${suffix}`).toBe(404);
        expect(invisible.body.error.replace(String(theirs.number), 'N'), `${method} ${suffix}`).toBe(missing.body.error.replace(String(absent), 'N'));
      }
      expect(await trace(theirs)).toEqual(before);
    });

    it('refuses a pushed intent on another group’s ticket exactly as one on a ticket that does not exist', async () => {
      const theirs = await teamB.intake('Not for Ann either');
      const invisible = await push({ id: randomUUID(), ticketId: theirs.id, createdAt: Date.now(), type: 'note', payload: { body: 'peek' } });
      const missing = await push({ id: randomUUID(), ticketId: randomUUID(), createdAt: Date.now(), type: 'note', payload: { body: 'peek' } });
      const rejectionOf = (answer: PushAnswer) => {
        const outcome = answer.outcomes?.[0];
        return outcome?.state === 'rejected' ? outcome.rejection : outcome;
      };
      expect(rejectionOf(invisible)).toEqual({ code: 'ticket_not_found', message: expect.any(String) });
      expect(rejectionOf(invisible)).toEqual(rejectionOf(missing));
    });
  });

  describe('colliding ids', () => {
    it('refuses a note, a reply or an escalation whose id is an existing message’s, with a reason, and records it', async () => {
      const ticket = await teamA.intake('Collisions');
      const elsewhere = await teamB.intake('A message id from another group');
      const own = await readTicket(server, ticket.number);
      const foreign = await readTicket(server, elsewhere.number);
      const before = await trace(ticket);
      const takenIds = [own.messages[0].id as string, own.messages[1].id as string, foreign.messages[0].id as string];
      const intents = [
        { type: 'note', payload: { body: 'a note reusing the customer message id' } },
        { type: 'reply', payload: { body: 'a reply reusing the acknowledgement id' } },
        { type: 'escalate', payload: { reason: 'an escalation reusing another group’s message id' } },
      ];
      for (const [index, intent] of intents.entries()) {
        const mutation = { id: takenIds[index]!, ticketId: ticket.id, createdAt: Date.now(), ...intent };
        const answer = await push(mutation);
        expect(answer.ok, `${intent.type}: ${JSON.stringify(answer)}`).toBe(true);
        expect(answer.outcomes).toEqual([{ id: mutation.id, state: 'rejected', rejection: { code: 'invalid_mutation', message: 'this id is already taken' } }]);
        // Recorded like any rejection: the retry gets the same answer.
        expect((await push(mutation)).outcomes).toEqual(answer.outcomes);
      }
      expect(await trace(ticket)).toEqual(before);
      expect((await readTicket(server, elsewhere.number)).messages).toEqual(foreign.messages);
      // The same intent under a fresh id is fine: the refusal was about the id.
      const fresh = await push({ id: randomUUID(), ticketId: ticket.id, createdAt: Date.now(), type: 'note', payload: { body: 'a fresh note' } });
      expect(fresh.outcomes?.[0]?.state).toBe('applied');
    });
  });

  describe('customer endpoints', () => {
    const customerWrites = (number: number, key: string) => server.api('POST', `/api/tickets/${number}/customer-messages`, { body: { body: 'Any news?' }, headers: { 'x-access-key': key } });
    const customerRates = (number: number, key: string) => server.api('POST', `/api/tickets/${number}/rating`, { body: { score: 5 }, headers: { 'x-access-key': key } });

    it('answers a wrong key and a missing ticket with the same 404 and body, for messages and ratings, and stores nothing', async () => {
      const ticket = await teamA.intake('The customer’s own ticket');
      const other = await teamA.intake('Somebody else’s');
      const absent = await missingNumber();
      const before = await trace(ticket);
      for (const send of [customerWrites, customerRates]) {
        const wrongKey = await send(ticket.number, other.accessKey);
        const guessed = await send(ticket.number, 'guessed-key');
        const missing = await send(absent, ticket.accessKey);
        expect([wrongKey.status, guessed.status, missing.status]).toEqual([404, 404, 404]);
        expect(wrongKey.body).toEqual(missing.body);
        expect(guessed.body).toEqual(missing.body);
        expect(missing.body).toEqual({ error: expect.any(String) });
        expect(missing.body.error).not.toContain(String(absent));
      }
      expect(await trace(ticket)).toEqual(before);
      // The right key still works.
      expect((await customerWrites(ticket.number, ticket.accessKey)).status).toBe(201);
    });
  });
});
