// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeDeskSession, makeTicket, TEST_AGENT } from '../../app/testing/fake-desk-session';
import { createFakePlatform, renderInDesk, resetUiState } from '../../app/testing/render-desk';
import { formatTimeOfDay } from '../../i18n/format';
import { useUiStore } from '../../state/ui-store';
import { DeskScreen } from '../desk/desk-screen';

beforeEach(resetUiState);
afterEach(cleanup);

describe('lifecycle notices', () => {
  it('notify and toast an SLA warning; clicking the toast opens the ticket', () => {
    const ticket = makeTicket({ number: 5001, subject: 'Payroll export fails', assigneeId: TEST_AGENT.id, status: 'in_progress' });
    const fake = createFakeDeskSession({ tickets: [ticket] });
    const platform = createFakePlatform();
    renderInDesk(<DeskScreen />, { session: fake.session, platform });
    useUiStore.getState().showScreen('sla');

    const dueAt = Date.now() + 30 * 60_000;
    act(() => fake.notices.next({ kind: 'sla_warning', ticketId: ticket.id, number: 5001, subject: 'Payroll export fails', clock: 'first_response', dueAt }));

    const text = `SLA warning: #5001 Payroll export fails — first response due at ${formatTimeOfDay('en', dueAt, Date.now())}`;
    expect(platform.notify).toHaveBeenCalledWith({ title: 'SLA warning', body: text });
    const toast = screen.getByTestId('notice-toast');
    expect(toast.textContent).toContain(text);

    fireEvent.click(screen.getByRole('button', { name: text }));
    expect(useUiStore.getState()).toMatchObject({ selectedTicketId: ticket.id, screen: 'desk' });
    expect(screen.getByRole('heading', { level: 2, name: '#5001 Payroll export fails' })).toBeTruthy();
    expect(screen.queryByTestId('notice-toast')).toBeNull();
  });

  it('announce an ended hold, and can be dismissed without opening anything', () => {
    const fake = createFakeDeskSession();
    const platform = createFakePlatform();
    renderInDesk(<DeskScreen />, { session: fake.session, platform });

    act(() => fake.notices.next({ kind: 'hold_ended', ticketId: '00000000-0000-4000-8000-00000000abcd', number: 5002, subject: 'New monitor' }));
    act(() => fake.notices.next({ kind: 'sla_warning', ticketId: '00000000-0000-4000-8000-00000000abce', number: 5003, subject: 'VPN', clock: 'resolution', dueAt: null }));

    expect(platform.notify).toHaveBeenCalledWith({ title: 'Hold ended', body: 'Hold ended: #5002 New monitor is back in progress' });
    expect(screen.getAllByTestId('notice-toast').map((toast) => toast.textContent)).toEqual([
      'Hold ended: #5002 New monitor is back in progress×',
      'SLA warning: #5003 VPN — resolution due soon×',
    ]);
    fireEvent.click(screen.getAllByRole('button', { name: 'Dismiss' })[0]!);
    expect(screen.getAllByTestId('notice-toast')).toHaveLength(1);
    expect(useUiStore.getState().selectedTicketId).toBeNull();
  });
});
