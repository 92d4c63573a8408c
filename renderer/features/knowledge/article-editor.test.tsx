// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Article } from '../../../core';
import { ApiRequestError } from '../../api/json-request';
import { createFakeDeskSession, makeTicket, TEST_AGENT } from '../../app/testing/fake-desk-session';
import { createFakeDeskApi, renderInDesk, resetUiState } from '../../app/testing/render-desk';
import { useUiStore } from '../../state/ui-store';
import type { MessageView } from '../../sync/desk-session';
import { CreateArticleButton } from './create-article-button';
import { KnowledgeScreen } from './knowledge-screen';

beforeEach(resetUiState);
afterEach(cleanup);

const expert = { ...TEST_AGENT, level: 3 as const };
const message = (ticketId: string, kind: MessageView['kind'], body: string, createdAt: number): MessageView => ({ id: `m-${createdAt}`, ticketId, kind, body, authorId: null, authorName: 'x', createdAt, pending: false });

function Harness({ ticketId }: { ticketId: string }) {
  const screenName = useUiStore((state) => state.screen);
  return screenName === 'knowledge' ? <KnowledgeScreen /> : <p data-testid="ticket-place">{ticketId}</p>;
}

describe('writing an article in the console', () => {
  it('turns a solved ticket into a prefilled draft and publishes it, naming the ticket', async () => {
    const ticket = makeTicket({ number: 88, subject: 'Scanner error 42', status: 'fixed' });
    const fake = createFakeDeskSession({
      agent: expert,
      tickets: [ticket],
      messages: [message(ticket.id, 'customer', 'The scanner shows error 42.', 1), message(ticket.id, 'reply', 'Clear the paper path.', 2)],
    });
    const created: Article = { id: '00000000-0000-4000-8000-00000000b001' } as Article;
    const createArticle = vi.fn(async () => ({ id: created.id, version: 1 }));
    const api = createFakeDeskApi({ createArticle, loadDrafts: async () => [], loadPrecedents: async () => [] });
    renderInDesk(
      <>
        <CreateArticleButton ticket={ticket} />
        <Harness ticketId={ticket.id} />
      </>,
      { session: fake.session, api },
    );
    fireEvent.click(screen.getByRole('button', { name: 'Create article' }));
    const title = (await screen.findByLabelText('Title')) as HTMLInputElement;
    expect(title.value).toBe('Scanner error 42');
    expect((screen.getByLabelText('Text (Markdown)') as HTMLTextAreaElement).value).toBe('## Problem\n\nThe scanner shows error 42.\n\n## Solution\n\nClear the paper path.\n');
    expect(screen.getByText('Written from ticket #88')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Who may read it'), { target: { value: 'public' } });
    fireEvent.change(screen.getByLabelText('Tags (comma-separated)'), { target: { value: 'scanner, errors, scanner' } });
    fireEvent.click(screen.getByRole('button', { name: 'Publish' }));
    await waitFor(() =>
      expect(createArticle).toHaveBeenCalledWith({ title: 'Scanner error 42', body: expect.stringContaining('Clear the paper path.'), visibility: 'public', language: 'en', tags: ['scanner', 'errors'], status: 'published', sourceTicketNumber: 88 }),
    );
    await waitFor(() => expect(useUiStore.getState().selectedArticleId).toBe(created.id));
    expect(useUiStore.getState().articleDraft).toBeNull();
  });

  it('keeps the text when the server refuses a stale edit, and offers no button to agents who do not write', async () => {
    const fake = createFakeDeskSession({ agent: expert });
    const updateArticle = vi.fn(async () => Promise.reject(new ApiRequestError('refused', 'the article changed meanwhile (now version 3): reload it and edit again', 409)));
    renderInDesk(<KnowledgeScreen />, { session: fake.session, api: createFakeDeskApi({ updateArticle, loadDrafts: async () => [], loadPrecedents: async () => [] }) });
    useUiStore.getState().editArticle({ agentId: expert.id, articleId: 'a-1', version: 2, sourceTicketNumber: null, title: 'VPN', body: 'My careful edit', visibility: 'internal', language: 'en', tags: [] });
    fireEvent.click(await screen.findByRole('button', { name: 'Publish' }));
    // The refusal arrives after a re-render; on a loaded CI machine that may take over the default second.
    await screen.findByText(/Not saved: the article changed meanwhile/, undefined, { timeout: 5_000 });
    expect(updateArticle).toHaveBeenCalledWith('a-1', expect.objectContaining({ body: 'My careful edit' }), 2);
    expect(useUiStore.getState().articleDraft?.body).toBe('My careful edit');

    cleanup();
    const l1 = createFakeDeskSession();
    renderInDesk(<CreateArticleButton ticket={makeTicket({ status: 'fixed' })} />, { session: l1.session });
    expect(screen.queryByRole('button', { name: 'Create article' })).toBeNull();
  });
});
