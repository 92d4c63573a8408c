// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeDeskSession, makeTicket, TEST_AGENT } from '../../app/testing/fake-desk-session';
import { renderInDesk, resetUiState } from '../../app/testing/render-desk';
import type { SessionAgent, TicketView } from '../../sync/desk-session';
import { EXPERT, SUPERVISOR } from './routing-testing';
import { TicketRouting } from './ticket-routing';

beforeEach(resetUiState);
afterEach(cleanup);

function show(ticket: TicketView, agent: SessionAgent) {
  const fake = createFakeDeskSession({ agent, tickets: [ticket] });
  renderInDesk(<TicketRouting ticket={ticket} />, { session: fake.session });
  return fake;
}

const toggle = () => screen.queryByRole('checkbox', { name: 'Precedent for the knowledge base' }) as HTMLInputElement | null;

describe('precedents', () => {
  it('lets an L3 agent mark a solution as a precedent', async () => {
    const ticket = makeTicket({ status: 'fixed', level: 3, assigneeId: EXPERT.id, precedent: false });
    const fake = show(ticket, EXPERT);

    expect(toggle()?.checked).toBe(false);
    expect(screen.queryByTestId('precedent-badge')).toBeNull();
    fireEvent.click(toggle() as HTMLInputElement);
    await waitFor(() =>
      expect(fake.record).toHaveBeenCalledWith({ ticketId: ticket.id, type: 'markPrecedent', payload: { precedent: true } }),
    );
  });

  it('lets an L3 agent take the mark back, also on a closed ticket', async () => {
    const ticket = makeTicket({ status: 'closed', level: 3, precedent: true });
    const fake = show(ticket, EXPERT);

    expect(toggle()?.checked).toBe(true);
    fireEvent.click(toggle() as HTMLInputElement);
    await waitFor(() =>
      expect(fake.record).toHaveBeenCalledWith({ ticketId: ticket.id, type: 'markPrecedent', payload: { precedent: false } }),
    );
  });

  it.each([
    ['an L1 agent', TEST_AGENT],
    ['an L2 supervisor', SUPERVISOR],
  ])('offers no toggle to %s, who still sees the Precedent badge', (_who, agent) => {
    show(makeTicket({ status: 'fixed', level: 3, precedent: true }), agent);

    expect(toggle()).toBeNull();
    const badge = screen.getByTestId('precedent-badge');
    expect(badge.textContent).toBe('Precedent');
    expect(badge.getAttribute('title')).toBe('An L3 expert marked this solution as a precedent for the knowledge base');
  });

  it('shows no badge on a ticket that is not a precedent', () => {
    show(makeTicket({ status: 'fixed', level: 3, precedent: false }), TEST_AGENT);
    expect(screen.queryByText('Precedent')).toBeNull();
  });
});
