import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually';
import { privateDovecotUnavailableReason, startPrivateDovecot, type PrivateDovecot } from '../support/private-dovecot';
import { startTestServer, type TestServer } from '../support/test-server';

const unavailable = privateDovecotUnavailableReason();
if (unavailable) console.warn(`[skip] IMAP TLS suite: ${unavailable}`);

const DESK = 'secure@desk.test';
const PASSWORD = 'imap-tls-secret-4k1';

const mail = (id: string, subject: string) =>
  `From: Jan Nowak <jan@customer.test>\r\nTo: ${DESK}\r\nSubject: ${subject}\r\nMessage-ID: <${id}>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nOver TLS\r\n`;

/**
 * IMAP under TLS against a real Dovecot with a self-signed certificate, as a small office's own
 * mail server often has: implicit TLS (993-style) and STARTTLS on the plain port both refuse the
 * unverifiable certificate by default and say why, and read mail once an admin turns
 * verification off for that mailbox. Dovecot's log proves the sessions ran under TLS.
 */
describe.skipIf(unavailable !== null)('email channel: IMAP over TLS and STARTTLS (Dovecot, self-signed)', () => {
  let dovecot: PrivateDovecot;
  let server: TestServer;
  const admin = (method: string, path: string, body?: unknown) => server.api(method, path, { token: server.adminToken, body });
  const ticketWithSubject = async (subject: string) =>
    (await server.app.database.db.selectFrom('tickets').select('number').where('doc', 'like', `%"subject":"${subject}"%`).executeTakeFirst())?.number;
  const mailboxError = (id: string) => eventually(`mailbox ${id}'s error`, async () => (await admin('GET', '/api/admin/mailboxes')).body.mailboxes.find((entry: any) => entry.id === id)?.lastError ?? undefined);

  beforeAll(async () => {
    dovecot = await startPrivateDovecot({ [DESK]: PASSWORD }, { tls: true });
    server = await startTestServer({ env: { TIERDESK_IMAP_POLL_SECONDS: '3600', TIERDESK_RATE_LIMITS: 'off' } });
  });

  afterAll(async () => {
    await server?.stop();
    await dovecot?.stop();
  });

  for (const [way, tls, port] of [
    ['implicit TLS', true, () => dovecot.tlsPort!],
    ['STARTTLS', false, () => dovecot.port],
  ] as const) {
    it(`${way}: refuses the self-signed certificate by default, and reads mail once verification is turned off`, async () => {
      const subject = `Read over ${way}`;
      const owner = await dovecot.client(DESK);
      await owner.append('INBOX', mail(`${tls ? 'tls' : 'starttls'}@customer.test`, subject));
      await owner.logout();

      const created = await admin('POST', '/api/admin/mailboxes', { name: way, host: '127.0.0.1', port: port(), tls, user: DESK, password: PASSWORD, enabled: true });
      expect(created.status).toBe(201);
      expect(created.body.tlsVerify).toBe(true);
      expect(String(await mailboxError(created.body.id))).toMatch(/self[- ]signed certificate/i);
      expect(await ticketWithSubject(subject)).toBeUndefined();

      const relaxed = await admin('PATCH', `/api/admin/mailboxes/${created.body.id}`, { tlsVerify: false });
      expect(relaxed.body).toMatchObject({ tlsVerify: false, lastError: null });
      await eventually(`the mail read over ${way}`, () => ticketWithSubject(subject), 10_000);
      await admin('PATCH', `/api/admin/mailboxes/${created.body.id}`, { enabled: false });
    });
  }

  it('logged the desk’s sessions under TLS on both ports', () => {
    const logins = dovecot.log().split('\n').filter((line) => /imap-login: \w+: Login:/.test(line) && line.includes(DESK));
    // The test's own client logs in plainly ("secured": loopback) to put mail in; the desk's sessions say TLS.
    expect(logins.filter((line) => /, TLS(,|$)/.test(line)).length).toBeGreaterThanOrEqual(2);
  });
});
