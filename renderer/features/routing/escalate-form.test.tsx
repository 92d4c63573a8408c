// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeDeskSession, makeTicket, TEST_AGENT } from '../../app/testing/fake-desk-session';
import { renderInDesk, resetUiState } from '../../app/testing/render-desk';
import type { SessionAgent, TicketView } from '../../sync/desk-session';
import { ESCALATION_DRAFTS_STORAGE_KEY, useEscalationDrafts } from './escalation-drafts';
import { OTHER_AGENT_ID, SUPERVISOR } from './routing-testing';
import { TicketRouting } from './ticket-routing';

beforeEach(resetUiState);
afterEach(cleanup);

function show(ticket: TicketView, agent: SessionAgent = TEST_AGENT) {
  const fake = createFakeDeskSession({ agent, tickets: [ticket] });
  renderInDesk(<TicketRouting ticket={ticket} />, { session: fake.session });
  return fake;
}

const escalateButton = () => screen.queryByRole('button', { name: /^Escalate to L/ });

describe('escalating a ticket', () => {
  it("asks an L1 agent for a reason on their own ticket and records the trimmed reason, then closes", async () => {
    const ticket = makeTicket({ status: 'in_progress', level: 1, assigneeId: TEST_AGENT.id });
    const fake = show(ticket);

    fireEvent.click(screen.getByRole('button', { name: 'Escalate to L2' }));
    const reason = screen.getByLabelText('Reason for escalation');
    expect(document.activeElement).toBe(reason);
    expect(screen.getByText(/moves to L2 of its group: its assignee is cleared/)).toBeTruthy();

    // Blank (or only spaces) is not a reason: nothing is recorded and the agent is told why.
    fireEvent.change(reason, { target: { value: '   ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Escalate' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Say why the ticket needs the next line.');
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    expect(fake.record).not.toHaveBeenCalled();

    fireEvent.change(reason, { target: { value: '  Needs database access  ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Escalate' }));
    await waitFor(() =>
      expect(fake.record).toHaveBeenCalledWith({ ticketId: ticket.id, type: 'escalate', payload: { reason: 'Needs database access' } }),
    );
    await waitFor(() => expect(screen.queryByLabelText('Reason for escalation')).toBeNull());
    expect(escalateButton()).not.toBeNull();
    expect(fake.record).toHaveBeenCalledTimes(1);
  });

  it('records once when Escalate is pressed again while the first is being stored', async () => {
    const ticket = makeTicket({ status: 'in_progress', level: 1, assigneeId: TEST_AGENT.id });
    const fake = show(ticket);
    let stored: () => void = () => undefined;
    fake.record.mockImplementation(() => new Promise<void>((resolve) => (stored = resolve)));

    fireEvent.click(screen.getByRole('button', { name: 'Escalate to L2' }));
    fireEvent.change(screen.getByLabelText('Reason for escalation'), { target: { value: 'Router firmware bug' } });
    const submit = screen.getByRole('button', { name: 'Escalate' });
    fireEvent.submit(submit.closest('form') as HTMLFormElement);
    fireEvent.submit(submit.closest('form') as HTMLFormElement);
    stored();

    await waitFor(() => expect(screen.queryByLabelText('Reason for escalation')).toBeNull());
    expect(fake.record).toHaveBeenCalledTimes(1);
  });

  it('keeps the form and the typed reason when the local database could not take it', async () => {
    const ticket = makeTicket({ status: 'in_progress', level: 2, assigneeId: TEST_AGENT.id });
    const fake = show(ticket);
    fake.record.mockRejectedValueOnce(new Error('disk full'));

    fireEvent.click(screen.getByRole('button', { name: 'Escalate to L3' }));
    fireEvent.change(screen.getByLabelText('Reason for escalation'), { target: { value: 'Kernel panic' } });
    fireEvent.click(screen.getByRole('button', { name: 'Escalate' }));

    expect((await screen.findByRole('alert')).textContent).toBe('The change was not saved: disk full');
    expect((screen.getByLabelText('Reason for escalation') as HTMLTextAreaElement).value).toBe('Kernel panic');
  });

  it("keeps the typed reason, per agent and ticket, when the ticket pane closes; forgets it once recorded", async () => {
    const ticket = makeTicket({ status: 'in_progress', level: 1, assigneeId: TEST_AGENT.id });
    show(ticket);
    fireEvent.click(screen.getByRole('button', { name: 'Escalate to L2' }));
    fireEvent.change(screen.getByLabelText('Reason for escalation'), { target: { value: 'Needs a DBA: the index is corrupt' } });
    // The agent opens another ticket: this pane unmounts.
    cleanup();
    expect(localStorage.getItem(ESCALATION_DRAFTS_STORAGE_KEY)).toContain('Needs a DBA: the index is corrupt');

    // Another agent on this console sees no form and no text of hers.
    show(ticket, SUPERVISOR);
    expect(screen.queryByLabelText('Reason for escalation')).toBeNull();
    cleanup();

    // Back on the ticket: the form is open again with the text, without taking the focus.
    const fake = show(ticket);
    const reason = screen.getByLabelText('Reason for escalation') as HTMLTextAreaElement;
    expect(reason.value).toBe('Needs a DBA: the index is corrupt');
    expect(document.activeElement).not.toBe(reason);

    fireEvent.click(screen.getByRole('button', { name: 'Escalate' }));
    await waitFor(() =>
      expect(fake.record).toHaveBeenCalledWith({ ticketId: ticket.id, type: 'escalate', payload: { reason: 'Needs a DBA: the index is corrupt' } }),
    );
    await waitFor(() => expect(screen.queryByLabelText('Reason for escalation')).toBeNull());
    expect(useEscalationDrafts.getState().reasons).toEqual({});
    cleanup();
    show(ticket);
    expect(screen.queryByLabelText('Reason for escalation')).toBeNull();
  });

  it('keeps the typed reason when the local database could not take it, and forgets it on Cancel', async () => {
    const ticket = makeTicket({ status: 'in_progress', level: 2, assigneeId: TEST_AGENT.id });
    const fake = show(ticket);
    fake.record.mockRejectedValueOnce(new Error('disk full'));
    fireEvent.click(screen.getByRole('button', { name: 'Escalate to L3' }));
    fireEvent.change(screen.getByLabelText('Reason for escalation'), { target: { value: 'Kernel panic' } });
    fireEvent.click(screen.getByRole('button', { name: 'Escalate' }));
    await screen.findByRole('alert');
    expect(Object.values(useEscalationDrafts.getState().reasons)).toEqual(['Kernel panic']);

    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(useEscalationDrafts.getState().reasons).toEqual({});
    cleanup();
    show(ticket);
    expect(screen.queryByLabelText('Reason for escalation')).toBeNull();
  });

  it('Cancel closes the form without recording anything', () => {
    const ticket = makeTicket({ status: 'new', level: 1, assigneeId: null });
    const fake = show(ticket);

    fireEvent.click(screen.getByRole('button', { name: 'Escalate to L2' }));
    fireEvent.change(screen.getByLabelText('Reason for escalation'), { target: { value: 'Not sure' } });
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));

    expect(screen.queryByLabelText('Reason for escalation')).toBeNull();
    expect(fake.record).not.toHaveBeenCalled();
  });

  it('is not offered at L3, the last line', () => {
    show(makeTicket({ status: 'in_progress', level: 3, assigneeId: TEST_AGENT.id }));
    expect(escalateButton()).toBeNull();
  });

  it.each(['fixed', 'closed', 'canceled'] as const)('is not offered on a %s ticket', (status) => {
    show(makeTicket({ status, level: 1, assigneeId: TEST_AGENT.id, duplicateOf: status === 'canceled' ? 7 : null }));
    expect(escalateButton()).toBeNull();
  });

  it("is disabled with the reason on a colleague's ticket for a plain agent", () => {
    show(makeTicket({ status: 'in_progress', level: 1, assigneeId: OTHER_AGENT_ID }));

    const button = screen.getByRole('button', { name: 'Escalate to L2' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(button.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(button.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'Only the assignee or a supervisor can escalate this ticket.',
    );
  });

  it("is open to a supervisor on a colleague's ticket and to anyone on an unassigned one", () => {
    show(makeTicket({ status: 'in_progress', level: 2, assigneeId: OTHER_AGENT_ID }), SUPERVISOR);
    expect((screen.getByRole('button', { name: 'Escalate to L3' }) as HTMLButtonElement).disabled).toBe(false);
    cleanup();

    show(makeTicket({ status: 'new', level: 1, assigneeId: null }));
    expect((screen.getByRole('button', { name: 'Escalate to L2' }) as HTMLButtonElement).disabled).toBe(false);
    expect(screen.queryByText('Only the assignee or a supervisor can escalate this ticket.')).toBeNull();
  });
});
