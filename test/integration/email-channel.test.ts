import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually';
import { mailClient, startMailSink, type SunkMail } from '../support/mail-sink';
import { startTestServer, type SignedIn, type TestServer } from '../support/test-server';

const DESK = 'support@desk.test';
const BILLING = 'billing@desk.test';
const CUSTOMER = 'anna@customer.test';

/**
 * The email channel end to end with real SMTP on both sides: a customer's mail client
 * (nodemailer) talks to the desk's built-in listener, and the desk's outbound mail goes through a
 * real SMTP relay (smtp-server) that keeps what it receives, as the customer's mailbox would.
 */
describe('email channel: inbound SMTP, threaded outbound replies, loops', () => {
  let sink: Awaited<ReturnType<typeof startMailSink>>;
  let server: TestServer;
  let client: ReturnType<typeof mailClient>;
  let agent: SignedIn;

  beforeAll(async () => {
    sink = await startMailSink();
    server = await startTestServer({
      env: { TIERDESK_SMTP_PORT: '0', TIERDESK_MAIL_FROM: DESK, TIERDESK_MAIL_ADDRESSES: BILLING, TIERDESK_SMTP_RELAY_URL: sink.url, TIERDESK_RATE_LIMITS: 'off' },
    });
    client = mailClient(server.app.mail.smtpPort!);
    agent = await server.signIn({ name: 'Alice Agent', level: 1 });
  });

  afterAll(async () => {
    client?.close();
    await server?.stop();
    await sink?.close();
  });

  const ticketOf = async (number: number) => (await server.api('GET', `/api/tickets/${number}`, { token: server.adminToken })).body;
  const mailTo = (address: string, predicate: (mail: SunkMail) => boolean) =>
    eventually(`a mail to ${address}`, () => sink.mails.find((mail) => mail.envelope.to.includes(address) && predicate(mail)));
  const storedNumber = (response: string) => Number(/ticket #(\d+)/.exec(response)?.[1]);

  it('turns a customer’s mail into a ticket and mails the acknowledgement threaded under it', async () => {
    const sent = await client.send({ from: `Anna Kowalska <${CUSTOMER}>`, to: DESK, subject: 'Printer on fire', text: 'The printer on floor 3 is smoking.', messageId: '<first@customer.test>' });
    const number = storedNumber(sent.response);
    const ticket = await ticketOf(number);
    expect(ticket).toMatchObject({ channel: 'email', subject: 'Printer on fire', requester: { email: CUSTOMER, name: 'Anna Kowalska' } });
    expect(ticket.messages[0]).toMatchObject({ kind: 'customer', body: 'The printer on floor 3 is smoking.', mail: { from: `Anna Kowalska <${CUSTOMER}>`, to: [DESK], subject: 'Printer on fire' } });

    const ack = await mailTo(CUSTOMER, (mail) => mail.parsed.subject === `Re: [#${number}] Printer on fire`);
    expect(ack.parsed.inReplyTo).toBe('<first@customer.test>');
    expect(ack.parsed.headers.get('auto-submitted')).toBe('auto-replied');
    expect(ack.parsed.from?.value[0]?.address).toBe(DESK);
    expect(ack.parsed.text).toContain(`#${number}`);
    const acknowledged = await eventually('the acknowledgement marked sent', async () => (await ticketOf(number)).messages.find((m: any) => m.kind === 'auto_reply' && m.delivery?.state === 'sent'));
    expect(acknowledged.delivery).toEqual({ state: 'sent', attempts: 1 });
  });

  it('mails the agent’s reply in the customer’s thread, and the customer’s answer lands in the same ticket without the quote', async () => {
    const opened = await client.send({ from: CUSTOMER, to: BILLING, subject: 'Invoice 7 is wrong', text: 'It says 700 instead of 70.', messageId: '<invoice@customer.test>' });
    const number = storedNumber(opened.response);
    const reply = await server.api('POST', `/api/tickets/${number}/messages`, { token: server.adminToken, body: { kind: 'reply', body: 'Corrected: the invoice is 70.\r\nBcc: evil@attacker.test' } });
    expect(reply.status).toBe(201);
    const answer = await mailTo(CUSTOMER, (mail) => mail.parsed.text?.includes('Corrected') === true);
    expect(answer.envelope.to).toEqual([CUSTOMER]);
    expect(answer.parsed.inReplyTo).toBe('<invoice@customer.test>');
    expect(answer.parsed.references).toEqual(expect.arrayContaining(['<invoice@customer.test>']));
    expect(answer.parsed.subject).toBe(`Re: [#${number}] Invoice 7 is wrong`);
    expect(answer.parsed.headers.get('bcc')).toBeUndefined();
    expect(answer.parsed.headers.get('auto-submitted')).toBeUndefined();

    const customerReply = await client.send({
      from: CUSTOMER,
      to: DESK,
      subject: `Re: [#${number}] Invoice 7 is wrong`,
      text: `Thanks, that is right now.\n\nOn Tue, 1 Dec 2026 at 10:00, Alice Agent <${DESK}> wrote:\n> Corrected: the invoice is 70.`,
      inReplyTo: answer.parsed.messageId,
      references: [answer.parsed.messageId!],
      messageId: '<thanks@customer.test>',
    });
    expect(storedNumber(customerReply.response)).toBe(number);
    const ticket = await ticketOf(number);
    const last = ticket.messages.at(-1);
    expect(last).toMatchObject({ kind: 'customer', body: 'Thanks, that is right now.', mail: { trimmed: true, fullText: expect.stringContaining('> Corrected') } });
  });

  it('copies the customer’s other recipients and the agent’s own Cc on the reply, never the desk itself', async () => {
    const opened = await client.send({ from: CUSTOMER, to: [DESK, 'colleague@customer.test'], cc: ['boss@customer.test', BILLING], subject: 'Copy my team', text: 'Please keep them in the loop', messageId: '<cc-1@customer.test>' });
    const number = storedNumber(opened.response);
    const ack = await mailTo(CUSTOMER, (mail) => mail.parsed.subject === `Re: [#${number}] Copy my team`);
    expect(ack.envelope.to).toEqual([CUSTOMER]);
    await server.api('POST', `/api/tickets/${number}/messages`, { token: server.adminToken, body: { kind: 'reply', body: 'Looping everyone in.', cc: ['Vendor@Partner.test', DESK] } });
    const reply = await mailTo(CUSTOMER, (mail) => mail.parsed.text?.includes('Looping everyone in.') === true);
    expect(reply.envelope.to.sort()).toEqual([CUSTOMER, 'boss@customer.test', 'colleague@customer.test', 'vendor@partner.test'].sort());
    const noteWithCc = await server.api('POST', `/api/tickets/${number}/messages`, { token: server.adminToken, body: { kind: 'note', body: 'x', cc: ['a@b.test'] } });
    expect(noteWithCc.status).toBe(400);
    expect(reply.parsed.headers.get('cc')).toBeDefined();
    expect(reply.envelope.to).not.toContain(DESK);
    expect(reply.envelope.to).not.toContain(BILLING);
  });

  it('signs an agent’s replies with their signature, its placeholders filled, and refuses unknown placeholders', async () => {
    const refused = await server.api('PUT', '/api/account/signature', { token: agent.token, body: { signature: 'Yours, {{customer.name}}' } });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toContain('unknown placeholder {{customer.name}}');
    const saved = await server.api('PUT', '/api/account/signature', { token: agent.token, body: { signature: 'Best regards,\n{{agent.firstName}} ({{agent.name}})' } });
    expect(saved.status).toBe(200);
    expect((await server.api('GET', '/api/account/signature', { token: agent.token })).body).toEqual({ signature: 'Best regards,\n{{agent.firstName}} ({{agent.name}})' });

    const opened = await client.send({ from: CUSTOMER, to: DESK, subject: 'Signed answer', text: 'Hi', messageId: '<signed@customer.test>' });
    const number = storedNumber(opened.response);
    await server.api('PATCH', `/api/tickets/${number}`, { token: agent.token, body: { status: 'in_progress' } });
    await server.api('POST', `/api/tickets/${number}/messages`, { token: agent.token, body: { kind: 'reply', body: 'Here is the answer.' } });
    const mailed = await mailTo(CUSTOMER, (mail) => mail.parsed.text?.includes('Here is the answer.') === true);
    expect(mailed.parsed.text).toContain('Here is the answer.\n\n-- \nBest regards,\nAlice (Alice Agent)');
    const stored = (await server.api('GET', `/api/tickets/${number}`, { token: agent.token })).body.messages.at(-1);
    expect(stored.body).toBe('Here is the answer.');
  });

  it('shows admins the mail setup without secrets, and sends a test mail through the relay', async () => {
    const setup = await server.api('GET', '/api/admin/mail', { token: server.adminToken });
    expect(setup.body).toMatchObject({ from: DESK, addresses: [DESK, BILLING], smtpPort: server.app.mail.smtpPort, relay: `127.0.0.1:${sink.port}`, rspamd: false });
    expect((await server.api('GET', '/api/admin/mail', { token: agent.token })).status).toBe(403);

    const sent = await server.api('POST', '/api/admin/mail/test', { token: server.adminToken, body: { to: 'admin-inbox@customer.test' } });
    expect(sent.body).toEqual({ sent: true, to: 'admin-inbox@customer.test' });
    const test = await mailTo('admin-inbox@customer.test', () => true);
    expect(test.parsed.subject).toBe('Tierdesk test mail');
    expect(test.parsed.headers.get('auto-submitted')).toBe('auto-replied');

    sink.setMode('reject');
    const refused = await server.api('POST', '/api/admin/mail/test', { token: server.adminToken, body: { to: 'admin-inbox@customer.test' } });
    sink.setMode('accept');
    expect(refused.status).toBe(502);
    expect(refused.body.error).toContain('mailbox unavailable');
    expect((await server.api('POST', '/api/admin/mail/test', { token: server.adminToken, body: { to: 'not an address' } })).status).toBe(400);
  });

  it('forwards a ticket’s public conversation to an outside address, never its internal notes', async () => {
    const opened = await client.send({ from: CUSTOMER, to: DESK, subject: 'Broken router', text: 'The router blinks red.', messageId: '<forward@customer.test>' });
    const number = storedNumber(opened.response);
    await server.api('POST', `/api/tickets/${number}/messages`, { token: server.adminToken, body: { kind: 'note', body: 'Internal: vendor contract 42' } });
    const forwarded = await server.api('POST', `/api/tickets/${number}/forward`, { token: server.adminToken, body: { to: 'support@vendor.test', note: 'Can you check this unit?' } });
    expect(forwarded.status).toBe(201);
    const mail = await mailTo('support@vendor.test', () => true);
    expect(mail.parsed.subject).toBe(`Fwd: [#${number}] Broken router`);
    expect(mail.parsed.text).toContain('Can you check this unit?');
    expect(mail.parsed.text).toContain('The router blinks red.');
    expect(mail.parsed.text).not.toContain('vendor contract 42');
    expect(mail.envelope.to).toEqual(['support@vendor.test']);
    const line = await eventually('the forward line marked sent', async () =>
      (await ticketOf(number)).messages.find((message: any) => message.kind === 'system' && message.delivery?.state === 'sent'),
    );
    expect(line.body).toBe('Forwarded to support@vendor.test by Admin: Can you check this unit?'.replace('Admin', line.authorName));
    expect((await server.api('POST', `/api/tickets/${number}/forward`, { token: server.adminToken, body: { to: 'nobody' } })).status).toBe(400);
    expect((await server.api('POST', '/api/tickets/999999/forward', { token: server.adminToken, body: { to: 'a@vendor.test' } })).status).toBe(404);
  });

  it('stores a mail delivered twice (the same Message-ID) once', async () => {
    const mail = { from: CUSTOMER, to: DESK, subject: 'Twice', text: 'Sent twice by a retrying server.', messageId: '<twice@customer.test>' };
    const first = await client.send(mail);
    const second = await client.send(mail);
    expect(second.response).toContain('duplicate');
    const ticket = await ticketOf(storedNumber(first.response));
    expect(ticket.messages.filter((m: any) => m.kind === 'customer')).toHaveLength(1);
  });

  it('refuses recipients that are not the desk’s at RCPT time', async () => {
    await expect(client.send({ from: CUSTOMER, to: 'someone@elsewhere.test', subject: 'Relay me', text: 'Please' })).rejects.toMatchObject({ responseCode: 550 });
  });

  it('answers no automatic mail: an out-of-office reply moves nothing and gets no mail back', async () => {
    const opened = await client.send({ from: CUSTOMER, to: DESK, subject: 'Loop test', text: 'Hello', messageId: '<loop@customer.test>' });
    const number = storedNumber(opened.response);
    await server.api('PATCH', `/api/tickets/${number}`, { token: agent.token, body: { status: 'in_progress' } });
    await server.api('POST', `/api/tickets/${number}/messages`, { token: agent.token, body: { kind: 'reply', body: 'Please try again.' } });
    await server.api('PATCH', `/api/tickets/${number}`, { token: agent.token, body: { status: 'fixed' } });
    const answer = await mailTo(CUSTOMER, (mail) => mail.parsed.text?.includes('Please try again.') === true);
    const before = sink.mails.length;

    const outOfOffice = await client.send({
      from: CUSTOMER,
      to: DESK,
      subject: `Automatic reply: Re: [#${number}] Loop test`,
      text: 'I am out of the office until Monday.',
      inReplyTo: answer.parsed.messageId,
      headers: { 'Auto-Submitted': 'auto-replied' },
      messageId: '<ooo@customer.test>',
    });
    expect(storedNumber(outOfOffice.response)).toBe(number);
    const ticket = await ticketOf(number);
    expect(ticket.status).toBe('fixed');
    expect(ticket.messages.at(-1)).toMatchObject({ kind: 'customer', body: 'I am out of the office until Monday.' });

    const robot = await client.send({ from: 'no-reply@shop.test', to: DESK, subject: 'Your order shipped', text: 'Tracking: 123', messageId: '<robot@shop.test>' });
    const robotTicket = await ticketOf(storedNumber(robot.response));
    expect(robotTicket.messages.map((m: any) => m.kind)).toEqual(['customer']);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await server.app.mail.sender.drain();
    expect(sink.mails.slice(before).map((mail) => mail.envelope.to)).toEqual([]);
  });

  it('threads by subject tag only for the ticket’s participants: a stranger’s tag opens a new ticket', async () => {
    const opened = await client.send({ from: CUSTOMER, to: DESK, subject: 'Tagged', text: 'Original', messageId: '<tagged@customer.test>' });
    const number = storedNumber(opened.response);
    const fromRequester = await client.send({ from: CUSTOMER, to: DESK, subject: `Re: [#${number}] Tagged`, text: 'No headers, but my ticket', messageId: '<tagged-2@customer.test>' });
    expect(storedNumber(fromRequester.response)).toBe(number);
    const fromStranger = await client.send({ from: 'mallory@evil.test', to: DESK, subject: `Re: [#${number}] Tagged`, text: 'Let me in', messageId: '<tagged-3@evil.test>' });
    expect(storedNumber(fromStranger.response)).not.toBe(number);
    const original = await ticketOf(number);
    expect(original.messages.map((m: any) => m.body)).not.toContain('Let me in');
  });

  it.each([
    ['windows-1251', 'Принтер не печатает', 'Здравствуйте, принтер снова не работает.'],
    ['koi8-r', 'Ошибка входа', 'Не могу войти в систему, пишет "неверный пароль".'],
    ['iso-8859-2', 'Drukarka nie działa', 'Dzień dobry, drukarka znów się zacięła. Żółć!'],
  ])('reads a %s mail with an encoded subject and name', async (charset, subject, text) => {
    const encodedSubject = `=?${charset}?B?${iconv.encode(subject, charset).toString('base64')}?=`;
    // The name in UTF-8 beside a body in the old charset, as mail clients mix them.
    const encodedName = `=?utf-8?B?${Buffer.from('Пётр Żak').toString('base64')}?=`;
    const raw = Buffer.concat([
      Buffer.from(
        `From: ${encodedName} <piotr@customer.test>\r\nTo: ${DESK}\r\nSubject: ${encodedSubject}\r\n` +
          `Message-ID: <${charset}@customer.test>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=${charset}\r\nContent-Transfer-Encoding: 8bit\r\n\r\n`,
      ),
      iconv.encode(text, charset),
      Buffer.from('\r\n'),
    ]);
    const sent = await client.sendRaw({ from: 'piotr@customer.test', to: [DESK] }, raw);
    const ticket = await ticketOf(storedNumber(sent.response));
    expect(ticket.subject).toBe(subject);
    expect(ticket.messages[0].body).toBe(text);
    expect(ticket.requester.name).toBe('Пётр Żak');
  });

  it('refuses mail without a sender or over the size limit (storing nothing), and stores what it can read of broken MIME', async () => {
    const ticketCount = async () => Number((await server.app.database.db.selectFrom('tickets').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await ticketCount();
    await expect(client.sendRaw({ from: CUSTOMER, to: [DESK] }, `To: ${DESK}\r\nSubject: nobody\r\n\r\nNo From header at all.\r\n`)).rejects.toMatchObject({ responseCode: 550 });
    const huge = Buffer.alloc(40 * 1_048_576, 'a');
    await expect(
      client.sendRaw({ from: CUSTOMER, to: [DESK] }, Buffer.concat([Buffer.from(`From: ${CUSTOMER}\r\nTo: ${DESK}\r\nSubject: huge\r\nMessage-ID: <huge@customer.test>\r\n\r\n`), huge])),
    ).rejects.toMatchObject({ responseCode: 552 });
    await expect(client.sendRaw({ from: CUSTOMER, to: [DESK] }, `From: ${CUSTOMER}\r\nTo: ${DESK}\r\nContent-Type: multipart/mixed; boundary="never-closed"\r\n\r\n--never-closed\r\nContent-Type: text/plain\r\n\r\nbroken`)).resolves.toBeDefined();
    expect(await ticketCount()).toBe(before + 1);
  });

  it('keeps a reply queued while the relay refuses for now, sends it when it recovers, and shows a permanent refusal', async () => {
    const opened = await client.send({ from: CUSTOMER, to: DESK, subject: 'Relay trouble', text: 'Hi', messageId: '<relay@customer.test>' });
    const number = storedNumber(opened.response);
    await server.app.mail.sender.drain();
    sink.setMode('tempfail');
    await server.api('POST', `/api/tickets/${number}/messages`, { token: server.adminToken, body: { kind: 'reply', body: 'Retried reply' } });
    const queued = await eventually('a failed attempt', async () => (await ticketOf(number)).messages.find((m: any) => m.body === 'Retried reply' && m.delivery?.attempts >= 1));
    expect(queued.delivery).toMatchObject({ state: 'queued', error: expect.stringContaining('try again later') });
    sink.setMode('accept');
    await eventually('the retry delivered', async () => (await ticketOf(number)).messages.find((m: any) => m.body === 'Retried reply' && m.delivery?.state === 'sent'));

    sink.setMode('reject');
    await server.api('POST', `/api/tickets/${number}/messages`, { token: server.adminToken, body: { kind: 'reply', body: 'Refused reply' } });
    const failed = await eventually('the refusal', async () => (await ticketOf(number)).messages.find((m: any) => m.body === 'Refused reply' && m.delivery?.state === 'failed'));
    expect(failed.delivery.error).toContain('mailbox unavailable');
    sink.setMode('accept');
  });

  it('attaches a bounce to the mail it reports on instead of opening a ticket', async () => {
    const opened = await client.send({ from: 'gone@customer.test', to: DESK, subject: 'Bounce me', text: 'Hi', messageId: '<bounce@customer.test>' });
    const number = storedNumber(opened.response);
    const ack = await mailTo('gone@customer.test', () => true);
    const report = [
      `From: MAILER-DAEMON@mx.customer.test`,
      `To: ${DESK}`,
      `Subject: Undelivered Mail Returned to Sender`,
      `Message-ID: <dsn-1@mx.customer.test>`,
      `MIME-Version: 1.0`,
      `Content-Type: multipart/report; report-type=delivery-status; boundary="b"`,
      ``,
      `--b`,
      `Content-Type: text/plain`,
      ``,
      `Your message could not be delivered.`,
      `--b`,
      `Content-Type: message/delivery-status`,
      ``,
      `Reporting-MTA: dns; mx.customer.test`,
      ``,
      `Final-Recipient: rfc822; gone@customer.test`,
      `Action: failed`,
      `Status: 5.1.1`,
      `Diagnostic-Code: smtp; 550 5.1.1 user unknown`,
      `--b`,
      `Content-Type: text/rfc822-headers`,
      ``,
      `Message-ID: ${ack.parsed.messageId}`,
      `Subject: ${ack.parsed.subject}`,
      `--b--`,
      ``,
    ].join('\r\n');
    const sent = await client.sendRaw({ from: '', to: [DESK] }, report);
    expect(sent.response).toContain('report');
    const ticket = await ticketOf(number);
    expect(ticket.messages.find((m: any) => m.kind === 'auto_reply').delivery).toMatchObject({ state: 'failed', error: expect.stringContaining('user unknown') });
    expect(ticket.messages.filter((m: any) => m.kind === 'customer')).toHaveLength(1);
  });
});

describe('email channel: attachments both ways', () => {
  let sink: Awaited<ReturnType<typeof startMailSink>>;
  let server: TestServer;
  let client: ReturnType<typeof mailClient>;
  let outsider: SignedIn;
  // Not text, not a known format: served as application/octet-stream, byte for byte.
  const binary = Buffer.from(Array.from({ length: 70_000 }, (_, index) => (index * 7919) % 256));
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

  beforeAll(async () => {
    sink = await startMailSink();
    server = await startTestServer({ env: { TIERDESK_SMTP_PORT: '0', TIERDESK_MAIL_FROM: DESK, TIERDESK_SMTP_RELAY_URL: sink.url, TIERDESK_RATE_LIMITS: 'off', TIERDESK_ATTACHMENT_MAX_MB: '1', TIERDESK_INTAKE_MAX_KB: '4096' } });
    client = mailClient(server.app.mail.smtpPort!);
    outsider = await server.signIn({ name: 'Outside Billing' });
    await server.api('POST', '/api/groups', { token: server.adminToken, body: { name: 'Billing', categories: ['billing'] } });
  });

  afterAll(async () => {
    client?.close();
    await server?.stop();
    await sink?.close();
  });

  const download = (url: string, token?: string) => fetch(`${server.url}${url}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('keeps a mail’s files and inline image, served exactly to those who may see the ticket', async () => {
    const sent = await client.send({
      from: CUSTOMER,
      to: DESK,
      subject: 'Logs attached',
      text: 'See the attached log and screenshot.',
      html: '<p>See <img src="cid:shot@customer.test"></p>',
      attachments: [
        { filename: 'dump.bin', content: binary, contentType: 'application/pdf' },
        { filename: 'shot.png', content: png, cid: 'shot@customer.test' },
        { filename: 'huge.bin', content: Buffer.alloc(1_100_000, 1) },
      ],
      messageId: '<files@customer.test>',
    });
    const number = Number(/ticket #(\d+)/.exec(sent.response)?.[1]);
    const ticket = (await server.api('GET', `/api/tickets/${number}`, { token: server.adminToken })).body;
    const [opening] = ticket.messages;
    const byName = [...opening.attachments].sort((a: { filename: string }, b: { filename: string }) => a.filename.localeCompare(b.filename));
    expect(byName).toEqual([
      { id: expect.any(String), filename: 'dump.bin', contentType: 'application/octet-stream', size: binary.length, url: expect.stringMatching(/^\/api\/attachments\//) },
      { id: expect.any(String), filename: 'shot.png', contentType: 'image/png', size: png.length, inline: true, url: expect.any(String) },
    ]);
    expect(opening.body).toContain('huge.bin (2 MB)');
    expect(opening.mail.html).toBe('<p>See <span class="mail-image">[image]</span></p>');

    const file = await download(byName[0].url, server.adminToken);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(binary)).toBe(true);
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename="dump.bin"; filename*=UTF-8''dump.bin`);
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(file.headers.get('content-type')).toBe('application/octet-stream');
    expect((await download(byName[0].url)).status).toBe(401);
  });

  it('mails an agent’s uploaded file with the reply, byte for byte, and refuses files that are not theirs to attach', async () => {
    const opened = await client.send({ from: CUSTOMER, to: DESK, subject: 'Send me the form', text: 'Please', messageId: '<form@customer.test>' });
    const number = Number(/ticket #(\d+)/.exec(opened.response)?.[1]);
    const upload = async (token: string, name: string, bytes: Buffer, id?: string) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)]), name);
      const response = await fetch(`${server.url}/api/tickets/${number}/attachments${id ? `?id=${id}` : ''}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
      return { status: response.status, body: await response.json() };
    };
    // The console names its own ids (offline uploads): the same file again is the same attachment, another file under it is refused.
    const chosen = '00000000-0000-4000-8000-0000000000a1';
    expect((await upload(server.adminToken, 'a.png', png, chosen)).body.id).toBe(chosen);
    expect((await upload(server.adminToken, 'a.png', png, chosen)).status).toBe(201);
    expect((await upload(server.adminToken, 'b.bin', binary, chosen)).status).toBe(409);
    const uploaded = await upload(server.adminToken, 'Formularz żółty.pdf', binary);
    expect(uploaded).toMatchObject({ status: 201, body: { id: expect.any(String), filename: 'Formularz żółty.pdf', size: binary.length } });
    expect((await upload(server.adminToken, 'too-big.bin', Buffer.alloc(1_100_000))).status).toBe(413);

    const reply = await server.api('POST', `/api/tickets/${number}/messages`, { token: server.adminToken, body: { kind: 'reply', body: 'The form is attached.', attachmentIds: [uploaded.body.id] } });
    expect(reply.status).toBe(201);
    const mailed = await eventually('the reply with its file', () => sink.mails.find((mail) => mail.parsed.text?.includes('The form is attached.')));
    expect(mailed.parsed.attachments.map((file) => file.filename)).toEqual(['Formularz żółty.pdf']);
    expect(mailed.parsed.attachments[0]!.content.equals(binary)).toBe(true);

    // Already sent with a message: it cannot go on another.
    const again = await server.api('POST', `/api/tickets/${number}/messages`, { token: server.adminToken, body: { kind: 'reply', body: 'Again', attachmentIds: [uploaded.body.id] } });
    expect(again).toMatchObject({ status: 404, body: { code: 'attachment_not_found' } });
    const unknown = await server.api('POST', `/api/tickets/${number}/messages`, { token: server.adminToken, body: { kind: 'note', body: 'Ghost', attachmentIds: ['00000000-0000-4000-8000-000000000000'] } });
    expect(unknown).toMatchObject({ status: 404, body: { code: 'attachment_not_found' } });
  });

  it('takes files with a ticket posted to the intake, and mails nothing of them back', async () => {
    const posted = await server.api('POST', '/api/tickets', {
      body: { subject: 'Form with a file', body: 'See the scan', requester: { email: CUSTOMER }, attachments: [{ filename: 'scan.png', contentType: 'application/pdf', contentBase64: png.toString('base64') }] },
    });
    expect(posted.status).toBe(201);
    const ticket = (await server.api('GET', `/api/tickets/${posted.body.number}`, { token: server.adminToken })).body;
    const [file] = ticket.messages[0].attachments;
    expect(file).toMatchObject({ filename: 'scan.png', contentType: 'image/png', size: png.length });
    expect(Buffer.from(await (await download(file.url, server.adminToken)).arrayBuffer()).equals(png)).toBe(true);
    const tooBig = await server.api('POST', '/api/tickets', { body: { subject: 'Big', body: 'x', requester: { email: CUSTOMER }, attachments: [{ filename: 'big.bin', contentBase64: Buffer.alloc(1_100_000).toString('base64') }] } });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error).toContain('big.bin is larger than 1 MB');
    const notBase64 = await server.api('POST', '/api/tickets', { body: { subject: 'Bad', body: 'x', requester: { email: CUSTOMER }, attachments: [{ filename: 'a', contentBase64: 'not base64!' }] } });
    expect(notBase64.status).toBe(400);
  });

  it('serves nothing of a ticket to an agent who may not see it', async () => {
    const intake = await server.api('POST', '/api/tickets', { body: { subject: 'Billing secret', body: 'Invoice', requester: { email: CUSTOMER }, tags: ['billing'] } });
    const uploaded = new FormData();
    uploaded.append('file', new Blob([new Uint8Array(png)]), 'secret.png');
    const stored = await (await fetch(`${server.url}/api/tickets/${intake.body.number}/attachments`, { method: 'POST', headers: { authorization: `Bearer ${server.adminToken}` }, body: uploaded })).json();
    expect((await download(stored.url, outsider.token)).status).toBe(404);
    const theirs = new FormData();
    theirs.append('file', new Blob([new Uint8Array(png)]), 'mine.png');
    expect((await fetch(`${server.url}/api/tickets/${intake.body.number}/attachments`, { method: 'POST', headers: { authorization: `Bearer ${outsider.token}` }, body: theirs })).status).toBe(404);
  });
});

describe('email channel: spam is held for review, never dropped', () => {
  let sink: Awaited<ReturnType<typeof startMailSink>>;
  let server: TestServer;
  let client: ReturnType<typeof mailClient>;
  let agent: SignedIn;

  beforeAll(async () => {
    sink = await startMailSink();
    server = await startTestServer({ env: { TIERDESK_SMTP_PORT: '0', TIERDESK_MAIL_FROM: DESK, TIERDESK_SMTP_RELAY_URL: sink.url, TIERDESK_RATE_LIMITS: 'off' } });
    client = mailClient(server.app.mail.smtpPort!);
    agent = await server.signIn({ name: 'Spam Reviewer' });
  });

  afterAll(async () => {
    client?.close();
    await server?.stop();
    await sink?.close();
  });

  const held = async () => (await server.api('GET', '/api/spam', { token: agent.token })).body.mails as { id: string; from: string; subject: string; score: number; reasons: { code: string; points: number }[] }[];
  const junk = (id: string, from = 'promo@junk-shop.test') => ({
    from,
    to: DESK,
    subject: 'YOU HAVE WON THE LOTTERY!!!',
    text: 'Claim your casino jackpot now',
    messageId: `<${id}@junk-shop.test>`,
    headers: { 'X-Spam-Flag': 'YES' },
  });

  it('holds a suspected mail instead of opening a ticket; an agent releases it into a ticket or deletes it', async () => {
    const first = await client.send(junk('junk-1'));
    expect(first.response).toContain('held for review');
    const again = await client.send(junk('junk-1'));
    expect(again.response).toContain('duplicate');
    const [mail] = await held();
    expect(mail).toMatchObject({ from: 'promo@junk-shop.test', subject: 'YOU HAVE WON THE LOTTERY!!!', score: expect.any(Number) });
    expect(mail!.reasons).toContainEqual({ code: 'upstream_filter', points: 10 });
    expect(sink.mails).toHaveLength(0);

    const released = await server.api('POST', `/api/spam/${mail!.id}/release`, { token: agent.token });
    expect(released.body).toMatchObject({ outcome: 'created', ticketNumber: expect.any(Number) });
    const ticket = (await server.api('GET', `/api/tickets/${released.body.ticketNumber}`, { token: server.adminToken })).body;
    expect(ticket.messages[0].body).toBe('Claim your casino jackpot now');
    expect(await held()).toEqual([]);
    expect((await server.api('POST', `/api/spam/${mail!.id}/release`, { token: agent.token })).status).toBe(404);

    await client.send(junk('junk-2'));
    const [second] = await held();
    expect((await server.api('DELETE', `/api/spam/${second!.id}`, { token: agent.token })).status).toBe(204);
    expect(await held()).toEqual([]);
  });

  it('lets the admins’ lists decide first, and never holds a reply to a known thread', async () => {
    const rules = await server.api('PUT', '/api/admin/spam-rules', { token: server.adminToken, body: { allow: ['trusted.test'], block: ['mallory@evil.test'], threshold: 5 } });
    expect(rules.status).toBe(200);
    expect((await client.send(junk('allowed-1', 'boss@trusted.test'))).response).toContain('stored in ticket');
    expect((await client.send({ from: 'mallory@evil.test', to: DESK, subject: 'Hello', text: 'Innocent words', messageId: '<blocked-1@evil.test>' })).response).toContain('held for review');

    const opened = await client.send({ from: CUSTOMER, to: DESK, subject: 'Real question', text: 'Hi', messageId: '<real-1@customer.test>' });
    const number = Number(/ticket #(\d+)/.exec(opened.response)?.[1]);
    const reply = await client.send({ ...junk('reply-1', CUSTOMER), inReplyTo: '<real-1@customer.test>' });
    expect(reply.response).toContain(`stored in ticket #${number}`);
  });

  it('refuses bad rules with a clear error, and only admins set them', async () => {
    const bad = await server.api('PUT', '/api/admin/spam-rules', { token: server.adminToken, body: { allow: ['not a domain'], block: [], threshold: 5 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/invalid spam rules/);
    expect((await server.api('PUT', '/api/admin/spam-rules', { token: agent.token, body: { allow: [], block: [], threshold: 5 } })).status).toBe(403);
    expect((await server.api('GET', '/api/admin/spam-rules', { token: server.adminToken })).body).toEqual({ allow: ['trusted.test'], block: ['mallory@evil.test'], threshold: 5 });
  });
});
