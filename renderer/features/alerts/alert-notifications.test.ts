// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { initI18n } from '../../i18n/i18n';
import { assignedNotifications, reminderNotification, ticketIdOfTag, ticketTag } from './alert-notifications';

const t = initI18n('en').t;
const ticket = (number: number) => ({ id: `id-${number}`, number, subject: `Subject ${number}` });

describe('assignment notification texts', () => {
  it('tag a ticket notification so a click finds the ticket, and read only such tags back', () => {
    expect(ticketIdOfTag(ticketTag('abc'))).toBe('abc');
    expect(ticketIdOfTag('ticket:')).toBeNull();
    expect(ticketIdOfTag('tickets:mine')).toBeNull();
    expect(ticketIdOfTag('sla:abc')).toBeNull();
  });

  it('shorten a long list of numbers in a summary', () => {
    const [summary] = assignedNotifications(t, [1, 2, 3, 4, 5, 6, 7].map(ticket));
    expect(summary).toEqual({ title: '7 tickets assigned to you', body: 'Open Tierdesk to see them: #1, #2, #3, #4, #5 …', tag: 'tickets:mine' });
  });

  it('have nothing to remind about when nothing waits', () => {
    expect(reminderNotification(t, [])).toBeNull();
    expect(assignedNotifications(t, [])).toEqual([]);
  });

  it('speak the language of the moment', () => {
    const ru = initI18n('ru').t;
    expect(reminderNotification(ru, [ticket(1), ticket(2), ticket(3), ticket(4), ticket(5)])?.title).toBe('5 назначенных заявок ещё не открыто');
    initI18n('en');
  });
});
