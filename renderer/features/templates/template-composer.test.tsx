// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Template } from '../../../core';
import { createFakeDeskSession, makeTicket, TEST_AGENT } from '../../app/testing/fake-desk-session';
import { renderInDesk, resetUiState } from '../../app/testing/render-desk';
import { draftKey, useUiStore } from '../../state/ui-store';
import { resetReplyBaselines } from '../collision/reply-baselines';
import { TicketPane } from '../ticket/ticket-pane';

const template = (id: number, name: string, body: string, extra: Partial<Template> = {}): Template => ({
  id: `00000000-0000-4000-8000-00000000c${String(id).padStart(3, '0')}`,
  name,
  body,
  scope: 'shared',
  ownerId: null,
  actions: {},
  version: 1,
  createdAt: 1,
  createdBy: TEST_AGENT.id,
  updatedAt: 1,
  updatedBy: TEST_AGENT.id,
  deleted: false,
  ...extra,
});
const refund = template(1, 'Refund done', 'Hello {{customer.name}}, the refund for #{{ticket.number}} ({{ticket.subject}}) is done.\n{{agent.firstName}}', {
  actions: { status: 'waiting_for_customer', priority: 'low', addTags: ['refund'] },
});
const reset = template(2, 'Password reset', 'Use the “Forgot password” link, {{customer.email}}.', { scope: 'personal', ownerId: TEST_AGENT.id });

function openTicket() {
  const ticket = makeTicket({ status: 'in_progress', assigneeId: TEST_AGENT.id, tags: ['billing'] });
  const fake = createFakeDeskSession({ tickets: [ticket], templates: [refund, reset] });
  renderInDesk(<TicketPane ticketId={ticket.id} />, { session: fake.session });
  return { ticket, fake, key: draftKey(TEST_AGENT.id, ticket.id) };
}
const reply = () => screen.getByLabelText('Reply') as HTMLTextAreaElement;
const typeAtEnd = (text: string) => {
  fireEvent.change(reply(), { target: { value: text, selectionStart: text.length, selectionEnd: text.length } });
};

beforeEach(() => {
  resetUiState();
  resetReplyBaselines();
});
afterEach(cleanup);

describe('answer templates in the composer', () => {
  it('filters by /name as the agent types, inserts the chosen one with its placeholders filled, and sends its actions after the reply', async () => {
    const { ticket, fake, key } = openTicket();
    typeAtEnd('Hi,\n/re');
    const list = screen.getByTestId('slash-templates');
    expect(within(list).getAllByRole('option').map((option) => option.textContent)).toEqual(['Refund done', expect.stringContaining('Password reset')]);
    typeAtEnd('Hi,\n/ref');
    expect(within(screen.getByTestId('slash-templates')).getAllByRole('option')).toHaveLength(1);
    fireEvent.keyDown(reply(), { key: 'Enter' });

    const filled = `Hi,\nHello Bob Customer, the refund for #${ticket.number} (${ticket.subject}) is done.\nAlice`;
    expect(reply().value).toBe(filled);
    expect(screen.queryByTestId('slash-templates')).toBeNull();
    expect(screen.getByTestId('template-actions').textContent).toContain('status → Waiting for Customer · priority → Low · tags + refund');

    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(fake.record).toHaveBeenCalledTimes(4));
    expect(fake.record.mock.calls.map(([intent]) => [intent.type, intent.payload])).toEqual([
      ['reply', { body: filled }],
      ['setStatus', { status: 'waiting_for_customer' }],
      ['setPriority', { priority: 'low' }],
      ['setTags', { tags: ['billing', 'refund'] }],
    ]);
    expect(useUiStore.getState().drafts[key]).toBeUndefined();
    expect(screen.queryByTestId('template-actions')).toBeNull();
  });

  it('moves through the /list with the arrow keys and closes it with Escape, keeping the text', () => {
    openTicket();
    typeAtEnd('/');
    fireEvent.keyDown(reply(), { key: 'ArrowDown' });
    const options = within(screen.getByTestId('slash-templates')).getAllByRole('option');
    expect(options[1]!.getAttribute('aria-selected')).toBe('true');
    expect(reply().getAttribute('aria-activedescendant')).toBe(options[1]!.id);
    fireEvent.keyDown(reply(), { key: 'Escape' });
    expect(screen.queryByTestId('slash-templates')).toBeNull();
    typeAtEnd('/x');
    expect(reply().value).toBe('/x');
    expect(screen.queryByTestId('slash-templates')).toBeNull();
  });

  it('inserts from the picker, filtered by typing, and lets the agent drop the actions', async () => {
    const { fake } = openTicket();
    fireEvent.click(screen.getByRole('button', { name: 'Templates' }));
    const filter = screen.getByRole('combobox', { name: 'Find a template' });
    fireEvent.change(filter, { target: { value: 'refund' } });
    fireEvent.keyDown(filter, { key: 'Enter' });
    expect(reply().value).toContain('Hello Bob Customer');
    fireEvent.click(screen.getByRole('button', { name: 'Don’t apply' }));
    expect(screen.queryByTestId('template-actions')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(fake.record).toHaveBeenCalledTimes(1));
    await act(async () => undefined);
    expect(fake.record.mock.calls[0]![0].type).toBe('reply');
  });
});
