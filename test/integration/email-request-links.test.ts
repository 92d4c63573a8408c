import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/clock';
import { CUSTOMER, DESK, startMailDesk, storedNumber, type MailDesk } from '../support/mail-desk';

const PUBLIC_URL = 'https://help.desk.test';
const LINK_DAYS = 2;

/**
 * The link every mail to the customer carries: it starts at TIERDESK_PUBLIC_URL, opens the
 * request's page with the public conversation only, carries a signed expiring token rather than
 * the ticket's access key, and shows nothing for a link that was altered or moved to another ticket.
 */
describe('email channel: signed links to the request’s page', () => {
  let desk: MailDesk;
  const clock = new ManualClock(Date.UTC(2026, 11, 3, 9, 0));
  const linkIn = (text: string | undefined) => {
    const found = /https:\/\/help\.desk\.test\/request\/(\S+)/.exec(text ?? '');
    if (!found?.[1]) throw new Error(`no request link in: ${text}`);
    return found[1];
  };
  const open = (token: string, headers: Record<string, string> = {}) => fetch(`${desk.server.url}/request/${token}`, { headers });

  beforeAll(async () => {
    desk = await startMailDesk({ TIERDESK_PUBLIC_URL: `${PUBLIC_URL}/`, TIERDESK_MAIL_LINK_DAYS: String(LINK_DAYS) }, { clock });
  });

  afterAll(async () => {
    await desk?.stop();
  });

  it('mails a link that shows the status and public conversation, never internal notes', async () => {
    const sent = await desk.client.send({ from: `Anna Kowalska <${CUSTOMER}>`, to: DESK, subject: 'VPN drops <every> hour', text: 'It drops at :00 & :30.' });
    const number = storedNumber(sent.response);
    const ack = await desk.mailTo(CUSTOMER, (mail) => mail.parsed.subject === `Re: [#${number}] VPN drops <every> hour`);
    const ackToken = linkIn(ack.parsed.text);
    const token = desk.server.adminToken;
    await desk.server.api('POST', `/api/tickets/${number}/messages`, { token, body: { kind: 'note', body: 'Internal: their firewall vendor is Acme.' } });
    await desk.server.api('POST', `/api/tickets/${number}/messages`, { token, body: { kind: 'reply', body: 'Please send us the <b>log</b>.' } });
    const reply = await desk.mailTo(CUSTOMER, (mail) => mail.parsed.text?.includes('send us the') === true);
    expect(linkIn(reply.parsed.text)).not.toBe('');

    const page = await open(ackToken);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    const html = await page.text();
    expect(html).toContain(`Your request #${number}: VPN drops &lt;every&gt; hour`);
    expect(html).toContain('It drops at :00 &amp; :30.');
    expect(html).toContain('Please send us the &lt;b&gt;log&lt;/b&gt;.');
    expect(html).not.toContain('firewall vendor');
    expect(html).not.toContain('<script');
    // The stored access key never travels: the link is a signed claim, not a secret of the API.
    expect(ackToken).toMatch(/^t1\./);
  });

  it('speaks the browser’s language and switches on ?lang=', async () => {
    const sent = await desk.client.send({ from: CUSTOMER, to: DESK, subject: 'Drukarka', text: 'Nie drukuje.' });
    const number = storedNumber(sent.response);
    const ack = await desk.mailTo(CUSTOMER, (mail) => mail.parsed.subject === `Re: [#${number}] Drukarka`);
    const tokenOf = linkIn(ack.parsed.text);
    expect(await (await open(tokenOf, { 'accept-language': 'pl-PL,pl;q=0.9,en;q=0.5' })).text()).toContain(`Twoje zgłoszenie nr ${number}`);
    expect(await (await open(`${tokenOf}?lang=ru`, { 'accept-language': 'pl' })).text()).toContain(`Ваше обращение №${number}`);
  });

  it('answers an altered or unknown link with 404 and an expired one with 410, telling which', async () => {
    const sent = await desk.client.send({ from: CUSTOMER, to: DESK, subject: 'Expiring', text: 'Will this link last?' });
    const number = storedNumber(sent.response);
    const ack = await desk.mailTo(CUSTOMER, (mail) => mail.parsed.subject === `Re: [#${number}] Expiring`);
    const good = linkIn(ack.parsed.text);
    const [version, payload, mac] = good.split('.');
    const other = storedNumber((await desk.client.send({ from: 'eve@elsewhere.test', to: DESK, subject: 'Mine', text: 'Another ticket.' })).response);
    const otherId = (await desk.ticketOf(other)).id as string;
    // The same signature over another ticket's id (and a later expiry), a flipped signature, and junk.
    const body = Buffer.from(payload!, 'base64url');
    const moved = Buffer.concat([Buffer.from(otherId.replace(/-/g, ''), 'hex'), body.subarray(16)]).toString('base64url');
    const later = Buffer.from(body);
    later.writeUInt32BE(later.readUInt32BE(16) + 86_400, 16);
    const flipped = `${mac!.slice(0, -2)}${mac!.endsWith('AA') ? 'BB' : 'AA'}`;
    for (const bad of [`${version}.${moved}.${mac}`, `${version}.${later.toString('base64url')}.${mac}`, `${version}.${payload}.${flipped}`, 'junk', `t1.${payload}`]) {
      const answer = await open(bad);
      expect(answer.status, bad).toBe(404);
      expect(await answer.text()).toContain('This link does not open a request');
    }
    // Longer than any link: refused before anything is read.
    expect((await open('a'.repeat(2_000))).status).toBe(414);

    clock.advance(LINK_DAYS * 86_400_000 + 1_000);
    const expired = await open(good);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('This link has expired');
  });

  it('mails the customer when a solved request closes by itself, as an automatic answer with its link', async () => {
    const sent = await desk.client.send({ from: CUSTOMER, to: DESK, subject: 'Solved soon', text: 'Please fix the badge reader.' });
    const number = storedNumber(sent.response);
    const token = desk.server.adminToken;
    expect((await desk.server.api('PATCH', `/api/tickets/${number}`, { token, body: { status: 'in_progress' } })).status).toBe(200);
    expect((await desk.server.api('PATCH', `/api/tickets/${number}`, { token, body: { status: 'fixed' } })).status).toBe(200);
    expect((await desk.server.api('POST', '/api/admin/clock/advance', { token, body: { ms: 49 * 3_600_000 } })).status).toBe(200);
    const notice = await desk.mailTo(CUSTOMER, (mail) => mail.parsed.text?.includes(`Your request #${number} is now closed`) === true);
    expect(notice.parsed.subject).toBe(`Re: [#${number}] Solved soon`);
    expect(notice.parsed.headers.get('auto-submitted')).toBe('auto-replied');
    expect(linkIn(notice.parsed.text)).toMatch(/^t1\./);
    expect((await desk.ticketOf(number)).status).toBe('closed');
  });

  it('offers a public article that answers a mailed question, and its "This solved my problem" sets the ticket Fixed', async () => {
    const token = desk.server.adminToken;
    const article = await desk.server.api('POST', '/api/kb/articles', { token, body: { title: 'Badge reader does not open the door', body: 'Hold the badge still for two seconds.', visibility: 'public', language: 'en', status: 'published' } });
    expect(article.status).toBe(201);
    const sent = await desk.client.send({ from: CUSTOMER, to: DESK, subject: 'Door', text: 'The badge reader at the entrance does not open the door.' });
    const number = storedNumber(sent.response);
    const ack = await desk.mailTo(CUSTOMER, (mail) => mail.parsed.subject === `Re: [#${number}] Door`);
    expect(ack.parsed.text).toContain('This may answer your question: “Badge reader does not open the door”');
    const offer = /https:\/\/help\.desk\.test(\/kb\/\S+)\?offer=(\S+)/.exec(ack.parsed.text ?? '');
    expect(offer?.[1]).toBe(`/kb/${article.body.slug}`);
    const page = await fetch(`${desk.server.url}${offer![1]}?offer=${offer![2]}`);
    expect(await page.text()).toContain('This solved my problem');
    const solved = await fetch(`${desk.server.url}${offer![1]}/offer`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `offer=${offer![2]}&answer=solved` });
    expect(solved.status).toBe(200);
    expect((await desk.ticketOf(number)).status).toBe('fixed');
  });
});
