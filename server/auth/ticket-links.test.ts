import { describe, expect, it } from 'vitest';
import { serializeRequest } from '../logger';
import { TicketLinkSigner, ticketLinks } from './ticket-links';

const KEY = 'k'.repeat(32);
const TICKET = '3f2c1b7e-9a4d-4e21-8c55-0d6f7a8b9c10';
const NOW = Date.UTC(2026, 11, 3);

describe('signed links to a request', () => {
  const signer = new TicketLinkSigner(KEY);
  const link = signer.sign({ ticketId: TICKET, email: 'anna@customer.test', expiresAt: NOW + 60_000 });

  it('opens for the ticket’s requester until it expires, then says expired', () => {
    expect(signer.ticketOf(link)).toBe(TICKET);
    expect(signer.verify(link, 'Anna@Customer.test', NOW)).toEqual({ ok: true });
    expect(signer.verify(link, 'anna@customer.test', NOW + 60_000)).toEqual({ ok: false, reason: 'expired' });
  });

  it('does not open for another requester or under another key, and holds neither the address nor a stored secret', () => {
    expect(signer.verify(link, 'eve@elsewhere.test', NOW)).toEqual({ ok: false, reason: 'invalid' });
    expect(new TicketLinkSigner('x'.repeat(32)).verify(link, 'anna@customer.test', NOW)).toEqual({ ok: false, reason: 'invalid' });
    expect(Buffer.from(link.split('.')[1]!, 'base64url').toString('latin1')).not.toContain('anna');
    expect(link.length).toBeLessThan(100);
  });

  it('binds what a link is for: an offer token opens only its article’s buttons, and no request page', () => {
    const offer = signer.sign({ ticketId: TICKET, email: 'anna@customer.test', expiresAt: NOW + 60_000 }, 'offer:article-1');
    expect(signer.verify(offer, 'anna@customer.test', NOW, 'offer:article-1')).toEqual({ ok: true });
    expect(signer.verify(offer, 'anna@customer.test', NOW, 'offer:article-2')).toEqual({ ok: false, reason: 'invalid' });
    expect(signer.verify(offer, 'anna@customer.test', NOW)).toEqual({ ok: false, reason: 'invalid' });
    expect(signer.verify(link, 'anna@customer.test', NOW, 'offer:article-1')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('is no link at all when malformed', () => {
    for (const token of ['', 't1', 't1..', `t2.${link.slice(3)}`, `${link}.x`, 't1.AAAA.AAAA']) expect(signer.ticketOf(token)).toBeNull();
  });

  it('leaves links out of mails when no master key is available, and says so once', () => {
    const missing: unknown[] = [];
    const links = ticketLinks({ publicUrl: 'https://help.test', ttlMs: 1_000, masterKey: () => { throw new Error('no key'); }, onMissingKey: (error) => missing.push(error) });
    expect(links.urlFor({ id: TICKET }, 'anna@customer.test', NOW)).toBeNull();
    expect(links.verify(link, 'anna@customer.test', NOW)).toEqual({ ok: false, reason: 'invalid' });
    expect(missing).toHaveLength(1);
  });

  it('is masked in the request log', () => {
    expect(serializeRequest({ method: 'GET', url: `/request/${link}?lang=pl` }).url).toBe('/request/[redacted]?lang=pl');
  });
});
