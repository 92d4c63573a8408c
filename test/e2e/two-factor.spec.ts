import { expect, test, type Page } from '@playwright/test';
import { generate } from 'otplib';
import { spawnServer, type SpawnedServer } from '../support/spawned-server';

const ADMIN = { email: 'admin@totp.e2e.local', password: 'admin-password-1' };
const AGENT = { email: 'tova@totp.e2e.local', password: 'tova-lantern-path-4', name: 'Tova Agent', role: 'agent', level: 1 };
const STEP_MS = 30_000;

let server: SpawnedServer;

/** The step a code belongs to: a code accepted once is refused for the rest of its step (and before). */
const stepOf = (ms: number) => Math.floor(ms / STEP_MS);
const codeAt = (secret: string, ms: number) => generate({ secret, epoch: Math.floor(ms / 1_000) });

async function fillPassword(page: Page) {
  await page.getByLabel('Email').fill(AGENT.email);
  await page.getByLabel('Password').fill(AGENT.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test.beforeAll(async () => {
  test.setTimeout(120_000); // the server's first start compiles it (tsx): slow on a busy machine
  server = await spawnServer({ TIERDESK_ADMIN_EMAIL: ADMIN.email, TIERDESK_ADMIN_PASSWORD: ADMIN.password });
  const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
  const { token } = (await login.json()) as { token: string };
  const created = await fetch(`${server.url}/api/agents`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(AGENT) });
  expect(created.status).toBe(201);
});

test.afterAll(async () => {
  await server?.stop();
});

test('an agent turns on two-factor sign-in in the Account screen, signs out, and signs in again with a code', async ({ page }) => {
  test.setTimeout(120_000); // may wait up to one 30 s step for a fresh code
  await page.goto(server.url);
  await fillPassword(page);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'online');

  await page.getByRole('button', { name: 'Account' }).click();
  await expect(page.getByTestId('two-factor-status')).toHaveText('Off. Signing in needs only your password.');
  await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
  const qr = page.getByRole('img', { name: 'QR code for your authenticator app' });
  await expect(qr).toBeVisible();
  expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
  // What an authenticator app would read from the QR code: the key shown beside it.
  const secret = (await page.getByTestId('two-factor-secret').textContent())?.trim() ?? '';
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);

  const enrolledAt = Date.now();
  await page.getByLabel('Six-digit code from the app').fill(await codeAt(secret, enrolledAt));
  await page.getByRole('button', { name: 'Turn on' }).click();
  const codes = page.getByTestId('recovery-codes').getByRole('listitem');
  await expect(codes).toHaveCount(10);
  await page.getByRole('button', { name: 'I have saved them' }).click();
  await expect(page.getByTestId('two-factor-status')).toHaveText('On. 10 recovery codes left.');

  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await fillPassword(page);
  await expect(page.getByRole('heading', { name: 'Enter your sign-in code' })).toBeVisible();

  // The enrolment code's step is spent: wait for the next step, as a person would for a new code.
  const waitMs = (stepOf(enrolledAt) + 1) * STEP_MS - Date.now();
  if (waitMs > 0) await page.waitForTimeout(waitMs + 200);
  await page.getByRole('textbox', { name: 'Code' }).fill(await codeAt(secret, Date.now()));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'online');
  await expect(page.getByTestId('agent-name')).toHaveText('Tova Agent · L1');
});
