// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeDeskSession, makeTicket, TEST_AGENT } from '../../app/testing/fake-desk-session';
import { renderInDesk, resetUiState } from '../../app/testing/render-desk';
import { draftKey, useUiStore } from '../../state/ui-store';
import { ReplyComposer } from '../ticket/reply-composer';
import { resetReplyBaselines } from './reply-baselines';
import { useViewingReporter } from './use-viewing-reporter';

function ViewingProbe() {
  useViewingReporter();
  return null;
}

const ticket = makeTicket({ status: 'in_progress', assigneeId: TEST_AGENT.id });
const other = makeTicket();
const key = draftKey(TEST_AGENT.id, ticket.id);
const type = (body: string) => act(() => useUiStore.getState().updateDraft(key, { body }));

beforeEach(() => {
  resetUiState();
  resetReplyBaselines();
  vi.useFakeTimers();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('viewing reporter', () => {
  it('reports no ticket at mount, then the ticket the agent opens, not typing', () => {
    const fake = createFakeDeskSession({ tickets: [ticket, other] });
    renderInDesk(<ViewingProbe />, { session: fake.session });
    expect(fake.reportViewing.mock.calls).toEqual([[{ ticketId: null, typing: false }]]);

    act(() => useUiStore.getState().selectTicket(ticket.id));
    expect(fake.reportViewing).toHaveBeenLastCalledWith({ ticketId: ticket.id, typing: false });
    act(() => useUiStore.getState().selectTicket(other.id));
    expect(fake.reportViewing).toHaveBeenLastCalledWith({ ticketId: other.id, typing: false });
    expect(fake.reportViewing).toHaveBeenCalledTimes(3);
  });

  it('reports typing while the draft changes, and stops 5 s after the last change', () => {
    useUiStore.getState().selectTicket(ticket.id);
    const fake = createFakeDeskSession({ tickets: [ticket] });
    renderInDesk(<ViewingProbe />, { session: fake.session });

    type('H');
    expect(fake.reportViewing).toHaveBeenLastCalledWith({ ticketId: ticket.id, typing: true });
    vi.advanceTimersByTime(3_000);
    type('He');
    vi.advanceTimersByTime(4_999);
    expect(fake.reportViewing).toHaveBeenLastCalledWith({ ticketId: ticket.id, typing: true });
    // Sent only on change: one "typing" for the whole burst.
    expect(fake.reportViewing).toHaveBeenCalledTimes(2);

    act(() => vi.advanceTimersByTime(1));
    expect(fake.reportViewing).toHaveBeenLastCalledWith({ ticketId: ticket.id, typing: false });
    expect(fake.reportViewing).toHaveBeenCalledTimes(3);
  });

  it('takes typing from the reply box, and the note toggle is not typing', () => {
    useUiStore.getState().selectTicket(ticket.id);
    const fake = createFakeDeskSession({ tickets: [ticket] });
    renderInDesk(
      <>
        <ViewingProbe />
        <ReplyComposer ticket={ticket} />
      </>,
      { session: fake.session },
    );
    fireEvent.click(screen.getByLabelText('Internal note'));
    expect(fake.reportViewing).toHaveBeenCalledTimes(1);

    fireEvent.change(screen.getByLabelText('Reply'), { target: { value: 'Checking the logs' } });
    expect(fake.reportViewing).toHaveBeenLastCalledWith({ ticketId: ticket.id, typing: true });
  });

  it('stops typing at once when the draft is emptied (sent or deleted)', () => {
    useUiStore.getState().selectTicket(ticket.id);
    const fake = createFakeDeskSession({ tickets: [ticket] });
    renderInDesk(<ViewingProbe />, { session: fake.session });
    type('Done');
    act(() => useUiStore.getState().clearDraftBody(key));
    expect(fake.reportViewing).toHaveBeenLastCalledWith({ ticketId: ticket.id, typing: false });
  });

  it('reports no ticket when the agent closes it or switches to another screen', () => {
    useUiStore.getState().selectTicket(ticket.id);
    const fake = createFakeDeskSession({ tickets: [ticket] });
    renderInDesk(<ViewingProbe />, { session: fake.session });
    type('half');

    act(() => useUiStore.getState().selectTicket(null));
    expect(fake.reportViewing).toHaveBeenLastCalledWith({ ticketId: null, typing: false });
    // The typing timer of the closed ticket must not report it again.
    act(() => vi.advanceTimersByTime(10_000));
    expect(fake.reportViewing).toHaveBeenLastCalledWith({ ticketId: null, typing: false });

    act(() => useUiStore.getState().openTicket(ticket.id));
    expect(fake.reportViewing).toHaveBeenLastCalledWith({ ticketId: ticket.id, typing: false });
    act(() => useUiStore.getState().showScreen('sla'));
    expect(fake.reportViewing).toHaveBeenLastCalledWith({ ticketId: null, typing: false });
  });
});
