import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually';
import { CUSTOMER, DESK, startMailDesk, type MailDesk } from '../support/mail-desk';
import type { SignedIn } from '../support/test-server';

/**
 * Files through the email channel and the API, both ways: a customer's mail keeps its files and
 * inline images, an agent's upload goes out with the reply as MIME parts, the intake takes base64
 * files, and every download is the exact bytes, only for those who may see the ticket.
 */
describe('email channel: attachments both ways', () => {
  let desk: MailDesk;
  let outsider: SignedIn;
  // Not text, not a known format: served as application/octet-stream, byte for byte.
  const binary = Buffer.from(Array.from({ length: 70_000 }, (_, index) => (index * 7919) % 256));
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

  beforeAll(async () => {
    desk = await startMailDesk({ TIERDESK_ATTACHMENT_MAX_MB: '1', TIERDESK_INTAKE_MAX_KB: '4096' });
    outsider = await desk.server.signIn({ name: 'Outside Billing' });
    await desk.server.api('POST', '/api/groups', { token: desk.server.adminToken, body: { name: 'Billing', categories: ['billing'] } });
  });

  afterAll(async () => {
    await desk?.stop();
  });

  const download = (url: string, token?: string) => fetch(`${desk.server.url}${url}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('keeps a mail’s files and inline image, served exactly to those who may see the ticket', async () => {
    const sent = await desk.client.send({
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
    const ticket = (await desk.server.api('GET', `/api/tickets/${number}`, { token: desk.server.adminToken })).body;
    const [opening] = ticket.messages;
    const byName = [...opening.attachments].sort((a: { filename: string }, b: { filename: string }) => a.filename.localeCompare(b.filename));
    expect(byName).toEqual([
      { id: expect.any(String), filename: 'dump.bin', contentType: 'application/octet-stream', size: binary.length, url: expect.stringMatching(/^\/api\/attachments\//) },
      { id: expect.any(String), filename: 'shot.png', contentType: 'image/png', size: png.length, inline: true, url: expect.any(String) },
    ]);
    expect(opening.body).toContain('huge.bin (2 MB)');
    expect(opening.mail.html).toBe('<p>See <span class="mail-image">[image]</span></p>');

    const file = await download(byName[0].url, desk.server.adminToken);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(binary)).toBe(true);
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename="dump.bin"; filename*=UTF-8''dump.bin`);
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(file.headers.get('content-type')).toBe('application/octet-stream');
    expect((await download(byName[0].url)).status).toBe(401);
  });

  it('mails an agent’s uploaded file with the reply, byte for byte, and refuses files that are not theirs to attach', async () => {
    const opened = await desk.client.send({ from: CUSTOMER, to: DESK, subject: 'Send me the form', text: 'Please', messageId: '<form@customer.test>' });
    const number = Number(/ticket #(\d+)/.exec(opened.response)?.[1]);
    const upload = async (token: string, name: string, bytes: Buffer, id?: string) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)]), name);
      const response = await fetch(`${desk.server.url}/api/tickets/${number}/attachments${id ? `?id=${id}` : ''}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
      return { status: response.status, body: await response.json() };
    };
    // The console names its own ids (offline uploads): the same file again is the same attachment, another file under it is refused.
    const chosen = '00000000-0000-4000-8000-0000000000a1';
    expect((await upload(desk.server.adminToken, 'a.png', png, chosen)).body.id).toBe(chosen);
    expect((await upload(desk.server.adminToken, 'a.png', png, chosen)).status).toBe(201);
    expect((await upload(desk.server.adminToken, 'b.bin', binary, chosen)).status).toBe(409);
    const uploaded = await upload(desk.server.adminToken, 'Formularz żółty.pdf', binary);
    expect(uploaded).toMatchObject({ status: 201, body: { id: expect.any(String), filename: 'Formularz żółty.pdf', size: binary.length } });
    expect((await upload(desk.server.adminToken, 'too-big.bin', Buffer.alloc(1_100_000))).status).toBe(413);

    const reply = await desk.server.api('POST', `/api/tickets/${number}/messages`, { token: desk.server.adminToken, body: { kind: 'reply', body: 'The form is attached.', attachmentIds: [uploaded.body.id] } });
    expect(reply.status).toBe(201);
    const mailed = await eventually('the reply with its file', () => desk.sink.mails.find((mail) => mail.parsed.text?.includes('The form is attached.')));
    expect(mailed.parsed.attachments.map((file) => file.filename)).toEqual(['Formularz żółty.pdf']);
    expect(mailed.parsed.attachments[0]!.content.equals(binary)).toBe(true);

    // Already sent with a message: it cannot go on another.
    const again = await desk.server.api('POST', `/api/tickets/${number}/messages`, { token: desk.server.adminToken, body: { kind: 'reply', body: 'Again', attachmentIds: [uploaded.body.id] } });
    expect(again).toMatchObject({ status: 404, body: { code: 'attachment_not_found' } });
    const unknown = await desk.server.api('POST', `/api/tickets/${number}/messages`, { token: desk.server.adminToken, body: { kind: 'note', body: 'Ghost', attachmentIds: ['00000000-0000-4000-8000-000000000000'] } });
    expect(unknown).toMatchObject({ status: 404, body: { code: 'attachment_not_found' } });
  });

  it('takes files with a ticket posted to the intake, and mails nothing of them back', async () => {
    const posted = await desk.server.api('POST', '/api/tickets', {
      body: { subject: 'Form with a file', body: 'See the scan', requester: { email: CUSTOMER }, attachments: [{ filename: 'scan.png', contentType: 'application/pdf', contentBase64: png.toString('base64') }] },
    });
    expect(posted.status).toBe(201);
    const ticket = (await desk.server.api('GET', `/api/tickets/${posted.body.number}`, { token: desk.server.adminToken })).body;
    const [file] = ticket.messages[0].attachments;
    expect(file).toMatchObject({ filename: 'scan.png', contentType: 'image/png', size: png.length });
    expect(Buffer.from(await (await download(file.url, desk.server.adminToken)).arrayBuffer()).equals(png)).toBe(true);
    const tooBig = await desk.server.api('POST', '/api/tickets', { body: { subject: 'Big', body: 'x', requester: { email: CUSTOMER }, attachments: [{ filename: 'big.bin', contentBase64: Buffer.alloc(1_100_000).toString('base64') }] } });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error).toContain('big.bin is larger than 1 MB');
    const notBase64 = await desk.server.api('POST', '/api/tickets', { body: { subject: 'Bad', body: 'x', requester: { email: CUSTOMER }, attachments: [{ filename: 'a', contentBase64: 'not base64!' }] } });
    expect(notBase64.status).toBe(400);
  });

  it('serves nothing of a ticket to an agent who may not see it', async () => {
    const intake = await desk.server.api('POST', '/api/tickets', { body: { subject: 'Billing secret', body: 'Invoice', requester: { email: CUSTOMER }, tags: ['billing'] } });
    const uploaded = new FormData();
    uploaded.append('file', new Blob([new Uint8Array(png)]), 'secret.png');
    const stored = await (await fetch(`${desk.server.url}/api/tickets/${intake.body.number}/attachments`, { method: 'POST', headers: { authorization: `Bearer ${desk.server.adminToken}` }, body: uploaded })).json();
    expect((await download(stored.url, outsider.token)).status).toBe(404);
    const theirs = new FormData();
    theirs.append('file', new Blob([new Uint8Array(png)]), 'mine.png');
    expect((await fetch(`${desk.server.url}/api/tickets/${intake.body.number}/attachments`, { method: 'POST', headers: { authorization: `Bearer ${outsider.token}` }, body: theirs })).status).toBe(404);
  });
});
