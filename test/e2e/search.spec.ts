import { expect, test } from '@playwright/test';
import { spawnServer, type SpawnedServer } from '../support/spawned-server';

const ADMIN = { email: 'admin@e2e.local', password: 'admin-password-1' };
const AGENT = { email: 'lena@e2e.local', password: 'lena-password-1', name: 'Lena Agent', role: 'agent', level: 1 };

let server: SpawnedServer;
let adminToken: string;

async function intake(subject: string, body: string): Promise<number> {
  const response = await fetch(`${server.url}/api/tickets`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({ subject, body, requester: { email: 'klient@firma.test', name: 'Klient' } }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { number: number }).number;
}

test.beforeAll(async () => {
  test.setTimeout(120_000); // the server's first start compiles it (tsx): slow on a busy machine
  server = await spawnServer({ TIERDESK_ADMIN_EMAIL: ADMIN.email, TIERDESK_ADMIN_PASSWORD: ADMIN.password });
  const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
  adminToken = ((await login.json()) as { token: string }).token;
  const created = await fetch(`${server.url}/api/agents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify(AGENT),
  });
  expect(created.status).toBe(201);
});

test.afterAll(async () => {
  await server?.stop();
});

test('offline, an agent finds tickets by other forms of a Polish and a Russian word, gets the right article suggested into a reply, and answers with a template', async ({ page, context }) => {
  const article = await fetch(`${server.url}/api/kb/articles`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({ title: 'Drukarka nie drukuje', body: 'Wyłącz **drukarkę** i włącz ją ponownie.', visibility: 'public', language: 'pl', status: 'published' }),
  });
  expect(article.status).toBe(201);
  const template = await fetch(`${server.url}/api/templates`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({ name: 'Odpowiedź drukarka', body: 'Dzień dobry {{customer.name}}, zgłoszenie #{{ticket.number}} przyjęte. {{agent.firstName}}', scope: 'shared', actions: { priority: 'high', addTags: ['drukarki'] } }),
  });
  expect(template.status).toBe(201);
  const printer = await intake('Biuro, drugie piętro', 'Nasza drukarka znowu nie drukuje.');
  const password = await intake('Доступ к почте', 'Не могу войти, забыл пароль.');
  await intake('Laptop', 'The screen flickers.');

  // Anything the console throws unhandled fails the test: it would be lost on an agent's screen.
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(server.url);
  await page.getByLabel('Email').fill(AGENT.email);
  await page.getByLabel('Password').fill(AGENT.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'online');

  await context.setOffline(true);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'offline');

  await page.keyboard.press('Control+k');
  const box = page.getByRole('searchbox', { name: 'Search tickets' });
  await expect(box).toBeFocused();
  await box.fill('drukarki');
  const hits = page.getByTestId('search-hit');
  await expect(hits).toHaveCount(1);
  await expect(hits.first()).toContainText(`#${printer}`);
  await expect(hits.first().locator('mark')).toHaveText(['drukarka']);

  await box.fill('паролем');
  await expect(hits).toHaveCount(1);
  await expect(hits.first()).toContainText(`#${password}`);
  await hits.first().click();
  await expect(page.getByText('Не могу войти, забыл пароль.').first()).toBeVisible();

  await box.press('Escape');
  await expect(page.getByTestId('queue-row').first()).toBeVisible();

  // The Polish ticket, opened offline: its article is suggested, and one click puts its text into the reply.
  await page.getByRole('button', { name: 'All' }).click();
  await page.getByTestId('queue-row').filter({ hasText: `#${printer}` }).click();
  const suggested = page.getByTestId('suggested-article');
  await expect(suggested).toHaveCount(1);
  await expect(suggested).toContainText('Drukarka nie drukuje');
  await suggested.getByRole('button', { name: 'Insert text' }).click();
  await expect(page.getByLabel('Reply')).toHaveValue('Wyłącz drukarkę i włącz ją ponownie.');

  // Still offline: a template by `/` and part of its name, its placeholders filled, its actions sent after the reply.
  const reply = page.getByLabel('Reply');
  await reply.press('End');
  await reply.pressSequentially('\n/odp');
  await expect(page.getByTestId('slash-templates').getByRole('option')).toHaveText(['Odpowiedź drukarka']);
  await reply.press('Enter');
  await expect(reply).toHaveValue(`Wyłącz drukarkę i włącz ją ponownie.\nDzień dobry Klient, zgłoszenie #${printer} przyjęte. Lena`);
  await expect(page.getByTestId('template-actions')).toContainText('priority → High · tags + drukarki');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(reply).toHaveValue('');
  // The template's tag shows on the ticket at once, offline.
  await expect(page.getByTestId('ticket-tags').getByRole('listitem')).toHaveText(['drukarki×']);

  // The knowledge screen reads it offline, rendered.
  await page.getByRole('button', { name: 'Knowledge' }).click();
  await page.getByTestId('article-row').first().click();
  await expect(page.locator('.article-view__body strong')).toHaveText('drukarkę');

  // Back online, the reply and the template's changes reach the server, in that order.
  await context.setOffline(false);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'online');
  await expect
    .poll(async () => {
      const ticket = (await (await fetch(`${server.url}/api/tickets/${printer}`, { headers: { authorization: `Bearer ${adminToken}` } })).json()) as { priority: string; tags: string[]; messages: { kind: string; body: string }[] };
      return { priority: ticket.priority, tags: ticket.tags, replied: ticket.messages.some((message) => message.kind === 'reply' && message.body.includes(`zgłoszenie #${printer}`)) };
    })
    .toEqual({ priority: 'high', tags: ['drukarki'], replied: true });
  expect(pageErrors).toEqual([]);
});
