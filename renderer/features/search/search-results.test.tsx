// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { snippetOf, termsOfWord } from '../../../core/search';
import { createFakeDeskSession, TEST_AGENT } from '../../app/testing/fake-desk-session';
import { renderInDesk, resetUiState } from '../../app/testing/render-desk';
import { useUiStore } from '../../state/ui-store';
import type { TicketSearchHit } from '../../sync/local-search';
import { SearchBox } from './search-box';
import { SearchResults } from './search-results';

beforeEach(resetUiState);
afterEach(cleanup);

function Harness() {
  const text = useUiStore((state) => state.searchText);
  return (
    <>
      <SearchBox />
      {text.trim() ? <SearchResults text={text} /> : <p>queue</p>}
    </>
  );
}

const hit: TicketSearchHit = {
  ticketId: 't-1',
  number: 1042,
  subject: snippetOf('Drukarka w biurze', termsOfWord('drukarki')),
  status: 'new',
  channel: 'email',
  requesterName: 'Anna Nowak',
  score: 3,
  snippet: snippetOf('Nasza drukarka znowu nie działa', termsOfWord('drukarki')),
};

describe('search box and results', () => {
  it('Ctrl+K focuses the box; typing lists the hits with the matched words marked; a hit opens its ticket', async () => {
    const fake = createFakeDeskSession();
    fake.searchTickets.mockResolvedValue([hit]);
    renderInDesk(<Harness />, { session: fake.session });

    fireEvent.keyDown(window, { key: 'k', ctrlKey: true });
    const box = screen.getByRole('searchbox', { name: 'Search tickets' });
    expect(document.activeElement).toBe(box);

    fireEvent.change(box, { target: { value: 'drukarki' } });
    const found = await screen.findByTestId('search-hit');
    expect(fake.searchTickets).toHaveBeenLastCalledWith('drukarki', { status: 'any', mine: false, channel: 'any' });
    expect([...found.querySelectorAll('mark')].map((mark) => mark.textContent)).toEqual(['Drukarka', 'drukarka']);
    expect(screen.getByText('1 ticket found')).toBeTruthy();

    fireEvent.click(found);
    expect(useUiStore.getState().selectedTicketId).toBe('t-1');
  });

  it('passes the filters, says when nothing matches, and Escape gives the queue back', async () => {
    const fake = createFakeDeskSession();
    renderInDesk(<Harness />, { session: fake.session });
    const box = screen.getByRole('searchbox', { name: 'Search tickets' });
    fireEvent.change(box, { target: { value: 'invoice' } });
    await screen.findByText('Nothing on this desk matches “invoice”.');

    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'open' } });
    fireEvent.change(screen.getByLabelText('Channel'), { target: { value: 'phone' } });
    fireEvent.click(screen.getByLabelText('Mine only'));
    await waitFor(() => expect(fake.searchTickets).toHaveBeenLastCalledWith('invoice', { status: 'open', mine: true, channel: 'phone' }));

    fireEvent.keyDown(box, { key: 'Escape' });
    expect(screen.getByText('queue')).toBeTruthy();
  });

  it('asks for a real word when the query holds only stop words, without searching', () => {
    const fake = createFakeDeskSession({ agent: TEST_AGENT });
    renderInDesk(<Harness />, { session: fake.session });
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'the and' } });
    expect(within(document.body).getByText('Type a word that says what you are looking for.')).toBeTruthy();
    expect(fake.searchTickets).not.toHaveBeenCalled();
  });
});
