import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../core';
import { createGroup, intake, leaveGeneral, putMembers } from '../support/routing-fixtures';
import { createSocketPool } from '../support/raw-socket';
import { startTestServer, type SignedIn, type TestServer } from '../support/test-server';

/**
 * One write can pass a ticket through a state its final state does not have: a supervisor's
 * PATCH that assigns a ticket to an outsider and moves it to another group in the same request
 * (the assign step shows the outsider the conversation, the move takes it away again). Only the
 * final state counts: the outsider must hear nothing of it, neither stream nor push.
 */
describe('a change of several steps is streamed and pushed as it ended', () => {
  let server: TestServer;
  let lead: SignedIn;
  let outsider: SignedIn;
  let otherGroup: string;
  const sockets = createSocketPool();

  beforeAll(async () => {
    server = await startTestServer();
    lead = await server.signIn({ name: 'Lead', role: 'supervisor' });
    const member = await server.signIn({ name: 'Member' });
    const other = await server.signIn({ name: 'Other Group Agent' });
    outsider = await server.signIn({ name: 'Outsider' });
    const first = await createGroup(server, 'Steps One', ['steps-one']);
    otherGroup = await createGroup(server, 'Steps Two', ['steps-two']);
    const third = await createGroup(server, 'Steps Three', ['steps-three']);
    await putMembers(server, first, [
      { agentId: lead.agent.id, level: 1, capacity: 10 },
      { agentId: member.agent.id, level: 1, capacity: 10 },
    ]);
    await putMembers(server, otherGroup, [{ agentId: other.agent.id, level: 1, capacity: 10 }]);
    await putMembers(server, third, [{ agentId: outsider.agent.id, level: 1, capacity: 10 }]);
    await leaveGeneral(server, [lead.agent.id, member.agent.id, other.agent.id, outsider.agent.id]);
  });
  afterAll(async () => {
    sockets.closeAll();
    await server?.stop();
  });

  it('never streams the conversation or pushes the assignment to someone the end state hides it from', async () => {
    const ticket = await intake(server, 'Payroll secrets', { tags: ['steps-one'] });
    expect((await server.api('POST', `/api/tickets/${ticket.number}/messages`, { token: lead.token, body: { kind: 'note', body: 'internal: the password is hunter2' } })).status).toBe(201);

    const socket = await sockets.connect(server.url, { token: outsider.token, protocolVersion: PROTOCOL_VERSION, presence: 'away' });
    const heard: string[] = [];
    const pushes: unknown[] = [];
    socket.on('sync:changed', (batch: unknown) => heard.push(JSON.stringify(batch)));
    socket.on('ticket:assigned', (notice: unknown) => pushes.push(notice));

    const patched = await server.api('PATCH', `/api/tickets/${ticket.number}`, { token: lead.token, body: { assigneeId: outsider.agent.id, groupId: otherGroup } });
    expect(patched.status).toBe(200);
    // Assign, then move: moving clears the assignee, so the ticket ends in the other group, unheld.
    const final = await server.api('GET', `/api/tickets/${ticket.number}`, { token: server.adminToken });
    expect(final.body).toMatchObject({ groupId: otherGroup, assigneeId: null });

    await new Promise((resolve) => setTimeout(resolve, 300));
    const everything = heard.join('\n');
    expect(everything).not.toContain('hunter2');
    expect(everything).not.toContain('Payroll secrets');
    expect(pushes).toEqual([]);
  });
});
