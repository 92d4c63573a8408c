import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually';
import { privateDovecotUnavailableReason, startPrivateDovecot, type PrivateDovecot } from '../support/private-dovecot';
import { startTestServer, type TestServer } from '../support/test-server';

const unavailable = privateDovecotUnavailableReason();
if (unavailable) console.warn(`[skip] IMAP suite: ${unavailable}`);

const DESK = 'desk@desk.test';
const PASSWORD = 'imap-secret-9f2';

const mail = (id: string, subject: string, text: string, from = 'jan@customer.test') =>
  `From: Jan Nowak <${from}>\r\nTo: ${DESK}\r\nSubject: ${subject}\r\nMessage-ID: <${id}>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${text}\r\n`;

/**
 * IMAP polling against a real Dovecot: an admin configures the mailbox over the API (its password
 * sealed, never shown), mail put into it becomes tickets, processed mail is flagged or moved, new
 * mail is read through IDLE without waiting for the next poll, and bad settings show as the
 * mailbox's error. Poll rounds are an hour apart here, so only IDLE and the admin's changes
 * (which start a round) can read a mail in time.
 */
describe.skipIf(unavailable !== null)('email channel: IMAP mailboxes (Dovecot)', () => {
  let dovecot: PrivateDovecot;
  let server: TestServer;

  beforeAll(async () => {
    dovecot = await startPrivateDovecot({ [DESK]: PASSWORD });
    server = await startTestServer({ env: { TIERDESK_IMAP_POLL_SECONDS: '3600', TIERDESK_RATE_LIMITS: 'off' } });
  });

  afterAll(async () => {
    await server?.stop();
    await dovecot?.stop();
  });

  const admin = (method: string, path: string, body?: unknown) => server.api(method, path, { token: server.adminToken, body });
  const ticketWithSubject = async (subject: string) => {
    const rows = await server.app.database.db.selectFrom('tickets').select('number').where('doc', 'like', `%"subject":"${subject}"%`).execute();
    return rows[0]?.number;
  };
  const mailboxSettings = { name: 'Support', host: '127.0.0.1', tls: false, user: DESK, password: PASSWORD };

  it('reads mail already waiting, flags it, keeps the password sealed, then reads new mail through IDLE', async () => {
    const owner = await dovecot.client(DESK);
    await owner.append('INBOX', mail('waiting-1@customer.test', 'Waiting before setup', 'Hello from IMAP'));

    const created = await admin('POST', '/api/admin/mailboxes', { ...mailboxSettings, port: dovecot.port });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Support', folder: 'INBOX', afterProcessing: 'flag', enabled: true, passwordSet: true });
    expect(JSON.stringify(created.body)).not.toContain(PASSWORD);
    const stored = await server.app.database.db.selectFrom('mailboxes').selectAll().executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(PASSWORD);

    const number = await eventually('the waiting mail as a ticket', () => ticketWithSubject('Waiting before setup'));
    const ticket = (await admin('GET', `/api/tickets/${number}`)).body;
    expect(ticket).toMatchObject({ channel: 'email', requester: { email: 'jan@customer.test', name: 'Jan Nowak' } });
    expect(ticket.messages[0].body).toBe('Hello from IMAP');
    await owner.mailboxOpen('INBOX');
    await eventually('the mail flagged seen', async () => ((await owner.search({ seen: false })) || []).length === 0);

    const listed = await eventually('the mailbox status', async () => {
      const mailboxes = (await admin('GET', '/api/admin/mailboxes')).body.mailboxes;
      return mailboxes[0]?.lastPolledAt ? mailboxes : undefined;
    });
    expect(listed[0]).toMatchObject({ lastError: null, idle: true });
    expect(JSON.stringify(listed)).not.toContain(PASSWORD);

    // Polls are an hour apart: only IDLE can bring this one in.
    await owner.append('INBOX', mail('idle-1@customer.test', 'Arrived while idle', 'Pushed by IDLE'));
    await eventually('the new mail as a ticket', () => ticketWithSubject('Arrived while idle'), 8_000);
    await owner.logout();
  });

  it('stores a mail once when it is in the mailbox twice', async () => {
    const owner = await dovecot.client(DESK);
    await owner.append('INBOX', mail('twice-1@customer.test', 'Twice in IMAP', 'One'));
    await owner.append('INBOX', mail('twice-1@customer.test', 'Twice in IMAP', 'One'));
    await owner.mailboxOpen('INBOX');
    await eventually('both processed', async () => ((await owner.search({ seen: false })) || []).length === 0);
    const rows = await server.app.database.db.selectFrom('tickets').select('number').where('doc', 'like', '%"subject":"Twice in IMAP"%').execute();
    expect(rows).toHaveLength(1);
    await owner.logout();
  });

  it('moves processed mail to another folder when told to, and flags unreadable mail instead of dropping it', async () => {
    const [mailbox] = (await admin('GET', '/api/admin/mailboxes')).body.mailboxes;
    const refused = await admin('PATCH', `/api/admin/mailboxes/${mailbox.id}`, { afterProcessing: 'move' });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toContain('moveTo');
    expect((await admin('PATCH', `/api/admin/mailboxes/${mailbox.id}`, { afterProcessing: 'move', moveTo: 'Processed' })).status).toBe(200);

    const owner = await dovecot.client(DESK);
    await owner.append('INBOX', mail('move-1@customer.test', 'Moved after reading', 'Move me'));
    await owner.append('INBOX', `To: ${DESK}\r\nSubject: no sender\r\n\r\nNobody sent this.\r\n`);
    await eventually('the mail as a ticket', () => ticketWithSubject('Moved after reading'), 8_000);
    await eventually('the inbox emptied', async () => {
      const status = await owner.status('INBOX', { messages: true });
      return status !== false && status.messages === 0;
    });
    const processed = await owner.mailboxOpen('Processed');
    expect(processed.exists).toBeGreaterThanOrEqual(2);
    const unreadable = await owner.search({ keyword: '$TierdeskUnreadable' });
    expect(unreadable || []).toHaveLength(1);
    await owner.logout();
  });

  it('shows a wrong password as the mailbox’s error and recovers when it is corrected', async () => {
    const [mailbox] = (await admin('GET', '/api/admin/mailboxes')).body.mailboxes;
    await admin('PATCH', `/api/admin/mailboxes/${mailbox.id}`, { password: 'wrong-password', afterProcessing: 'flag', moveTo: undefined });
    const failing = await eventually('the error', async () => (await admin('GET', '/api/admin/mailboxes')).body.mailboxes[0].lastError ?? undefined);
    expect(String(failing)).toMatch(/auth/i);
    await admin('PATCH', `/api/admin/mailboxes/${mailbox.id}`, { password: PASSWORD });
    const owner = await dovecot.client(DESK);
    await owner.append('INBOX', mail('after-fix@customer.test', 'After the fix', 'Back'));
    await eventually('read again', () => ticketWithSubject('After the fix'), 8_000);
    await owner.logout();
  });

  it('refuses bad settings with a clear error and changes nothing', async () => {
    for (const body of [{ ...mailboxSettings }, { ...mailboxSettings, port: 70_000 }, { ...mailboxSettings, port: 143, host: 'bad host' }, { ...mailboxSettings, port: 143, extra: 1 }]) {
      const response = await admin('POST', '/api/admin/mailboxes', body);
      expect(response.status).toBe(400);
      expect(response.body.error).toMatch(/invalid mailbox/);
    }
    expect((await admin('GET', '/api/admin/mailboxes')).body.mailboxes).toHaveLength(1);
    const agent = await server.signIn({ name: 'Not an admin' });
    expect((await server.api('GET', '/api/admin/mailboxes', { token: agent.token })).status).toBe(403);
    expect((await admin('DELETE', '/api/admin/mailboxes/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});
