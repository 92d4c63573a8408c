// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeDeskSession, makeTicket, TEST_AGENT } from '../../app/testing/fake-desk-session';
import { renderInDesk, resetUiState } from '../../app/testing/render-desk';
import { draftKey, useUiStore } from '../../state/ui-store';
import type { MessageView } from '../../sync/desk-session';
import { resetReplyBaselines } from '../collision/reply-baselines';
import { TicketPane } from './ticket-pane';

const BORIS = '00000000-0000-4000-8000-0000000000b1';
const AGENT_WARNING = 'Another agent replied while you were typing. Review their reply, then send anyway or keep editing.';
const CUSTOMER_WARNING = 'The customer wrote again while you were typing. Review their message, then send anyway or keep editing.';

let counter = 0;
function makeMessage(ticketId: string, kind: MessageView['kind'], authorId: string | null, body: string): MessageView {
  counter += 1;
  return {
    id: `00000000-0000-4000-8000-${String(9000 + counter).padStart(12, '0')}`,
    ticketId,
    kind,
    body,
    authorId,
    authorName: authorId === BORIS ? 'Boris Ivanov' : authorId === null ? 'Bob Customer' : TEST_AGENT.name,
    createdAt: Date.now() + counter,
    pending: false,
  };
}

function openTicket() {
  const ticket = makeTicket({ status: 'in_progress', assigneeId: TEST_AGENT.id });
  const earlier = [makeMessage(ticket.id, 'customer', null, 'My printer is jammed'), makeMessage(ticket.id, 'reply', BORIS, 'Looking into it')];
  const fake = createFakeDeskSession({ tickets: [ticket], messages: earlier });
  const view = renderInDesk(<TicketPane ticketId={ticket.id} />, { session: fake.session });
  const arrive = (message: MessageView) => act(() => fake.messages.next([...fake.messages.value, message]));
  return { ticket, fake, view, arrive, key: draftKey(TEST_AGENT.id, ticket.id) };
}

const reply = () => screen.getByLabelText('Reply') as HTMLTextAreaElement;
const typeReply = (text: string) => fireEvent.change(reply(), { target: { value: text } });
const send = () => fireEvent.click(screen.getByRole('button', { name: 'Send' }));

beforeEach(() => {
  resetUiState();
  resetReplyBaselines();
});
afterEach(cleanup);

describe('stale reply warning', () => {
  it('warns instead of sending when another agent replied after typing began, and records nothing', async () => {
    const { ticket, fake, arrive, key } = openTicket();
    typeReply('Please restart');
    arrive(makeMessage(ticket.id, 'reply', BORIS, 'Fixed it remotely'));
    typeReply('Please restart the printer.');
    send();

    expect(screen.getByRole('alert').textContent).toContain(AGENT_WARNING);
    await act(async () => undefined);
    expect(fake.record).not.toHaveBeenCalled();
    expect(reply().value).toBe('Please restart the printer.');
    expect(useUiStore.getState().drafts[key]?.body).toBe('Please restart the printer.');
  });

  it('records the reply as usual on "Send anyway"', async () => {
    const { ticket, fake, arrive, key } = openTicket();
    typeReply('Please restart the printer.');
    arrive(makeMessage(ticket.id, 'reply', BORIS, 'Fixed it remotely'));
    send();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Send anyway' })));

    expect(fake.record).toHaveBeenCalledTimes(1);
    expect(fake.record).toHaveBeenCalledWith({ ticketId: ticket.id, type: 'reply', payload: { body: 'Please restart the printer.' } });
    expect(reply().value).toBe('');
    expect(useUiStore.getState().drafts[key]).toBeUndefined();
    expect(screen.queryByTestId('stale-reply-warning')).toBeNull();
  });

  it('"Keep editing" keeps the text, returns to it, and does not warn again about the same reply', async () => {
    const { ticket, fake, arrive } = openTicket();
    typeReply('Please restart the printer.');
    arrive(makeMessage(ticket.id, 'reply', BORIS, 'Fixed it remotely'));
    send();
    fireEvent.click(screen.getByRole('button', { name: 'Keep editing' }));

    expect(screen.queryByTestId('stale-reply-warning')).toBeNull();
    expect(document.activeElement).toBe(reply());
    expect(reply().value).toBe('Please restart the printer.');
    expect(fake.record).not.toHaveBeenCalled();

    typeReply('Boris fixed it; tell us if it jams again.');
    await act(async () => send());
    expect(fake.record).toHaveBeenCalledWith({ ticketId: ticket.id, type: 'reply', payload: { body: 'Boris fixed it; tell us if it jams again.' } });
  });

  it('sends directly when nobody replied meanwhile (earlier replies do not count)', async () => {
    const { ticket, fake, arrive } = openTicket();
    typeReply('Please restart the printer.');
    arrive(makeMessage(ticket.id, 'note', BORIS, 'Customer is VIP'));
    await act(async () => send());

    expect(screen.queryByTestId('stale-reply-warning')).toBeNull();
    expect(fake.record).toHaveBeenCalledWith({ ticketId: ticket.id, type: 'reply', payload: { body: 'Please restart the printer.' } });
  });

  it('does not warn for an internal note', async () => {
    const { ticket, fake, arrive } = openTicket();
    fireEvent.click(screen.getByLabelText('Internal note'));
    typeReply('Boris is on it too');
    arrive(makeMessage(ticket.id, 'reply', BORIS, 'Fixed it remotely'));
    await act(async () => send());

    expect(screen.queryByTestId('stale-reply-warning')).toBeNull();
    expect(fake.record).toHaveBeenCalledWith({ ticketId: ticket.id, type: 'note', payload: { body: 'Boris is on it too' } });
  });

  it('warns when the customer wrote again meanwhile', async () => {
    const { ticket, fake, arrive } = openTicket();
    typeReply('Please restart the printer.');
    arrive(makeMessage(ticket.id, 'customer', null, 'Now it is on fire'));
    send();

    expect(screen.getByRole('alert').textContent).toContain(CUSTOMER_WARNING);
    await act(async () => undefined);
    expect(fake.record).not.toHaveBeenCalled();
  });

  it('still warns after a reload between typing and sending', async () => {
    const { ticket, fake, view } = openTicket();
    typeReply('Please restart the printer.');
    view.unmount();
    fake.messages.next([...fake.messages.value, makeMessage(ticket.id, 'reply', BORIS, 'Fixed it remotely')]);
    renderInDesk(<TicketPane ticketId={ticket.id} />, { session: fake.session });

    expect(reply().value).toBe('Please restart the printer.');
    send();
    expect(screen.getByRole('alert').textContent).toContain(AGENT_WARNING);
    await act(async () => undefined);
    expect(fake.record).not.toHaveBeenCalled();
  });

  it('starts afresh after a reply was recorded: the next draft only sees what comes after it', async () => {
    const { ticket, fake, arrive } = openTicket();
    typeReply('First answer');
    await act(async () => send());
    arrive(makeMessage(ticket.id, 'reply', BORIS, 'Fixed it remotely'));
    typeReply('Second answer');
    await act(async () => send());

    expect(screen.queryByTestId('stale-reply-warning')).toBeNull();
    expect(fake.record).toHaveBeenCalledTimes(2);
  });
});

describe('attaching files to a reply', () => {
  it('keeps chosen files on the device, lists them, lets one go, and names the rest in the reply', async () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: TEST_AGENT.id });
    const fake = createFakeDeskSession({ tickets: [ticket] });
    renderInDesk(<TicketPane ticketId={ticket.id} />, { session: fake.session });
    const input = screen.getByLabelText('Attach files') as HTMLInputElement;
    fireEvent.change(input, { target: { files: [new File(['hello'], 'notes.txt'), new File(['x'.repeat(2_048)], 'log.txt')] } });
    const list = await screen.findByTestId('composer-files');
    expect(list.textContent).toContain('notes.txt');
    expect(list.textContent).toContain('2 KB');
    expect(fake.session.attachFile).toHaveBeenCalledTimes(2);
    fireEvent.click(within(list).getByRole('button', { name: 'Remove notes.txt' }));
    fireEvent.change(screen.getByLabelText('Reply'), { target: { value: 'Logs attached' } });
    fireEvent.change(screen.getByLabelText('Cc'), { target: { value: 'boss@example.com, ops@example.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(fake.record).toHaveBeenCalled());
    expect(fake.record.mock.calls[0]![0]).toMatchObject({ type: 'reply', payload: { body: 'Logs attached', attachmentIds: ['00000000-0000-4000-8000-000000000002'], cc: ['boss@example.com', 'ops@example.com'] } });
    await waitFor(() => expect(screen.queryByTestId('composer-files')).toBeNull());
  });
});
