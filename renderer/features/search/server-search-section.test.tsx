// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { snippetOf, termsOfWord } from '../../../core/search';
import type { ServerConversation, ServerTicket } from '../../api/server-search';
import { createFakeDeskSession, makeTicket } from '../../app/testing/fake-desk-session';
import { createFakeDeskApi, renderInDesk, resetUiState } from '../../app/testing/render-desk';
import type { TicketSearchHit } from '../../sync/local-search';
import { SearchResults } from './search-results';

beforeEach(resetUiState);
afterEach(cleanup);

const local = makeTicket({ subject: 'Drukarka w biurze' });
const held = makeTicket({ subject: 'Drukarka na piętrze' });
const localHit: TicketSearchHit = { ticketId: local.id, number: local.number, subject: snippetOf(local.subject, termsOfWord('drukarka')), status: 'new', channel: 'email', requesterName: 'Anna', score: 2, snippet: null };
const serverTicket = (id: string, number: number, subject: string): ServerTicket => ({ id, number, subject, status: 'closed', channel: 'email', assigneeId: null, requester: { email: 'old@customer.test', name: 'Olga' } });
const oldOne = serverTicket('00000000-0000-4000-8000-00000000f001', 17, 'Stara drukarka');

describe('search on the server', () => {
  it('lists what the server finds that this desk does not hold, and opens one read-only', async () => {
    const fake = createFakeDeskSession({ tickets: [local, held] });
    fake.searchTickets.mockResolvedValue([localHit]);
    const conversation: ServerConversation = { ...oldOne, messages: [{ id: 'm1', kind: 'customer', body: 'Drukarka nie drukuje.', authorName: 'Olga', createdAt: 1 }, { id: 'm2', kind: 'system', body: 'Closed automatically.', authorName: null, createdAt: 2 }] };
    const searchServerTickets = vi.fn(async () => [serverTicket(local.id, local.number, local.subject), serverTicket(held.id, held.number, held.subject), oldOne]);
    const loadServerTicket = vi.fn(async () => conversation);
    renderInDesk(<SearchResults text="drukarka" />, { session: fake.session, api: createFakeDeskApi({ searchServerTickets, loadServerTicket }) });

    const hits = await screen.findByTestId('server-hits', undefined, { timeout: 3_000 });
    // The desk's own tickets (a hit, and one it holds beyond its hits) are not repeated.
    expect(within(hits).getAllByRole('button').map((button) => button.textContent)).toEqual([expect.stringContaining('Stara drukarka')]);
    expect(searchServerTickets).toHaveBeenCalledWith('drukarka', expect.objectContaining({ status: 'any', channel: 'any' }), expect.anything());
    fireEvent.click(within(hits).getByRole('button'));
    const opened = await screen.findByTestId('server-ticket');
    await waitFor(() => expect(opened.textContent).toContain('Drukarka nie drukuje.'));
    expect(opened.textContent).not.toContain('Closed automatically.');
    expect(loadServerTicket).toHaveBeenCalledWith(17);
  });

  it('asks nothing of the server while offline', async () => {
    const fake = createFakeDeskSession({ connection: { status: 'offline' } });
    fake.searchTickets.mockResolvedValue([]);
    const searchServerTickets = vi.fn(async () => [oldOne]);
    renderInDesk(<SearchResults text="drukarka" />, { session: fake.session, api: createFakeDeskApi({ searchServerTickets }) });
    // Longer than the pause before the server is asked.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(searchServerTickets).not.toHaveBeenCalled();
    expect(screen.queryByTestId('server-hits')).toBeNull();
  });
});
