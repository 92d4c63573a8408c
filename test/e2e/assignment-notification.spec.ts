import { expect, test, type Page } from '@playwright/test';
import { spawnServer, type SpawnedServer } from '../support/spawned-server';

/**
 * The routing promise as an agent lives it: a ticket arrives through intake, routing gives it to
 * the agent at the desk, and a desktop notification says so; clicking it opens the ticket.
 *
 * The browser's own Notification is used (permission granted in the context). Headless Chromium
 * has no notification centre to click in, so the page's Notification is wrapped to remember what
 * it showed, and the test clicks the notification the console created: the console's own click
 * handler then runs exactly as after a real click.
 */
const ADMIN = { email: 'admin@push.e2e.local', password: 'admin-password-1' };
const AGENT = { email: 'nora@push.e2e.local', password: 'nora-password-1', name: 'Nora Agent', role: 'agent', level: 1 };

let server: SpawnedServer;
let adminToken: string;

async function api(method: string, path: string, body?: unknown) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json().catch(() => null) };
}

type Shown = { title: string; body: string; tag: string };

/** Runs in the page before the console: every notification it creates is kept in window.__shown. */
function recordNotifications() {
  const Native = window.Notification;
  const shown: Notification[] = [];
  class Recorded extends Native {
    constructor(title: string, options?: NotificationOptions) {
      super(title, options);
      shown.push(this);
    }
  }
  Object.defineProperty(Recorded, 'permission', { get: () => Native.permission });
  Object.assign(window, { Notification: Recorded, __shown: shown });
}

const shownNotifications = (page: Page): Promise<Shown[]> =>
  page.evaluate(() => (window as unknown as { __shown: Notification[] }).__shown.map(({ title, body, tag }) => ({ title, body, tag })));

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await spawnServer({ TIERDESK_ADMIN_EMAIL: ADMIN.email, TIERDESK_ADMIN_PASSWORD: ADMIN.password });
  const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
  adminToken = ((await login.json()) as { token: string }).token;
  expect((await api('POST', '/api/agents', AGENT)).status).toBe(201);
});

test.afterAll(async () => {
  await server?.stop();
});

test('a ticket created through intake notifies the signed-in agent, and clicking the notification opens it', async ({ page, context }) => {
  await context.grantPermissions(['notifications'], { origin: server.url });
  await page.addInitScript(recordNotifications);
  await page.goto(server.url);
  await page.getByLabel('Email').fill(AGENT.email);
  await page.getByLabel('Password').fill(AGENT.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'online');
  await expect(page.getByText('Select a ticket in the queue.')).toBeVisible();

  const created = await api('POST', '/api/tickets', { subject: 'Payroll export fails', body: 'The export stops at 80%.', requester: { email: 'finance@customer.test' } });
  expect(created.status).toBe(201);
  const { number, id } = created.body as { number: number; id: string };

  await expect.poll(() => shownNotifications(page), { timeout: 5_000 }).toEqual([
    { title: `Ticket #${number} assigned to you`, body: 'Payroll export fails', tag: `ticket:${id}` },
  ]);
  // Unacknowledged until opened: the count is in the window title (the browser's badge).
  await expect(page).toHaveTitle('(1) Tierdesk');

  await page.evaluate(() => (window as unknown as { __shown: Notification[] }).__shown[0]?.dispatchEvent(new Event('click')));

  await expect(page.getByRole('heading', { level: 2, name: `#${number} Payroll export fails` })).toBeVisible();
  await expect(page.getByTestId('ticket-assignee')).toHaveText('Me');
  await expect(page).toHaveTitle('Tierdesk');
});
