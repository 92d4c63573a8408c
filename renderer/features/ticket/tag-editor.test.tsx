// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeDeskSession, makeTicket, TEST_AGENT } from '../../app/testing/fake-desk-session';
import { renderInDesk, resetUiState } from '../../app/testing/render-desk';
import { TagEditor } from './tag-editor';

beforeEach(resetUiState);
afterEach(cleanup);

describe('tag editor', () => {
  it('shows the tags, removes one and adds one, suggesting the desk’s tags it lacks', async () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: TEST_AGENT.id, tags: ['printer', 'floor-2'] });
    const other = makeTicket({ tags: ['billing', 'Printer'] });
    const fake = createFakeDeskSession({ tickets: [ticket, other] });
    renderInDesk(<TagEditor ticket={ticket} />, { session: fake.session });
    const tags = screen.getByTestId('ticket-tags');
    expect(within(tags).getAllByRole('listitem').map((item) => item.firstChild?.textContent)).toEqual(['printer', 'floor-2']);
    expect([...document.querySelectorAll('datalist option')].map((option) => option.getAttribute('value'))).toEqual(['billing']);

    fireEvent.click(screen.getByRole('button', { name: 'Remove the tag floor-2' }));
    await waitFor(() => expect(fake.record).toHaveBeenCalledWith({ ticketId: ticket.id, type: 'setTags', payload: { tags: ['printer'] } }));

    fireEvent.change(screen.getByLabelText('Add a tag'), { target: { value: ' billing ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(fake.record).toHaveBeenLastCalledWith({ ticketId: ticket.id, type: 'setTags', payload: { tags: ['printer', 'floor-2', 'billing'] } }));
  });

  it('only shows the tags of a ticket the agent may not change', () => {
    const closed = makeTicket({ status: 'closed', tags: ['done'] });
    renderInDesk(<TagEditor ticket={closed} />, { session: createFakeDeskSession({ tickets: [closed] }).session });
    expect(screen.getByText('done')).toBeTruthy();
    expect(screen.queryByLabelText('Add a tag')).toBeNull();
    expect(screen.queryByRole('button', { name: /Remove the tag/ })).toBeNull();
  });
});
