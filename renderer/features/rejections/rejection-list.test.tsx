// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeDeskSession, makeTicket } from '../../app/testing/fake-desk-session';
import { renderInDesk, resetUiState } from '../../app/testing/render-desk';
import { changeLanguage } from '../../i18n/i18n';
import { useUiStore } from '../../state/ui-store';
import type { RejectedChange } from '../../sync/desk-session';
import { RejectionList } from './rejection-list';

beforeEach(resetUiState);
afterEach(cleanup);

const ticket = makeTicket({ number: 1042 });

const refusedStatus: RejectedChange = {
  id: 'rejection-1',
  ticketId: ticket.id,
  ticketNumber: 1042,
  type: 'setStatus',
  payload: { status: 'fixed' },
  rejection: {
    code: 'transition_not_allowed',
    message: 'take the ticket before changing its status',
    params: { from: 'new', to: 'fixed' },
  },
  createdAt: Date.now(),
};

const refusedReply: RejectedChange = {
  id: 'rejection-2',
  ticketId: ticket.id,
  ticketNumber: 1042,
  type: 'reply',
  payload: { body: 'Thanks, it is fixed now.' },
  rejection: { code: 'ticket_final', message: 'the ticket is closed', params: { from: 'closed' } },
  createdAt: Date.now(),
};

describe('rejected changes', () => {
  it('render translated, with the ticket number and the translated statuses', async () => {
    const fake = createFakeDeskSession({ rejections: [refusedStatus] });
    renderInDesk(<RejectionList />, { session: fake.session });

    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Ticket #1042: The status cannot change from New to Fixed.');
    expect(alert.textContent).toContain('Change: Status change');

    await act(() => changeLanguage('ru'));
    expect(screen.getByRole('alert').textContent).toContain('Заявка #1042: Статус нельзя сменить с «Новая» на «Решена».');
    await act(() => changeLanguage('pl'));
    expect(screen.getByRole('alert').textContent).toContain('Zgłoszenie #1042: Nie można zmienić statusu z „Nowe” na „Rozwiązane”.');
    await act(() => changeLanguage('en'));
  });

  it('keep the text of a refused reply so that it is not lost', () => {
    const fake = createFakeDeskSession({ rejections: [refusedReply] });
    renderInDesk(<RejectionList />, { session: fake.session });

    expect(screen.getByRole('alert').textContent).toContain('Ticket #1042: The ticket is Closed and can no longer change.');
    expect(screen.getByText('Thanks, it is fixed now.')).toBeTruthy();
  });

  it('fall back to the server message for a code this console does not know', () => {
    const unknown = { ...refusedStatus, rejection: { code: 'sla_frozen', message: 'SLA frozen' } } as unknown as RejectedChange;
    const fake = createFakeDeskSession({ rejections: [unknown] });
    renderInDesk(<RejectionList />, { session: fake.session });

    expect(screen.getByRole('alert').textContent).toContain('Ticket #1042: The server refused the change: SLA frozen');
  });

  it('go away when dismissed, and can open their ticket', async () => {
    const fake = createFakeDeskSession({ rejections: [refusedStatus, refusedReply] });
    renderInDesk(<RejectionList />, { session: fake.session });
    expect(screen.getByRole('heading').textContent).toBe('The server refused 2 changes');

    fireEvent.click(screen.getAllByRole('button', { name: 'Open ticket' })[0]!);
    expect(useUiStore.getState().selectedTicketId).toBe(ticket.id);

    fireEvent.click(screen.getAllByRole('button', { name: 'Dismiss' })[0]!);
    expect(fake.session.dismissRejection).toHaveBeenCalledWith('rejection-1');
    await waitFor(() => expect(screen.getAllByTestId('rejection')).toHaveLength(1));

    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });
});
