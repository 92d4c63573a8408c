import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailClient } from '../support/mail-sink';
import { privateRspamdUnavailableReason, startPrivateRspamd } from '../support/private-rspamd';
import { startTestServer, type TestServer } from '../support/test-server';

const unavailable = privateRspamdUnavailableReason();
if (unavailable) console.warn(`[skip] rspamd suite: ${unavailable}`);

const DESK = 'support@desk.test';
/** The standard test string every spam filter must reject (GTUBE). */
const GTUBE = 'XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X';

/** The desk asks a real rspamd (TIERDESK_RSPAMD_URL) about new mail, and does without it when it is gone. */
describe.skipIf(unavailable !== null)('email channel: rspamd', () => {
  let rspamd: Awaited<ReturnType<typeof startPrivateRspamd>>;
  let server: TestServer;
  let client: ReturnType<typeof mailClient>;

  beforeAll(async () => {
    rspamd = await startPrivateRspamd();
    server = await startTestServer({ env: { TIERDESK_SMTP_PORT: '0', TIERDESK_MAIL_FROM: DESK, TIERDESK_RSPAMD_URL: rspamd.url, TIERDESK_RATE_LIMITS: 'off' } });
    client = mailClient(server.app.mail.smtpPort!);
  }, 90_000);

  afterAll(async () => {
    client?.close();
    await server?.stop();
    await rspamd?.stop();
  });

  it('holds what rspamd calls spam, with its reason, and lets an ordinary mail through', async () => {
    const spam = await client.send({ from: 'sender@example.org', to: DESK, subject: 'Test', text: `Hello\n${GTUBE}\n`, messageId: '<gtube@example.org>' });
    expect(spam.response).toContain('held for review');
    const held = (await server.api('GET', '/api/spam', { token: server.adminToken })).body.mails;
    expect(held).toHaveLength(1);
    expect(held[0].reasons).toContainEqual({ code: 'rspamd', points: 5, detail: expect.stringMatching(/^reject, /) });

    const ordinary = await client.send({ from: 'anna@example.org', to: DESK, subject: 'Printer', text: 'The printer on floor 3 jams on every page.', messageId: '<ordinary@example.org>' });
    expect(ordinary.response).toContain('stored in ticket');
  });

  it('decides by its own rules when rspamd is gone', async () => {
    await rspamd.stop();
    const sent = await client.send({ from: 'anna@example.org', to: DESK, subject: 'Still works', text: 'Mail keeps flowing.', messageId: '<no-rspamd@example.org>' });
    expect(sent.response).toContain('stored in ticket');
  });
});
