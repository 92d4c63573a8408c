import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually';
import { BILLING, CUSTOMER, DESK, startMailDesk, storedNumber, type MailDesk } from '../support/mail-desk';
import type { SignedIn } from '../support/test-server';

/**
 * The email channel end to end with real SMTP on both sides: a customer's mail client
 * (nodemailer) talks to the desk's built-in listener, and the desk's outbound mail goes through a
 * real SMTP relay (smtp-server) that keeps what it receives, as the customer's mailbox would.
 */
describe('email channel: inbound SMTP, threaded outbound replies, loops', () => {
  let desk: MailDesk;
  let agent: SignedIn;
  const ticketOf = (number: number) => desk.ticketOf(number);
  const mailTo: MailDesk['mailTo'] = (address, predicate) => desk.mailTo(address, predicate);

  beforeAll(async () => {
    desk = await startMailDesk();
    agent = await desk.server.signIn({ name: 'Alice Agent', level: 1 });
  });

  afterAll(async () => {
    await desk?.stop();
  });

  it('turns a customer’s mail into a ticket and mails the acknowledgement threaded under it', async () => {
    const sent = await desk.client.send({ from: `Anna Kowalska <${CUSTOMER}>`, to: DESK, subject: 'Printer on fire', text: 'The printer on floor 3 is smoking.', messageId: '<first@customer.test>' });
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
    const opened = await desk.client.send({ from: CUSTOMER, to: BILLING, subject: 'Invoice 7 is wrong', text: 'It says 700 instead of 70.', messageId: '<invoice@customer.test>' });
    const number = storedNumber(opened.response);
    const reply = await desk.server.api('POST', `/api/tickets/${number}/messages`, { token: desk.server.adminToken, body: { kind: 'reply', body: 'Corrected: the invoice is 70.\r\nBcc: evil@attacker.test' } });
    expect(reply.status).toBe(201);
    const answer = await mailTo(CUSTOMER, (mail) => mail.parsed.text?.includes('Corrected') === true);
    expect(answer.envelope.to).toEqual([CUSTOMER]);
    expect(answer.parsed.inReplyTo).toBe('<invoice@customer.test>');
    expect(answer.parsed.references).toEqual(expect.arrayContaining(['<invoice@customer.test>']));
    expect(answer.parsed.subject).toBe(`Re: [#${number}] Invoice 7 is wrong`);
    expect(answer.parsed.headers.get('bcc')).toBeUndefined();
    expect(answer.parsed.headers.get('auto-submitted')).toBeUndefined();

    const customerReply = await desk.client.send({
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
    const opened = await desk.client.send({ from: CUSTOMER, to: [DESK, 'colleague@customer.test'], cc: ['boss@customer.test', BILLING], subject: 'Copy my team', text: 'Please keep them in the loop', messageId: '<cc-1@customer.test>' });
    const number = storedNumber(opened.response);
    const ack = await mailTo(CUSTOMER, (mail) => mail.parsed.subject === `Re: [#${number}] Copy my team`);
    expect(ack.envelope.to).toEqual([CUSTOMER]);
    await desk.server.api('POST', `/api/tickets/${number}/messages`, { token: desk.server.adminToken, body: { kind: 'reply', body: 'Looping everyone in.', cc: ['Vendor@Partner.test', DESK] } });
    const reply = await mailTo(CUSTOMER, (mail) => mail.parsed.text?.includes('Looping everyone in.') === true);
    expect(reply.envelope.to.sort()).toEqual([CUSTOMER, 'boss@customer.test', 'colleague@customer.test', 'vendor@partner.test'].sort());
    const noteWithCc = await desk.server.api('POST', `/api/tickets/${number}/messages`, { token: desk.server.adminToken, body: { kind: 'note', body: 'x', cc: ['a@b.test'] } });
    expect(noteWithCc.status).toBe(400);
    expect(reply.parsed.headers.get('cc')).toBeDefined();
    expect(reply.envelope.to).not.toContain(DESK);
    expect(reply.envelope.to).not.toContain(BILLING);
  });

  it('signs an agent’s replies with their signature, its placeholders filled, and refuses unknown placeholders', async () => {
    const refused = await desk.server.api('PUT', '/api/account/signature', { token: agent.token, body: { signature: 'Yours, {{customer.name}}' } });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toContain('unknown placeholder {{customer.name}}');
    const saved = await desk.server.api('PUT', '/api/account/signature', { token: agent.token, body: { signature: 'Best regards,\n{{agent.firstName}} ({{agent.name}})' } });
    expect(saved.status).toBe(200);
    expect((await desk.server.api('GET', '/api/account/signature', { token: agent.token })).body).toEqual({ signature: 'Best regards,\n{{agent.firstName}} ({{agent.name}})' });

    const opened = await desk.client.send({ from: CUSTOMER, to: DESK, subject: 'Signed answer', text: 'Hi', messageId: '<signed@customer.test>' });
    const number = storedNumber(opened.response);
    await desk.server.api('PATCH', `/api/tickets/${number}`, { token: agent.token, body: { status: 'in_progress' } });
    await desk.server.api('POST', `/api/tickets/${number}/messages`, { token: agent.token, body: { kind: 'reply', body: 'Here is the answer.' } });
    const mailed = await mailTo(CUSTOMER, (mail) => mail.parsed.text?.includes('Here is the answer.') === true);
    // The request's link sits between the answer and the signature (RFC 3676 "-- " starts the signature).
    expect(mailed.parsed.text).toMatch(new RegExp(`^Here is the answer\\.\\n\\nRequest #${number}: http://\\S+/request/t1\\.\\S+\\n\\n-- \\nBest regards,\\nAlice \\(Alice Agent\\)`));
    const stored = (await desk.server.api('GET', `/api/tickets/${number}`, { token: agent.token })).body.messages.at(-1);
    expect(stored.body).toBe('Here is the answer.');
  });

  it('shows admins the mail setup without secrets, and sends a test mail through the relay', async () => {
    const setup = await desk.server.api('GET', '/api/admin/mail', { token: desk.server.adminToken });
    expect(setup.body).toMatchObject({ from: DESK, addresses: [DESK, BILLING], smtpPort: desk.server.app.mail.smtpPort, relay: `127.0.0.1:${desk.sink.port}`, rspamd: false });
    expect((await desk.server.api('GET', '/api/admin/mail', { token: agent.token })).status).toBe(403);

    const sent = await desk.server.api('POST', '/api/admin/mail/test', { token: desk.server.adminToken, body: { to: 'admin-inbox@customer.test' } });
    expect(sent.body).toEqual({ sent: true, to: 'admin-inbox@customer.test' });
    const test = await mailTo('admin-inbox@customer.test', () => true);
    expect(test.parsed.subject).toBe('Tierdesk test mail');
    expect(test.parsed.headers.get('auto-submitted')).toBe('auto-replied');

    desk.sink.setMode('reject');
    const refused = await desk.server.api('POST', '/api/admin/mail/test', { token: desk.server.adminToken, body: { to: 'admin-inbox@customer.test' } });
    desk.sink.setMode('accept');
    expect(refused.status).toBe(502);
    expect(refused.body.error).toContain('mailbox unavailable');
    expect((await desk.server.api('POST', '/api/admin/mail/test', { token: desk.server.adminToken, body: { to: 'not an address' } })).status).toBe(400);
  });

  it('forwards a ticket’s public conversation to an outside address, never its internal notes', async () => {
    const opened = await desk.client.send({ from: CUSTOMER, to: DESK, subject: 'Broken router', text: 'The router blinks red.', messageId: '<forward@customer.test>' });
    const number = storedNumber(opened.response);
    await desk.server.api('POST', `/api/tickets/${number}/messages`, { token: desk.server.adminToken, body: { kind: 'note', body: 'Internal: vendor contract 42' } });
    const forwarded = await desk.server.api('POST', `/api/tickets/${number}/forward`, { token: desk.server.adminToken, body: { to: 'support@vendor.test', note: 'Can you check this unit?' } });
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
    expect((await desk.server.api('POST', `/api/tickets/${number}/forward`, { token: desk.server.adminToken, body: { to: 'nobody' } })).status).toBe(400);
    expect((await desk.server.api('POST', '/api/tickets/999999/forward', { token: desk.server.adminToken, body: { to: 'a@vendor.test' } })).status).toBe(404);
  });

  it('stores a mail delivered twice (the same Message-ID) once', async () => {
    const mail = { from: CUSTOMER, to: DESK, subject: 'Twice', text: 'Sent twice by a retrying desk.server.', messageId: '<twice@customer.test>' };
    const first = await desk.client.send(mail);
    const second = await desk.client.send(mail);
    expect(second.response).toContain('duplicate');
    const ticket = await ticketOf(storedNumber(first.response));
    expect(ticket.messages.filter((m: any) => m.kind === 'customer')).toHaveLength(1);
  });

  it('refuses recipients that are not the desk’s at RCPT time', async () => {
    await expect(desk.client.send({ from: CUSTOMER, to: 'someone@elsewhere.test', subject: 'Relay me', text: 'Please' })).rejects.toMatchObject({ responseCode: 550 });
  });

  it('answers no automatic mail: an out-of-office reply moves nothing and gets no mail back', async () => {
    const opened = await desk.client.send({ from: CUSTOMER, to: DESK, subject: 'Loop test', text: 'Hello', messageId: '<loop@customer.test>' });
    const number = storedNumber(opened.response);
    await desk.server.api('PATCH', `/api/tickets/${number}`, { token: agent.token, body: { status: 'in_progress' } });
    await desk.server.api('POST', `/api/tickets/${number}/messages`, { token: agent.token, body: { kind: 'reply', body: 'Please try again.' } });
    await desk.server.api('PATCH', `/api/tickets/${number}`, { token: agent.token, body: { status: 'fixed' } });
    const answer = await mailTo(CUSTOMER, (mail) => mail.parsed.text?.includes('Please try again.') === true);
    const before = desk.sink.mails.length;

    const outOfOffice = await desk.client.send({
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

    const robot = await desk.client.send({ from: 'no-reply@shop.test', to: DESK, subject: 'Your order shipped', text: 'Tracking: 123', messageId: '<robot@shop.test>' });
    const robotTicket = await ticketOf(storedNumber(robot.response));
    expect(robotTicket.messages.map((m: any) => m.kind)).toEqual(['customer']);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await desk.server.app.mail.sender.drain();
    expect(desk.sink.mails.slice(before).map((mail) => mail.envelope.to)).toEqual([]);
  });

  it('threads by subject tag only for the ticket’s participants: a stranger’s tag opens a new ticket', async () => {
    const opened = await desk.client.send({ from: CUSTOMER, to: DESK, subject: 'Tagged', text: 'Original', messageId: '<tagged@customer.test>' });
    const number = storedNumber(opened.response);
    const fromRequester = await desk.client.send({ from: CUSTOMER, to: DESK, subject: `Re: [#${number}] Tagged`, text: 'No headers, but my ticket', messageId: '<tagged-2@customer.test>' });
    expect(storedNumber(fromRequester.response)).toBe(number);
    const fromStranger = await desk.client.send({ from: 'mallory@evil.test', to: DESK, subject: `Re: [#${number}] Tagged`, text: 'Let me in', messageId: '<tagged-3@evil.test>' });
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
    const sent = await desk.client.sendRaw({ from: 'piotr@customer.test', to: [DESK] }, raw);
    const ticket = await ticketOf(storedNumber(sent.response));
    expect(ticket.subject).toBe(subject);
    expect(ticket.messages[0].body).toBe(text);
    expect(ticket.requester.name).toBe('Пётр Żak');
  });

  it('refuses mail without a sender or over the size limit (storing nothing), and stores what it can read of broken MIME', async () => {
    const ticketCount = async () => Number((await desk.server.app.database.db.selectFrom('tickets').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await ticketCount();
    await expect(desk.client.sendRaw({ from: CUSTOMER, to: [DESK] }, `To: ${DESK}\r\nSubject: nobody\r\n\r\nNo From header at all.\r\n`)).rejects.toMatchObject({ responseCode: 550 });
    const huge = Buffer.alloc(40 * 1_048_576, 'a');
    await expect(
      desk.client.sendRaw({ from: CUSTOMER, to: [DESK] }, Buffer.concat([Buffer.from(`From: ${CUSTOMER}\r\nTo: ${DESK}\r\nSubject: huge\r\nMessage-ID: <huge@customer.test>\r\n\r\n`), huge])),
    ).rejects.toMatchObject({ responseCode: 552 });
    await expect(desk.client.sendRaw({ from: CUSTOMER, to: [DESK] }, `From: ${CUSTOMER}\r\nTo: ${DESK}\r\nContent-Type: multipart/mixed; boundary="never-closed"\r\n\r\n--never-closed\r\nContent-Type: text/plain\r\n\r\nbroken`)).resolves.toBeDefined();
    expect(await ticketCount()).toBe(before + 1);
  });

  it('keeps a reply queued while the relay refuses for now, sends it when it recovers, and shows a permanent refusal', async () => {
    const opened = await desk.client.send({ from: CUSTOMER, to: DESK, subject: 'Relay trouble', text: 'Hi', messageId: '<relay@customer.test>' });
    const number = storedNumber(opened.response);
    await desk.server.app.mail.sender.drain();
    desk.sink.setMode('tempfail');
    await desk.server.api('POST', `/api/tickets/${number}/messages`, { token: desk.server.adminToken, body: { kind: 'reply', body: 'Retried reply' } });
    const queued = await eventually('a failed attempt', async () => (await ticketOf(number)).messages.find((m: any) => m.body === 'Retried reply' && m.delivery?.attempts >= 1));
    expect(queued.delivery).toMatchObject({ state: 'queued', error: expect.stringContaining('try again later') });
    desk.sink.setMode('accept');
    await eventually('the retry delivered', async () => (await ticketOf(number)).messages.find((m: any) => m.body === 'Retried reply' && m.delivery?.state === 'sent'));

    desk.sink.setMode('reject');
    await desk.server.api('POST', `/api/tickets/${number}/messages`, { token: desk.server.adminToken, body: { kind: 'reply', body: 'Refused reply' } });
    const failed = await eventually('the refusal', async () => (await ticketOf(number)).messages.find((m: any) => m.body === 'Refused reply' && m.delivery?.state === 'failed'));
    expect(failed.delivery.error).toContain('mailbox unavailable');
    desk.sink.setMode('accept');
  });

  it('attaches a bounce to the mail it reports on instead of opening a ticket', async () => {
    const opened = await desk.client.send({ from: 'gone@customer.test', to: DESK, subject: 'Bounce me', text: 'Hi', messageId: '<bounce@customer.test>' });
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
    const sent = await desk.client.sendRaw({ from: '', to: [DESK] }, report);
    expect(sent.response).toContain('report');
    const ticket = await ticketOf(number);
    expect(ticket.messages.find((m: any) => m.kind === 'auto_reply').delivery).toMatchObject({ state: 'failed', error: expect.stringContaining('user unknown') });
    expect(ticket.messages.filter((m: any) => m.kind === 'customer')).toHaveLength(1);
  });
});
