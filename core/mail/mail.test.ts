import { describe, expect, it } from 'vitest';
import { automaticMailReason, isDeliveryReport } from './automatic-mail';
import { normalizeMessageId, referencedMessageIds } from './message-ids';
import { newReplyText } from './reply-text';
import { replySubject, ticketNumberInSubject, ticketSubjectOf } from './subject-tag';

describe('subject tags', () => {
  it('finds the number of a tag anywhere in the subject', () => {
    expect(ticketNumberInSubject('Re: [#1042] Printer on fire')).toBe(1042);
    expect(ticketNumberInSubject('Printer on fire')).toBeNull();
    expect(ticketNumberInSubject('[#0] nope')).toBeNull();
    expect(ticketNumberInSubject('[#99999999999] too big')).toBeNull();
  });

  it('words a reply subject with one prefix and one tag', () => {
    expect(replySubject('Printer on fire', 7)).toBe('Re: [#7] Printer on fire');
    expect(replySubject('RE: Fwd: Отв: Printer', 7)).toBe('Re: [#7] Printer');
    expect(replySubject('Re: [#7] Printer', 7)).toBe('Re: [#7] Printer');
  });

  it('makes a ticket subject from a mail subject, never empty', () => {
    expect(ticketSubjectOf('Re: Odp: Drukarka nie działa')).toBe('Drukarka nie działa');
    expect(ticketSubjectOf('   ')).toBe('(no subject)');
    expect(ticketSubjectOf(undefined)).toBe('(no subject)');
    expect(ticketSubjectOf('x'.repeat(500))).toHaveLength(200);
  });
});

describe('automatic mail', () => {
  const headers = (entries: Record<string, string>) => (name: string) => entries[name];

  it.each([
    [{ 'auto-submitted': 'auto-replied' }, 'anna@example.com', 'Auto-Submitted: auto-replied'],
    [{ precedence: 'bulk' }, 'anna@example.com', 'Precedence: bulk'],
    [{ 'list-id': '<news.example.com>' }, 'anna@example.com', 'list-id: <news.example.com>'],
    [{ 'x-autoreply': 'yes' }, 'anna@example.com', 'x-autoreply: yes'],
    [{ 'x-auto-response-suppress': 'All' }, 'anna@example.com', 'x-auto-response-suppress: All'],
    [{}, 'MAILER-DAEMON@mx.example.com', 'sender MAILER-DAEMON@mx.example.com'],
    [{}, 'no-reply@shop.example', 'sender no-reply@shop.example'],
    [{}, 'noreply+bounce@shop.example', 'sender noreply+bounce@shop.example'],
  ])('%o from %s is automatic', (entries, sender, reason) => {
    expect(automaticMailReason(headers(entries), sender)).toBe(reason);
  });

  it('lets a person’s mail through', () => {
    expect(automaticMailReason(headers({ 'auto-submitted': 'no' }), 'anna@example.com')).toBeNull();
    expect(automaticMailReason(headers({ 'x-auto-response-suppress': 'DR, RN' }), 'anna@example.com')).toBeNull();
    expect(automaticMailReason(headers({}), 'noreen@example.com')).toBeNull();
  });

  it('recognises a delivery report by its content type', () => {
    expect(isDeliveryReport('multipart/report; report-type=delivery-status; boundary="x"')).toBe(true);
    expect(isDeliveryReport('multipart/mixed; boundary="x"')).toBe(false);
  });
});

describe('message ids', () => {
  it('compares ids without brackets and case', () => {
    expect(normalizeMessageId('<ABC@Example.COM>')).toBe('abc@example.com');
    expect(normalizeMessageId('<a b@c>')).toBeNull();
  });

  it('lists In-Reply-To first, then References from the newest, once each', () => {
    expect(referencedMessageIds('<c@x>', '<a@x> <b@x> <c@x>')).toEqual(['c@x', 'b@x', 'a@x']);
    expect(referencedMessageIds(undefined, ['<a@x>', '<b@x>'])).toEqual(['b@x', 'a@x']);
    expect(referencedMessageIds(undefined, Array.from({ length: 500 }, (_, i) => `<m${i}@x>`).join(' '))).toHaveLength(50);
  });
});

describe('what the customer newly wrote', () => {
  it.each([
    ['English', 'Still broken.\n\nOn Tue, 1 Dec 2026 at 10:00, Tierdesk <desk@example.com> wrote:\n> We fixed it.'],
    ['Russian', 'Всё ещё не работает.\n\n1 дек. 2026 г., в 10:00, Tierdesk <desk@example.com> написал(а):\n> Исправили.'],
    ['Russian, feminine', 'Всё ещё не работает.\n\nВторник, 1 декабря 2026, Анна написала:\n> Исправили.'],
    ['Polish', 'Dalej nie działa.\n\nW dniu 1.12.2026 o 10:00, Tierdesk <desk@example.com> napisał(a):\n> Naprawione.'],
    ['Outlook', 'Still broken.\n\n-----Original Message-----\nFrom: Tierdesk\nSent: Tuesday\n\nWe fixed it.'],
    ['Outlook without a separator', 'Still broken.\n\nFrom: Tierdesk <desk@example.com>\nSent: Tuesday, 1 December 2026 10:00\nSubject: Re: [#7]\n\nWe fixed it.'],
  ])('cuts the quoted history (%s)', (_, mail) => {
    const reply = newReplyText(mail);
    expect(reply.trimmed).toBe(true);
    expect(reply.text).toMatch(/^(Still broken\.|Всё ещё не работает\.|Dalej nie działa\.)$/);
  });

  it('cuts the signature and a trailing quote block, and keeps interleaved quotes', () => {
    expect(newReplyText('Thanks!\n-- \nAnna Kowalska\nACME').text).toBe('Thanks!');
    expect(newReplyText('Yes.\n\n> old\n> older\n').text).toBe('Yes.');
    expect(newReplyText('> Does it work?\nNo.\n> And now?\nYes.').text).toBe('> Does it work?\nNo.\n> And now?\nYes.');
  });

  it('keeps the whole text when a cut would leave nothing', () => {
    expect(newReplyText('On Monday I wrote:\n> hi')).toEqual({ text: 'On Monday I wrote:\n> hi', trimmed: false });
  });
});
