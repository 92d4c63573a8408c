import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, ticketHttp } from '../support/http-expectations';
import { startTestServer, type SignedIn, type TestServer } from '../support/test-server';

/**
 * Agents changing tickets over HTTP: the same mutations and rules as the console's pushes, all or
 * nothing per request, 403 for another agent's ticket, 409 with the reason for a refused change.
 * One real server (SQLite in a temp folder) for the file.
 */
describe('HTTP API: agents working tickets', () => {
  let server: TestServer;
  const { read, patch } = ticketHttp(() => server);
  let alice: SignedIn;
  let bob: SignedIn;
  let supervisor: SignedIn;

  beforeAll(async () => {
    server = await startTestServer();
    alice = await server.signIn({ name: 'Alice', level: 1 });
    bob = await server.signIn({ name: 'Bob', level: 2 });
    supervisor = await server.signIn({ name: 'Sam Supervisor', role: 'supervisor', level: 3 });
  });

  it('GET shows the ticket with status, priority, level, assignee and messages; 401 without a token, 404 when unknown', async () => {
    const ticket = await server.intake('Read me', 'Full description');
    const response = await server.api('GET', `/api/tickets/${ticket.number}`, { token: alice.token });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id: ticket.id,
      number: ticket.number,
      subject: 'Read me',
      status: 'new',
      priority: 'normal',
      level: 1,
      assigneeId: null,
      requester: { email: 'customer@example.com', name: 'Cleo Customer' },
      messages: [
        { kind: 'customer', body: 'Full description', authorId: null },
        { kind: 'auto_reply', body: expect.stringContaining(`ticket #${ticket.number}.`), authorId: null, authorName: 'Tierdesk' },
      ],
    });
    expect(JSON.stringify(response.body)).not.toContain(ticket.accessKey);
    expectError(await server.api('GET', `/api/tickets/${ticket.number}`), 401);
    expectError(await server.api('GET', `/api/tickets/${ticket.number}`, { token: 'forged' }), 401);
    expectError(await server.api('GET', '/api/tickets/987654', { token: alice.token }), 404);
  });

  it('lets an agent take a ticket, reply, write a note and change priority', async () => {
    const ticket = await server.intake('Work it');
    const taken = await patch(ticket.number, alice.token, { status: 'in_progress' });
    expect(taken.status).toBe(200);
    expect(taken.body).toMatchObject({ status: 'in_progress', assigneeId: alice.agent.id, version: 2 });

    const reply = await server.api('POST', `/api/tickets/${ticket.number}/messages`, { token: alice.token, body: { kind: 'reply', body: 'We are on it' } });
    expect(reply.status).toBe(201);
    expect(reply.body).toEqual({ id: expect.any(String), ticketVersion: 3 });
    const note = await server.api('POST', `/api/tickets/${ticket.number}/messages`, { token: alice.token, body: { kind: 'note', body: 'Looks like DNS' } });
    expect(note.status).toBe(201);
    expect(note.body.ticketVersion).toBe(4);

    const urgent = await patch(ticket.number, alice.token, { priority: 'urgent' });
    expect(urgent.status).toBe(200);
    expect(urgent.body).toMatchObject({ priority: 'urgent', version: 5 });

    const stored = await read(ticket.number, alice.token);
    expect(stored).toMatchObject({ status: 'in_progress', priority: 'urgent', assigneeId: alice.agent.id, version: 5, firstResponseAt: expect.any(Number) });
    expect(stored.messages.map((message: { kind: string; body: string; authorId: string | null; id: string }) => ({ kind: message.kind, body: message.body, authorId: message.authorId }))).toEqual([
      { kind: 'customer', body: 'Something is broken', authorId: null },
      { kind: 'auto_reply', body: expect.stringContaining(`ticket #${ticket.number}.`), authorId: null },
      { kind: 'reply', body: 'We are on it', authorId: alice.agent.id },
      { kind: 'note', body: 'Looks like DNS', authorId: alice.agent.id },
    ]);
    expect(stored.messages[2].id).toBe(reply.body.id);
  });

  it('refuses a transition the workflow does not allow with 409 and the reason', async () => {
    const ticket = await server.intake('Too fast');
    const skipped = await patch(ticket.number, alice.token, { status: 'fixed' });
    expectError(skipped, 409, /take the ticket/);
    expect(skipped.body.code).toBe('transition_not_allowed');
    const closed = await patch(ticket.number, alice.token, { status: 'in_progress' });
    expect(closed.status).toBe(200);
    expectError(await patch(ticket.number, alice.token, { status: 'closed' }), 409, /close by themselves/);
    expectError(await patch(ticket.number, alice.token, { status: 'new' }), 409, /cannot return to New/);
    expect(await read(ticket.number)).toMatchObject({ status: 'in_progress', version: 2 });
  });

  it('applies a PATCH all or nothing: a refused status leaves the priority unchanged', async () => {
    const ticket = await server.intake('Atomic');
    expect((await patch(ticket.number, alice.token, { status: 'in_progress' })).status).toBe(200);
    const before = await read(ticket.number);
    expectError(await patch(ticket.number, alice.token, { priority: 'urgent', status: 'closed' }), 409);
    const after = await read(ticket.number);
    expect(after).toMatchObject({ priority: before.priority, status: 'in_progress', version: before.version, updatedAt: before.updatedAt });
  });

  it('rolls back a change already applied in the same PATCH when a later one is refused', async () => {
    const ticket = await server.intake('Atomic rollback');
    expect((await patch(ticket.number, alice.token, { status: 'in_progress' })).status).toBe(200);
    const before = await read(ticket.number);
    // The assignment is applied before the status is checked; the refusal must undo it.
    const refused = await patch(ticket.number, supervisor.token, { assigneeId: bob.agent.id, status: 'closed' });
    expectError(refused, 409);
    const after = await read(ticket.number);
    expect(after).toMatchObject({ assigneeId: alice.agent.id, status: 'in_progress', version: before.version });
    // The same assignment alone is accepted, so the refusal above came from the status, not from Bob.
    const reassigned = await patch(ticket.number, supervisor.token, { assigneeId: bob.agent.id });
    expect(reassigned.status).toBe(200);
    expect(reassigned.body).toMatchObject({ assigneeId: bob.agent.id, version: before.version + 1 });
  });

  it('answers 403 when an agent changes another agent\'s ticket or assigns to someone else, and changes nothing', async () => {
    const ticket = await server.intake('Alice owns this');
    expect((await patch(ticket.number, alice.token, { status: 'in_progress' })).status).toBe(200);
    const before = await read(ticket.number);
    expectError(await patch(ticket.number, bob.token, { priority: 'low' }), 403);
    expectError(await patch(ticket.number, bob.token, { status: 'hold' }), 403);
    expectError(await patch(ticket.number, bob.token, { assigneeId: bob.agent.id }), 403);
    expectError(await patch(ticket.number, alice.token, { assigneeId: bob.agent.id }), 403);
    expect(await read(ticket.number)).toMatchObject({ priority: before.priority, status: 'in_progress', assigneeId: alice.agent.id, version: before.version });
    // A supervisor may step in.
    expect((await patch(ticket.number, supervisor.token, { priority: 'high' })).body).toMatchObject({ priority: 'high' });
  });

  it('refuses an assignment to an unknown agent with 404', async () => {
    const ticket = await server.intake('Assign to ghost');
    const refused = await patch(ticket.number, supervisor.token, { assigneeId: crypto.randomUUID() });
    expectError(refused, 404);
    expect(refused.body.code).toBe('unknown_agent');
    expect(await read(ticket.number)).toMatchObject({ assigneeId: null, version: 1 });
  });

  it('cancels only as a duplicate of another existing ticket', async () => {
    const original = await server.intake('The original');
    const copy = await server.intake('The copy');
    const noReference = await patch(copy.number, alice.token, { status: 'canceled' });
    expectError(noReference, 409);
    expect(noReference.body.code).toBe('duplicate_required');
    const unknown = await patch(copy.number, alice.token, { status: 'canceled', duplicateOf: 888_888 });
    expectError(unknown, 404);
    expect(unknown.body.code).toBe('duplicate_not_found');
    const itself = await patch(copy.number, alice.token, { status: 'canceled', duplicateOf: copy.number });
    expectError(itself, 409);
    expect(itself.body.code).toBe('duplicate_of_itself');
    expect(await read(copy.number)).toMatchObject({ status: 'new', duplicateOf: null, version: 1 });

    const canceled = await patch(copy.number, alice.token, { status: 'canceled', duplicateOf: original.number });
    expect(canceled.status).toBe(200);
    expect(canceled.body).toMatchObject({ status: 'canceled', duplicateOf: original.number });

    // Canceled is final: no reply, no status change; an internal note is still allowed.
    expectError(await server.api('POST', `/api/tickets/${copy.number}/messages`, { token: alice.token, body: { kind: 'reply', body: 'Hello?' } }), 409);
    expectError(await patch(copy.number, alice.token, { status: 'in_progress' }), 409);
    const note = await server.api('POST', `/api/tickets/${copy.number}/messages`, { token: alice.token, body: { kind: 'note', body: 'Merged into the original' } });
    expect(note.status).toBe(201);
    expect(await read(copy.number)).toMatchObject({ status: 'canceled', duplicateOf: original.number });
  });

  it('answers 401 to ticket changes without a valid token and changes nothing', async () => {
    const ticket = await server.intake('Anonymous attempt');
    const before = await read(ticket.number);
    expectError(await server.api('PATCH', `/api/tickets/${ticket.number}`, { body: { priority: 'urgent' } }), 401);
    expectError(await server.api('POST', `/api/tickets/${ticket.number}/messages`, { body: { kind: 'reply', body: 'hi' } }), 401);
    expectError(await server.api('POST', `/api/tickets/${ticket.number}/messages`, { token: 'forged', body: { kind: 'reply', body: 'hi' } }), 401);
    expect(await read(ticket.number)).toMatchObject({ priority: 'normal', version: 1 });
    expect((await read(ticket.number)).messages).toHaveLength(before.messages.length);
  });

  afterAll(async () => {
    await server?.stop();
  });
});
