import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type Presence } from '../../core';
import { expectRefusedAck, recordEvents, settle, type SocketAck } from '../support/bad-input';
import { eventually } from '../support/eventually';
import { createSocketPool, nextEvent, request } from '../support/raw-socket';
import { auditOf, createTeam, intake, readTicket, type Intaken } from '../support/routing-fixtures';
import { ROOMY_INTAKE_LIMITS } from '../support/intake-allowance';
import { startTestServer, type SignedIn, type TestServer } from '../support/test-server';

/**
 * The socket events beyond sync against bad input: the handshake's presence, presence reports and
 * lists, collision (viewing and typing), live KPIs, and the routing intents inside a push. Every
 * refused request is answered `{ ok: false, error }` and leaves no trace a client could see: no
 * presence change, no `collision:changed`, no `kpi:update`, no ticket change. Every console here
 * says it is away, so routing hands nobody work while the tests look for changes.
 */

type CollisionChange = { ticketId: string; agentId: string; activity: string };
type ListAck = SocketAck & { agents?: { agentId: string; presence: Presence }[] };
type SnapshotAck = SocketAck & { viewers?: { ticketId: string; agentId: string; typing: boolean }[] };

describe('socket bad input: presence, collision, KPIs and routing intents', () => {
  let server: TestServer;
  const pool = createSocketPool();
  let agent: SignedIn;
  let watcher: SignedIn;
  let ticket: Intaken;
  /** A ticket of a group neither the agent nor the watcher belongs to. */
  let hidden: Intaken;
  let agentSocket: Socket;
  let watcherSocket: Socket;
  let outsiderSocket: Socket;
  let adminSocket: Socket;
  /** Every `presence:changed` the admin hears, and every `collision:changed` each observer hears. */
  let presenceChanges: { agentId: string; presence: Presence }[];
  let collisions: Record<'watcher' | 'outsider' | 'admin', CollisionChange[]>;

  const auth = (token: string, presence: unknown = 'away') => ({ token, protocolVersion: PROTOCOL_VERSION, presence });

  beforeAll(async () => {
    server = await startTestServer({ env: ROOMY_INTAKE_LIMITS });
    agent = await server.signIn({ name: 'Alice Agent' });
    watcher = await server.signIn({ name: 'Walt Watcher' });
    const elsewhere = await createTeam(server, [{ name: 'Olga Outsider' }]);
    ticket = await intake(server, 'Looked at by Alice');
    hidden = await elsewhere.intake('Only Olga’s group sees this');
    adminSocket = await pool.connect(server.url, auth(server.adminToken));
    presenceChanges = recordEvents(adminSocket, 'presence:changed');
    agentSocket = await pool.connect(server.url, auth(agent.token));
    watcherSocket = await pool.connect(server.url, auth(watcher.token));
    outsiderSocket = await pool.connect(server.url, auth(elsewhere.agents[0]!.token));
    collisions = {
      watcher: recordEvents(watcherSocket, 'collision:changed'),
      outsider: recordEvents(outsiderSocket, 'collision:changed'),
      admin: recordEvents(adminSocket, 'collision:changed'),
    };
  });
  afterAll(async () => {
    pool.closeAll();
    await server?.stop();
  });

  const everyone = () => [agentSocket, watcherSocket, outsiderSocket, adminSocket];
  const presenceOf = async (agentId: string) => {
    const listed = await request<ListAck>(adminSocket, 'presence:list', {});
    expect(listed.ok, JSON.stringify(listed)).toBe(true);
    return listed.agents!.find((entry) => entry.agentId === agentId)?.presence;
  };
  const presenceChangesOf = (agentId: string) => presenceChanges.filter((change) => change.agentId === agentId).length;
  const collisionCounts = () => ({ watcher: collisions.watcher.length, outsider: collisions.outsider.length, admin: collisions.admin.length });
  const watchersSnapshot = async () => {
    const snapshot = await request<SnapshotAck>(watcherSocket, 'collision:snapshot', {});
    expect(snapshot.ok, JSON.stringify(snapshot)).toBe(true);
    return snapshot.viewers;
  };
  const ticketTrace = async (target: Intaken) => ({ ticket: await readTicket(server, target.number), audit: await auditOf(server, target.id) });

  describe('handshake presence', () => {
    let newcomer: SignedIn;
    beforeAll(async () => {
      newcomer = await server.signIn({ name: 'Nina Newcomer' });
    });

    it.each([['busy'], [5], ['offline'], [''], [null], [true], [['online']]])('presence %j is refused as "invalid_handshake", no socket connects and nobody comes online', async (presence) => {
      // A malformed presence is its own refusal: the token is good, so "unauthorized" would send the console to sign-in.
      const heardBefore = presenceChangesOf(newcomer.agent.id);
      expect(await pool.refusal(server.url, auth(newcomer.token, presence))).toBe('invalid_handshake');
      await settle([adminSocket]);
      expect(await presenceOf(newcomer.agent.id)).toBe('offline');
      expect(presenceChangesOf(newcomer.agent.id)).toBe(heardBefore);
    });
  });

  describe('presence:set and presence:list', () => {
    it.each([
      ['an empty object', {}],
      ['missing manual', { state: 'online' }],
      ['missing state', { manual: true }],
      ['state "offline" (a console may not claim offline)', { state: 'offline', manual: true }],
      ['state "busy"', { state: 'busy', manual: true }],
      ['state a number', { state: 1, manual: true }],
      ['manual "yes"', { state: 'online', manual: 'yes' }],
      ['manual 1', { state: 'online', manual: 1 }],
      ['an extra agentId', { state: 'online', manual: true, agentId: '00000000-0000-4000-8000-000000000000' }],
      ['a string payload', 'online'],
      ['a null payload', null],
      ['an array payload', [{ state: 'online', manual: true }]],
    ])('presence:set with %s is refused and the agent stays away', async (what, payload) => {
      const heardBefore = presenceChangesOf(agent.agent.id);
      expectRefusedAck(await request(agentSocket, 'presence:set', payload), what, /^invalid request/);
      await settle([adminSocket]);
      expect(await presenceOf(agent.agent.id), what).toBe('away');
      expect(presenceChangesOf(agent.agent.id), `${what}: no presence:changed`).toBe(heardBefore);
    });

    it('presence:list by a plain agent is refused', async () => {
      expectRefusedAck(await request(agentSocket, 'presence:list', {}), 'plain agent', /forbidden/);
    });

    it.each([
      ['an unknown key', { agentId: '00000000-0000-4000-8000-000000000000' }],
      ['a string payload', 'all'],
      ['a null payload', null],
      ['an array payload', []],
      ['a number payload', 0],
    ])('presence:list with %s is refused, even for an admin', async (what, payload) => {
      expectRefusedAck(await request(adminSocket, 'presence:list', payload), what, /^invalid request/);
    });
  });

  describe('ticket:viewing and collision:snapshot', () => {
    beforeAll(async () => {
      // Alice has the ticket open: a refused report must neither move her nor end her viewing.
      const heard = nextEvent<CollisionChange>(watcherSocket, 'collision:changed');
      expect(await request(agentSocket, 'ticket:viewing', { ticketId: ticket.id, typing: false })).toEqual({ ok: true });
      expect(await heard).toMatchObject({ ticketId: ticket.id, agentId: agent.agent.id, activity: 'viewing' });
    });

    it.each([
      ['a ticketId that is not a uuid', () => ({ ticketId: 'ticket-1', typing: false }), /^invalid request/],
      ['a ticketId that is a number', () => ({ ticketId: ticket.number, typing: false }), /^invalid request/],
      ['an unknown ticket', () => ({ ticketId: '00000000-0000-4000-8000-000000000000', typing: true }), /no such ticket/],
      ['a ticket of another group', () => ({ ticketId: hidden.id, typing: true }), /no such ticket/],
      ['typing "yes"', () => ({ ticketId: ticket.id, typing: 'yes' }), /^invalid request/],
      ['typing missing', () => ({ ticketId: ticket.id }), /^invalid request/],
      ['ticketId missing', () => ({ typing: true }), /^invalid request/],
      ['an extra agentId', () => ({ ticketId: ticket.id, typing: true, agentId: watcher.agent.id }), /^invalid request/],
      ['a string payload', () => ticket.id, /^invalid request/],
      ['a null payload', () => null, /^invalid request/],
      ['an array payload', () => [ticket.id, true], /^invalid request/],
    ])('ticket:viewing with %s is refused and no collision:changed reaches anyone', async (what, payload, reason) => {
      const before = collisionCounts();
      expectRefusedAck(await request(agentSocket, 'ticket:viewing', payload()), what, reason);
      await settle(everyone());
      expect(collisionCounts(), `${what}: nobody heard a collision change`).toEqual(before);
      expect(await watchersSnapshot(), `${what}: Alice still views the ticket, not typing`).toEqual([
        { ticketId: ticket.id, agentId: agent.agent.id, name: agent.agent.name, typing: false },
      ]);
    });

    it.each([
      ['an unknown key', { ticketId: '00000000-0000-4000-8000-000000000000' }],
      ['a string payload', 'all'],
      ['a null payload', null],
      ['an array payload', []],
      ['a number payload', 1],
    ])('collision:snapshot with %s is refused', async (what, payload) => {
      expectRefusedAck(await request(watcherSocket, 'collision:snapshot', payload), what, /^invalid request/);
    });
  });

  describe('kpi:subscribe and kpi:unsubscribe', () => {
    let subscriber: Socket;
    let probe: Socket;
    let updates: Record<'subscriber' | 'probe' | 'agent', unknown[]>;

    beforeAll(async () => {
      subscriber = await pool.connect(server.url, auth(server.adminToken));
      probe = await pool.connect(server.url, auth(server.adminToken));
      updates = { subscriber: recordEvents(subscriber, 'kpi:update'), probe: recordEvents(probe, 'kpi:update'), agent: recordEvents(agentSocket, 'kpi:update') };
      expect(await request<SocketAck>(subscriber, 'kpi:subscribe', {})).toMatchObject({ ok: true });
    });

    /** A change goes out to the subscribed admin; the given sockets hear nothing of it. */
    const expectNoUpdateFor = async (quiet: ('probe' | 'agent')[]) => {
      const before = { subscriber: updates.subscriber.length, probe: updates.probe.length, agent: updates.agent.length };
      await intake(server, 'A change the KPIs count');
      await eventually('the subscribed admin to get a kpi:update', () => updates.subscriber.length > before.subscriber);
      await settle([probe, agentSocket]);
      for (const who of quiet) expect(updates[who].length, `no kpi:update reached the ${who} socket`).toBe(before[who]);
    };

    it('kpi:subscribe by a plain agent is refused and no kpi:update follows', async () => {
      expectRefusedAck(await request(agentSocket, 'kpi:subscribe', {}), 'plain agent', /forbidden/);
      await expectNoUpdateFor(['agent']);
    });

    it.each([
      ['an unknown key', { groupId: '00000000-0000-4000-8000-000000000000' }],
      ['a string payload', 'all'],
      ['a null payload', null],
      ['an array payload', []],
    ])('kpi:subscribe with %s is refused, even for an admin, and no kpi:update follows', async (what, payload) => {
      expectRefusedAck(await request(probe, 'kpi:subscribe', payload), what, /^invalid request/);
      await expectNoUpdateFor(['probe']);
    });

    it.each([
      ['an unknown key', { all: true }],
      ['a string payload', 'all'],
      ['a null payload', null],
    ])('kpi:unsubscribe with %s is refused and the subscription goes on', async (what, payload) => {
      expectRefusedAck(await request(subscriber, 'kpi:unsubscribe', payload), what, /^invalid request/);
      await expectNoUpdateFor([]);
    });

    it('kpi:subscribe without a payload or without an ack subscribes nobody', async () => {
      expectRefusedAck(await request(probe, 'kpi:subscribe'), 'no payload', /payload is missing/);
      probe.emit('kpi:subscribe', {});
      await expectNoUpdateFor(['probe']);
    });
  });

  describe('mutations:push with bad routing intents', () => {
    let target: Intaken;
    beforeAll(async () => {
      target = await intake(server, 'Pushed at with bad intents');
    });

    const pushed = (type: string, payload: unknown) => ({ id: crypto.randomUUID(), ticketId: target.id, createdAt: Date.now(), type, payload });
    it.each([
      ['escalate with an empty reason', () => [pushed('escalate', { reason: '' })], 0],
      ['escalate with a whitespace-only reason', () => [pushed('escalate', { reason: '   ' })], 0],
      ['escalate with a reason over 2000 characters', () => [pushed('escalate', { reason: 'r'.repeat(2_001) })], 0],
      ['escalate without a reason', () => [pushed('escalate', {})], 0],
      ['escalate with an extra level', () => [pushed('escalate', { reason: 'why', level: 3 })], 0],
      ['setRouting with a group that is not a uuid', () => [pushed('setRouting', { groupId: 'General', level: 2 })], 0],
      ['setRouting with level 9', () => [pushed('setRouting', { groupId: crypto.randomUUID(), level: 9 })], 0],
      ['setRouting with level "2"', () => [pushed('setRouting', { groupId: crypto.randomUUID(), level: '2' })], 0],
      ['setRouting without a level', () => [pushed('setRouting', { groupId: crypto.randomUUID() })], 0],
      ['setRouting with an extra assigneeId', () => [pushed('setRouting', { groupId: crypto.randomUUID(), level: 2, assigneeId: null })], 0],
      ['markPrecedent with a string payload', () => [pushed('markPrecedent', 'yes')], 0],
      ['markPrecedent with precedent "true"', () => [pushed('markPrecedent', { precedent: 'true' })], 0],
      ['markPrecedent without precedent', () => [pushed('markPrecedent', {})], 0],
      ['a valid escalate followed by a bad markPrecedent', () => [pushed('escalate', { reason: 'valid' }), pushed('markPrecedent', 1)], 1],
    ])('%s: the batch is refused and nothing is applied', async (what, mutations, badIndex) => {
      const before = await ticketTrace(target);
      const ack = await request(agentSocket, 'mutations:push', { mutations: mutations() });
      expectRefusedAck(ack, what, new RegExp(`^invalid request at mutation ${badIndex}\\b`));
      expect(await ticketTrace(target), `${what}: ticket and audit trail unchanged`).toEqual(before);
    });
  });

  describe('events without a payload or without an ack', () => {
    it.each(['presence:set', 'presence:list', 'ticket:viewing', 'collision:snapshot', 'kpi:subscribe', 'kpi:unsubscribe'])(
      '%s without a payload is answered ok:false, not left hanging',
      async (event) => {
        expectRefusedAck(await request(adminSocket, event), event, /payload is missing/);
        expect(adminSocket.connected).toBe(true);
      },
    );

    it('presence:set without an ack changes nothing: the agent stays away', async () => {
      const heardBefore = presenceChangesOf(agent.agent.id);
      agentSocket.emit('presence:set', { state: 'online', manual: true });
      await settle(everyone());
      expect(await presenceOf(agent.agent.id)).toBe('away');
      expect(presenceChangesOf(agent.agent.id)).toBe(heardBefore);
    });

    it('ticket:viewing without an ack changes nothing: nobody hears of it', async () => {
      const before = { counts: collisionCounts(), snapshot: await watchersSnapshot() };
      agentSocket.emit('ticket:viewing', { ticketId: ticket.id, typing: true });
      await settle(everyone());
      expect(collisionCounts()).toEqual(before.counts);
      expect(await watchersSnapshot()).toEqual(before.snapshot);
    });

    it('mutations:push without an ack applies nothing', async () => {
      const before = await ticketTrace(ticket);
      agentSocket.emit('mutations:push', { mutations: [{ id: crypto.randomUUID(), ticketId: ticket.id, createdAt: Date.now(), type: 'note', payload: { body: 'unheard' } }] });
      await settle(everyone());
      expect(await ticketTrace(ticket)).toEqual(before);
      expect(agentSocket.connected).toBe(true);
    });
  });
});
