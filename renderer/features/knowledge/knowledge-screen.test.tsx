// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Article } from '../../../core';
import { snippetOf, termsOfWord } from '../../../core/search';
import { createFakeDeskSession, makeTicket, TEST_AGENT } from '../../app/testing/fake-desk-session';
import { renderInDesk, resetUiState } from '../../app/testing/render-desk';
import { draftKey, useUiStore } from '../../state/ui-store';
import type { ArticleSearchHit } from '../../sync/local-knowledge';
import { KnowledgeScreen } from './knowledge-screen';
import { SuggestionsPanel } from './suggestions-panel';

beforeEach(resetUiState);
afterEach(cleanup);

const article = (overrides: Partial<Article>): Article => ({
  id: '00000000-0000-4000-8000-00000000a001',
  slug: 'drukarka-nie-drukuje-00000000',
  title: 'Drukarka nie drukuje',
  body: 'Wyłącz **drukarkę** i włącz ją ponownie.\n\n<script>alert(1)</script> [x](javascript:alert(1))',
  category: null,
  tags: ['drukarka'],
  visibility: 'public',
  language: 'pl',
  status: 'published',
  translationGroup: '00000000-0000-4000-8000-00000000a001',
  sourceTicketId: null,
  version: 1,
  createdAt: 1,
  createdBy: TEST_AGENT.id,
  updatedAt: 1_700_000_000_000,
  updatedBy: TEST_AGENT.id,
  publishedAt: 1,
  ...overrides,
});
const printer = article({});
const runbook = article({ id: '00000000-0000-4000-8000-00000000a002', slug: 'vpn-00000000', title: 'VPN runbook', body: 'Restart the gateway.', visibility: 'internal', language: 'en', tags: [] });
const hitOf = (found: Article, word: string): ArticleSearchHit => ({
  articleId: found.id,
  slug: found.slug,
  title: snippetOf(found.title, termsOfWord(word)),
  snippet: snippetOf(found.body, termsOfWord(word)),
  language: found.language,
  visibility: found.visibility,
  score: 1,
});

describe('knowledge screen', () => {
  it('lists the articles, reads one with its Markdown rendered and nothing executable, and gives a public article its link', () => {
    const fake = createFakeDeskSession({ articles: [printer, runbook] });
    renderInDesk(<KnowledgeScreen />, { session: fake.session });
    expect(screen.getAllByTestId('article-row').map((row) => row.textContent)).toEqual([expect.stringContaining('Drukarka nie drukuje'), expect.stringContaining('VPN runbook')]);

    fireEvent.click(screen.getAllByTestId('article-row')[0]!);
    const body = document.querySelector('.article-view__body')!;
    expect(body.querySelector('strong')?.textContent).toBe('drukarkę');
    expect(body.querySelector('script')).toBeNull();
    expect(body.querySelector('a[href^="javascript"]')).toBeNull();
    expect(screen.getByRole('link', { name: 'http://desk.test/kb/drukarka-nie-drukuje-00000000' })).toBeTruthy();

    fireEvent.click(screen.getAllByTestId('article-row')[1]!);
    expect(screen.getByText('Internal', { selector: '.article-view .badge' })).toBeTruthy();
    expect(screen.queryByText(/Public link/)).toBeNull();
  });

  it('searches with the language chosen, and says when nothing matches', async () => {
    const fake = createFakeDeskSession({ articles: [printer] });
    fake.searchArticles.mockResolvedValueOnce([hitOf(printer, 'drukarki')]).mockResolvedValueOnce([]);
    renderInDesk(<KnowledgeScreen />, { session: fake.session });
    fireEvent.change(screen.getByLabelText('Search articles'), { target: { value: 'drukarki' } });
    await waitFor(() => expect(screen.getAllByTestId('article-row')[0]!.querySelector('mark')?.textContent).toBe('Drukarka'));
    fireEvent.change(screen.getByLabelText('Language'), { target: { value: 'en' } });
    await screen.findByText('No article matches “drukarki”.');
    expect(fake.searchArticles).toHaveBeenLastCalledWith('drukarki', { language: 'en' });
  });
});

describe('suggestions beside a ticket', () => {
  it('shows the suggested article and solved ticket; one click adds the text or the public link to the reply', async () => {
    const ticket = makeTicket({ number: 77, subject: 'Drukarka' });
    const fake = createFakeDeskSession({ tickets: [ticket], articles: [printer, runbook] });
    const solved = { ticketId: 'solved-1', number: 12, subject: snippetOf('Drukarki w biurze', termsOfWord('drukarka')), status: 'closed' as const, channel: 'email' as const, requesterName: 'Jan', score: 1, snippet: null };
    fake.suggestionsFor.mockResolvedValue({ articles: [hitOf(printer, 'drukarka'), hitOf(runbook, 'gateway')], solvedTickets: [solved] });
    renderInDesk(<SuggestionsPanel ticket={ticket} />, { session: fake.session });
    const [first, second] = await screen.findAllByTestId('suggested-article');
    expect(screen.getByTestId('suggested-ticket').textContent).toContain('#12');
    // An internal article has no public link to give a customer.
    expect(second!.textContent).not.toContain('Insert link');

    const key = draftKey(TEST_AGENT.id, ticket.id);
    useUiStore.getState().updateDraft(key, { body: 'Dzień dobry,' });
    fireEvent.click(screen.getAllByRole('button', { name: 'Insert link' })[0]!);
    await waitFor(() => expect(useUiStore.getState().drafts[key]?.body).toBe('Dzień dobry,\n\nDrukarka nie drukuje: http://desk.test/kb/drukarka-nie-drukuje-00000000'));
    fireEvent.click(first!.querySelector('button.button')!);
    await waitFor(() => expect(useUiStore.getState().drafts[key]?.body).toContain('Wyłącz drukarkę i włącz ją ponownie.'));
    expect(fake.suggestionsFor).toHaveBeenCalledWith(ticket.id);
  });
});
