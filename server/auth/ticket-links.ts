import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

const VERSION = 't1';
const UUID_BYTES = 16;
/** A truncated HMAC-SHA256: 128 bits are far beyond guessing, and keep the link short enough for any mail client. */
const MAC_BYTES = 16;

/** What a link in a mail lets its holder see: one ticket, as the customer it was mailed to. */
export type TicketLinkClaim = { ticketId: string; email: string; expiresAt: number };

export type TicketLinkCheck = { ok: true } | { ok: false; reason: 'invalid' | 'expired' };

/**
 * What a link is for, bound into its MAC: `request` (the ticket's page; its MAC input is the
 * original one, so links mailed before purposes existed still open) or `offer:<article id>` (the
 * answer buttons under an offered article), so a link made for one use opens nothing else.
 */
export type LinkPurpose = 'request' | `offer:${string}`;

/**
 * Signs the links that mails carry to a ticket's page: `t1.<ticket id and expiry>.<mac>`, the
 * MAC an HMAC-SHA256 over the ticket's id, the customer's address and the expiry, under a key
 * derived (HKDF) from the master key. A link cannot be forged, moved to another ticket or
 * outlive its time, and it holds no secret of the API (the ticket's access key is never mailed)
 * and no address: the verifier supplies the ticket's requester, so a link stops opening if the
 * ticket changes hands. Links are not single use: a customer opens the same mail many times.
 */
export class TicketLinkSigner {
  private readonly key: Buffer;

  constructor(masterKey: string) {
    if (masterKey.length < 32) throw new Error('the master key must have at least 32 characters');
    this.key = Buffer.from(hkdfSync('sha256', Buffer.from(masterKey, 'utf8'), Buffer.from('tierdesk'), Buffer.from('ticket-link v1'), 32));
  }

  sign(claim: TicketLinkClaim, purpose: LinkPurpose = 'request'): string {
    const body = Buffer.alloc(UUID_BYTES + 4);
    Buffer.from(claim.ticketId.replace(/-/g, ''), 'hex').copy(body);
    body.writeUInt32BE(Math.floor(claim.expiresAt / 1000), UUID_BYTES);
    const payload = body.toString('base64url');
    return `${VERSION}.${payload}.${this.mac(payload, claim.email, purpose).toString('base64url')}`;
  }

  /** The ticket a link names, before anything is checked (null when it is not a link at all): the verifier then looks up its requester. */
  ticketOf(token: string): string | null {
    const body = this.parts(token)?.body;
    if (!body) return null;
    const hex = body.subarray(0, UUID_BYTES).toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  /** Genuine for this requester, and `expired` only for a genuine link past its time. */
  verify(token: string, requesterEmail: string, now: number, purpose: LinkPurpose = 'request'): TicketLinkCheck {
    const parts = this.parts(token);
    if (!parts || !timingSafeEqual(parts.mac, this.mac(parts.payload, requesterEmail, purpose))) return { ok: false, reason: 'invalid' };
    return parts.body.readUInt32BE(UUID_BYTES) * 1000 <= now ? { ok: false, reason: 'expired' } : { ok: true };
  }

  private parts(token: string): { payload: string; body: Buffer; mac: Buffer } | null {
    const [version, payload, macText, ...rest] = token.split('.');
    if (version !== VERSION || !payload || !macText || rest.length > 0) return null;
    const body = Buffer.from(payload, 'base64url');
    const mac = Buffer.from(macText, 'base64url');
    return body.length === UUID_BYTES + 4 && mac.length === MAC_BYTES ? { payload, body, mac } : null;
  }

  private mac(payload: string, email: string, purpose: LinkPurpose): Buffer {
    const bound = purpose === 'request' ? `${VERSION}.${payload}` : `${VERSION}.${purpose}.${payload}`;
    return createHmac('sha256', this.key).update(`${bound}.${email.toLowerCase()}`).digest().subarray(0, MAC_BYTES);
  }
}

/** Where links point and for how long they open; without a master key no link is made and none opens. */
export type TicketLinks = {
  /** The page of this ticket for this customer, or null when links cannot be signed here. */
  urlFor(ticket: { id: string }, email: string, now: number): string | null;
  ticketOf(token: string): string | null;
  verify(token: string, requesterEmail: string, now: number): TicketLinkCheck;
  /** The token of an offered article's answer buttons for this ticket's customer, or null when links cannot be signed here. */
  offerTokenFor(ticket: { id: string }, email: string, articleId: string, now: number): string | null;
  verifyOffer(token: string, requesterEmail: string, articleId: string, now: number): TicketLinkCheck;
};

/** Links under `publicUrl/request/…`, signed on first use (a PostgreSQL desk without TIERDESK_SECRET_KEY mails without links). */
export function ticketLinks(options: { publicUrl: string; ttlMs: number; masterKey: () => string; onMissingKey: (error: unknown) => void }): TicketLinks {
  let signer: TicketLinkSigner | null | undefined;
  const load = (): TicketLinkSigner | null => {
    if (signer !== undefined) return signer;
    try {
      signer = new TicketLinkSigner(options.masterKey());
    } catch (error) {
      options.onMissingKey(error);
      signer = null;
    }
    return signer;
  };
  return {
    urlFor(ticket, email, now) {
      const token = load()?.sign({ ticketId: ticket.id, email, expiresAt: now + options.ttlMs });
      return token ? `${options.publicUrl}/request/${token}` : null;
    },
    ticketOf(token) {
      return load()?.ticketOf(token) ?? null;
    },
    verify(token, requesterEmail, now) {
      return load()?.verify(token, requesterEmail, now) ?? { ok: false, reason: 'invalid' };
    },
    offerTokenFor(ticket, email, articleId, now) {
      return load()?.sign({ ticketId: ticket.id, email, expiresAt: now + options.ttlMs }, `offer:${articleId}`) ?? null;
    },
    verifyOffer(token, requesterEmail, articleId, now) {
      return load()?.verify(token, requesterEmail, now, `offer:${articleId}`) ?? { ok: false, reason: 'invalid' };
    },
  };
}
