import { expect, test, type Page } from '@playwright/test';
import { spawnServer, type SpawnedServer } from '../support/spawned-server';

/**
 * SLA and lifecycle as an agent sees them in the console, against a server whose clock only
 * moves when told (TIERDESK_TEST_CLOCK=1).
 *
 * Two clocks are in play: the server's, which the test moves, and the browser's, which is real
 * time. The indicator counts time left against the browser's clock, so after the server's clock
 * jumps the local estimate still says "ok". What the test asserts is therefore what the server
 * recorded and synced, which the indicator always honours: the warning (sla.firstResponseWarnedAt)
 * turns it amber, and the breach (sla.firstResponseBreachedAt) turns it red whatever the local
 * clock says.
 */

const ADMIN = { email: 'admin@sla.e2e.local', password: 'admin-password-1' };
const AGENT = { email: 'lena@sla.e2e.local', password: 'lena-password-1', name: 'Lena Agent', role: 'agent', level: 1 };

const MINUTE = 60_000;
/** Normal priority (an incident's) first-response target, in business minutes: short, so the test jumps little. */
const FIRST_RESPONSE_MINUTES = 10;

const allDay = () => [{ start: '00:00', end: '24:00' }];
/** Round the clock in UTC: business time equals elapsed time, so due times are exact whatever the day. */
const SLA_SETTINGS = {
  calendar: {
    timeZone: 'UTC',
    weeklyHours: { '0': allDay(), '1': allDay(), '2': allDay(), '3': allDay(), '4': allDay(), '5': allDay(), '6': allDay() },
    holidays: [],
  },
  policies: {
    urgent: { firstResponseMinutes: 30, resolutionMinutes: 240 },
    high: { firstResponseMinutes: 120, resolutionMinutes: 540 },
    normal: { firstResponseMinutes: FIRST_RESPONSE_MINUTES, resolutionMinutes: 60 },
    low: { firstResponseMinutes: 540, resolutionMinutes: 2700 },
  },
  organizations: [],
};

let server: SpawnedServer;
let adminToken: string;

async function api(method: string, path: string, body?: unknown, headers: Record<string, string> = { authorization: `Bearer ${adminToken}` }) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json().catch(() => null) };
}

type Registered = { id: string; number: number; accessKey: string };

async function intake(subject: string): Promise<Registered> {
  const response = await api('POST', '/api/tickets', { subject, body: `${subject}: details`, requester: { email: 'erin@customer.test', name: 'Erin' } });
  expect(response.status).toBe(201);
  return response.body as Registered;
}

/** Moves the server's clock and fires every timer that fell due meanwhile. */
async function advanceServerClock(ms: number) {
  const response = await api('POST', '/api/admin/clock/advance', { ms });
  expect(response.status).toBe(200);
}

async function signIn(page: Page) {
  await page.goto(server.url);
  await page.getByLabel('Email').fill(AGENT.email);
  await page.getByLabel('Password').fill(AGENT.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The first sync once ran past 10 s in CI right after the unit suite (seen once, 2026-12-03; not reproduced in 21 runs).
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'online', { timeout: 30_000 });
}

const queueRow = (page: Page, number: number) => page.getByTestId('queue-row').filter({ has: page.getByText(`#${number}`, { exact: true }) });

test.beforeAll(async () => {
  server = await spawnServer({ TIERDESK_TEST_CLOCK: '1', TIERDESK_ADMIN_EMAIL: ADMIN.email, TIERDESK_ADMIN_PASSWORD: ADMIN.password });
  const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
  adminToken = ((await login.json()) as { token: string }).token;
  expect((await api('POST', '/api/agents', AGENT)).status).toBe(201);
  const saved = await api('PUT', '/api/admin/sla', SLA_SETTINGS);
  expect(saved).toEqual({ status: 200, body: SLA_SETTINGS });
});

test.afterAll(async () => {
  await server?.stop();
});

test('the time-left indicator goes from ok to warning to breached as the server clock passes 80% and 100%', async ({ page }) => {
  await signIn(page);
  const subject = 'Invoices do not print';
  const ticket = await intake(subject);
  const registered = (await api('GET', `/api/tickets/${ticket.number}`)).body as { firstResponseDueAt: number; createdAt: number; slaState: string };
  expect(registered.slaState).toBe('running');
  expect(registered.firstResponseDueAt - registered.createdAt).toBe(FIRST_RESPONSE_MINUTES * MINUTE);

  await page.getByRole('button', { name: 'All' }).click();
  const rowIndicator = queueRow(page, ticket.number).getByTestId('sla-indicator');
  await expect(rowIndicator).toHaveAttribute('data-sla', 'ok');
  await expect(rowIndicator).toHaveText(/^\d+ min left$/);

  // Routing gave the ticket to this agent (the only one online): the SLA warning is pushed to them as well.
  await queueRow(page, ticket.number).click();
  await page.getByLabel('Status', { exact: true }).selectOption('in_progress');
  await expect(page.getByTestId('ticket-status')).toHaveText('In Progress');
  await expect(page.getByTestId('ticket-first-response-due').locator('time')).toHaveAttribute(
    'datetime',
    new Date(registered.firstResponseDueAt).toISOString(),
  );
  await expect.poll(async () => (await api('GET', `/api/tickets/${ticket.number}`)).body.status).toBe('in_progress');

  // Past 80% of the target: the server records the warning, which syncs and turns the indicator amber.
  await advanceServerClock(8.5 * MINUTE);
  await expect(rowIndicator).toHaveAttribute('data-sla', 'warning');
  await expect(rowIndicator).toHaveClass(/sla-indicator--amber/);
  const toast = page.getByTestId('notice-toast').filter({ hasText: `#${ticket.number}` });
  await expect(toast).toContainText(new RegExp(`^SLA warning: #${ticket.number} ${subject} — first response due at \\S`));

  // Past the due time: the server's breach timer records the breach; it wins over the local clock.
  await advanceServerClock(2 * MINUTE);
  await expect(rowIndicator).toHaveAttribute('data-sla', 'breached');
  await expect(rowIndicator).toHaveText('SLA breached');
  await expect(page.locator('.ticket-facts').getByTestId('sla-indicator')).toHaveAttribute('data-sla', 'breached');
  expect((await api('GET', `/api/tickets/${ticket.number}`)).body).toMatchObject({ slaState: 'breached', sla: { firstResponseBreachedAt: expect.any(Number) } });
});

test('a customer writing again after Fixed reopens the ticket in the console', async ({ page }) => {
  await signIn(page);
  const ticket = await intake('Mouse does not work');
  await page.getByRole('button', { name: 'All' }).click();
  await queueRow(page, ticket.number).click();
  await page.getByLabel('Status', { exact: true }).selectOption('in_progress');
  await expect(page.getByTestId('ticket-status')).toHaveText('In Progress');
  await page.getByLabel('Status', { exact: true }).selectOption('fixed');
  await expect.poll(async () => (await api('GET', `/api/tickets/${ticket.number}`)).body.status, { timeout: 10_000 }).toBe('fixed');
  await expect(page.getByTestId('ticket-status')).toHaveText('Fixed');
  await expect(page.getByTestId('ticket-reopen-count')).toHaveCount(0);

  const wroteAgain = await api(
    'POST',
    `/api/tickets/${ticket.number}/customer-messages`,
    { body: 'The mouse stopped working again this morning.' },
    { 'x-access-key': ticket.accessKey },
  );
  expect(wroteAgain).toEqual({ status: 201, body: { number: ticket.number, status: 'in_progress' } });

  await expect(page.getByTestId('ticket-status')).toHaveText('In Progress');
  await expect(page.getByTestId('ticket-reopen-count')).toHaveText('Reopened 1 time');
  await expect(page.getByTestId('message').filter({ hasText: 'The mouse stopped working again this morning.' })).toHaveAttribute('data-kind', 'customer');
  await expect(queueRow(page, ticket.number).getByText('In Progress')).toBeVisible();
});
