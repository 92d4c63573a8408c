import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type SlaSettings } from '../../core';
import { ManualClock } from '../../server/clock';
import { eventually } from '../support/eventually';
import { createSocketPool } from '../support/raw-socket';
import { startTestServer, type SignedIn, type TestServer } from '../support/test-server';

/** Warsaw is UTC+1 in late November and early December 2026 (no DST change in this span). */
const warsaw = (local: string) => Date.parse(`${local}+01:00`);
const MINUTE = 60_000;

const SETTINGS: SlaSettings = {
  calendar: {
    timeZone: 'Europe/Warsaw',
    weeklyHours: { '0': [], '1': [{ start: '09:00', end: '17:00' }], '2': [{ start: '09:00', end: '17:00' }], '3': [{ start: '09:00', end: '17:00' }], '4': [{ start: '09:00', end: '17:00' }], '5': [{ start: '09:00', end: '17:00' }], '6': [] },
    holidays: ['2026-12-01'],
  },
  policies: {
    urgent: { firstResponseMinutes: 30, resolutionMinutes: 240 },
    high: { firstResponseMinutes: 60, resolutionMinutes: 480 },
    normal: { firstResponseMinutes: 120, resolutionMinutes: 600 },
    low: { firstResponseMinutes: 480, resolutionMinutes: 2400 },
  },
  organizations: [{ organization: 'Initech', policies: { normal: { firstResponseMinutes: 30, resolutionMinutes: 120 } } }],
};

/**
 * The SLA clocks in business hours, end to end: the server's clock is a ManualClock moved
 * through the admin endpoint, and every figure is checked to the minute.
 * Calendar: Mon–Fri 09:00–17:00 Europe/Warsaw, Tuesday 1 December a holiday.
 */
describe('SLA clocks in business hours', () => {
  const clock = new ManualClock(warsaw('2026-11-27T16:00:00')); // a Friday, one business hour before closing
  const sockets = createSocketPool();
  let server: TestServer;
  let assignee: SignedIn;
  let bystander: SignedIn;
  let supervisor: SignedIn;

  const advanceTo = async (instant: number) => {
    const response = await server.api('POST', '/api/admin/clock/advance', { token: server.adminToken, body: { ms: instant - clock.now() } });
    expect(response.status).toBe(200);
    expect(response.body.now).toBe(instant);
  };
  const read = async (number: number) => (await server.api('GET', `/api/tickets/${number}`, { token: supervisor.token })).body;

  beforeAll(async () => {
    server = await startTestServer({ clock });
    expect((await server.api('PUT', '/api/admin/sla', { token: server.adminToken, body: SETTINGS })).status).toBe(200);
    assignee = await server.signIn({ name: 'Asha Assignee' });
    bystander = await server.signIn({ name: 'Ben Bystander' });
    supervisor = await server.signIn({ name: 'Sol Supervisor', role: 'supervisor', level: 3 });
  });
  afterAll(async () => {
    sockets.closeAll();
    await server?.stop();
  });

  it('sets due times in business hours at registration and acknowledges with the expected response time', async () => {
    const created = await server.intake('Payroll export fails');
    const ticket = await read(created.number);
    // 2 h first response: Friday 16–17 and Monday 09–10. 10 h resolution: Friday 1 h, Monday 8 h, Tuesday is a holiday, Wednesday 1 h.
    expect(ticket.firstResponseDueAt).toBe(warsaw('2026-11-30T10:00:00'));
    expect(ticket.resolutionDueAt).toBe(warsaw('2026-12-02T10:00:00'));
    expect(ticket.slaState).toBe('running');
    expect(ticket.messages.map((message: { kind: string }) => message.kind)).toEqual(['customer', 'auto_reply']);
    expect(ticket.messages[1].body).toContain(`#${created.number}`);
    expect(ticket.messages[1].body).toContain('30 Nov 2026, 10:00');
  });

  it('applies an organisation\'s contract targets', async () => {
    const created = await server.api('POST', '/api/tickets', {
      body: { subject: 'Contract customer', body: 'Help', requester: { email: 'pat@initech.test', organization: 'Initech' } },
    });
    const ticket = await read(created.body.number);
    expect(ticket.firstResponseDueAt).toBe(warsaw('2026-11-27T16:30:00'));
    expect(ticket.resolutionDueAt).toBe(warsaw('2026-11-30T10:00:00'));
  });

  it('pauses while waiting for the customer, resumes on their answer, warns at 80% and records the breach', async () => {
    const created = await server.intake('VPN certificate expired');
    const { id: ticketId, accessKey, number } = created;
    const assigneeSocket = await sockets.connect(server.url, { token: assignee.token, protocolVersion: PROTOCOL_VERSION, presence: 'away' });
    const bystanderSocket = await sockets.connect(server.url, { token: bystander.token, protocolVersion: PROTOCOL_VERSION, presence: 'away' });
    const supervisorSocket = await sockets.connect(server.url, { token: supervisor.token, protocolVersion: PROTOCOL_VERSION, presence: 'away' });
    // Supervisors are also (rightly) warned about the earlier tickets of this suite: keep this ticket's.
    const warnings = { assignee: [] as unknown[], bystander: [] as unknown[], supervisor: [] as unknown[] };
    const collect = (into: unknown[]) => (notice: { ticketId: string }) => notice.ticketId === ticketId && into.push(notice);
    assigneeSocket.on('sla:warning', collect(warnings.assignee));
    bystanderSocket.on('sla:warning', collect(warnings.bystander));
    supervisorSocket.on('sla:warning', collect(warnings.supervisor));

    // Monday 09:30: 90 business minutes used. The agent takes it and asks the customer.
    await advanceTo(warsaw('2026-11-30T09:30:00'));
    expect((await server.api('PATCH', `/api/tickets/${number}`, { token: assignee.token, body: { assigneeId: assignee.agent.id, status: 'in_progress' } })).status).toBe(200);
    expect((await server.api('PATCH', `/api/tickets/${number}`, { token: assignee.token, body: { status: 'waiting_for_customer' } })).status).toBe(200);
    const paused = await read(number);
    expect(paused).toMatchObject({ slaState: 'paused', firstResponseDueAt: null, resolutionDueAt: null });
    expect(paused.sla.elapsedMs).toBe(90 * MINUTE);

    // Paused across Monday's 80% point (09:36) and the old due time: nothing fires.
    await advanceTo(warsaw('2026-12-02T11:00:00'));
    expect((await read(number)).sla).toMatchObject({ firstResponseWarnedAt: null, firstResponseBreachedAt: null });

    // Wednesday 11:00 the customer answers: 30 min of first response and 510 min of resolution remain.
    const answered = await server.api('POST', `/api/tickets/${number}/customer-messages`, { body: { body: 'Here is the log' }, headers: { 'x-access-key': accessKey } });
    expect(answered.body.status).toBe('in_progress');
    const resumed = await read(number);
    expect(resumed.firstResponseDueAt).toBe(warsaw('2026-12-02T11:30:00'));
    // Wednesday 11:00–17:00 is 360 min; the remaining 150 min end Thursday 11:30.
    expect(resumed.resolutionDueAt).toBe(warsaw('2026-12-03T11:30:00'));

    // 80% of 120 min is 96 min: 6 more business minutes.
    await advanceTo(warsaw('2026-12-02T11:05:00'));
    expect((await read(number)).sla.firstResponseWarnedAt).toBeNull();
    await advanceTo(warsaw('2026-12-02T11:06:00'));
    expect((await read(number)).sla.firstResponseWarnedAt).toBe(warsaw('2026-12-02T11:06:00'));
    const expected = { ticketId, number, subject: 'VPN certificate expired', clock: 'first_response', dueAt: warsaw('2026-12-02T11:30:00') };
    await eventually('the assignee and the supervisor to be warned', () => warnings.assignee.length === 1 && warnings.supervisor.length === 1);
    expect(warnings.assignee).toEqual([expected]);
    expect(warnings.supervisor).toEqual([expected]);
    expect(warnings.bystander).toEqual([]);

    await advanceTo(warsaw('2026-12-02T11:30:00'));
    const breached = await read(number);
    expect(breached.slaState).toBe('breached');
    expect(breached.sla.firstResponseBreachedAt).toBe(warsaw('2026-12-02T11:30:00'));
    expect(breached.sla.resolutionBreachedAt).toBeNull();

    // The late reply stops the first-response clock; the breach stays on record for KPIs.
    await server.api('POST', `/api/tickets/${number}/messages`, { token: assignee.token, body: { kind: 'reply', body: 'Renewed, please retry.' } });
    const replied = await read(number);
    expect(replied.firstResponseAt).toBe(warsaw('2026-12-02T11:30:00'));
    expect(replied.sla.firstResponseBreachedAt).toBe(warsaw('2026-12-02T11:30:00'));
    expect(replied.firstResponseDueAt).toBe(warsaw('2026-12-02T11:30:00'));
  });

  it('recomputes the due times when the priority changes', async () => {
    const created = await server.intake('Printer queue stuck');
    await server.api('PATCH', `/api/tickets/${created.number}`, { token: assignee.token, body: { assigneeId: assignee.agent.id } });
    const before = await read(created.number);
    await server.api('PATCH', `/api/tickets/${created.number}`, { token: assignee.token, body: { priority: 'urgent' } });
    const after = await read(created.number);
    // Urgent: 30 min first response from now (11:30 Wednesday), as no business time has passed since registration.
    expect(after.firstResponseDueAt).toBe(clock.now() + 30 * MINUTE);
    expect(after.firstResponseDueAt).toBeLessThan(before.firstResponseDueAt);
  });

  it('validates SLA settings and refuses them to non-admins', async () => {
    const bad = await server.api('PUT', '/api/admin/sla', { token: server.adminToken, body: { ...SETTINGS, calendar: { ...SETTINGS.calendar, timeZone: 'Mars/Olympus' } } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/time ?zone/i);
    expect((await server.api('PUT', '/api/admin/sla', { token: supervisor.token, body: SETTINGS })).status).toBe(403);
    expect((await server.api('GET', '/api/admin/sla', { token: supervisor.token })).body.calendar.timeZone).toBe('Europe/Warsaw');
    expect((await server.api('GET', '/api/admin/sla', { token: assignee.token })).status).toBe(403);
  });
});
