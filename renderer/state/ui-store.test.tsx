// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { resetUiState } from '../app/testing/render-desk';
import { draftKey, useUiStore } from './ui-store';

beforeEach(resetUiState);

describe('UI store', () => {
  it('persists drafts and queue and search preferences, not the selected ticket or the search text', async () => {
    const key = draftKey('agent-1', 'ticket-1');
    useUiStore.getState().updateDraft(key, { body: 'Dear customer,' });
    useUiStore.getState().updateDraft(key, { asNote: true });
    useUiStore.getState().selectView('all');
    useUiStore.getState().selectTicket('ticket-1');
    useUiStore.getState().setSearchText('printer');
    useUiStore.getState().setSearchFilter({ mine: true });

    const raw = localStorage.getItem('tierdesk.ui') ?? '{}';
    const stored = JSON.parse(raw) as { state: Record<string, unknown> };
    expect(stored.state).toEqual({
      view: 'all',
      statusFilter: 'open',
      searchFilter: { status: 'any', mine: true, channel: 'any' },
      articleDraft: null,
      templateDraft: null,
      drafts: { [key]: { body: 'Dear customer,', asNote: true } },
    });

    // A reload: fresh in-memory state, then the store rehydrates from what localStorage kept.
    useUiStore.setState({ drafts: {}, view: 'mine' });
    localStorage.setItem('tierdesk.ui', raw);
    await useUiStore.persist.rehydrate();
    expect(useUiStore.getState().drafts[key]).toEqual({ body: 'Dear customer,', asNote: true });
    expect(useUiStore.getState().view).toBe('all');
  });

  it('drops a draft once it is empty again, keeping a chosen note mode', () => {
    const key = draftKey('agent-1', 'ticket-2');
    useUiStore.getState().updateDraft(key, { body: 'x' });
    useUiStore.getState().clearDraftBody(key);
    expect(useUiStore.getState().drafts[key]).toBeUndefined();

    useUiStore.getState().updateDraft(key, { body: 'note text', asNote: true });
    useUiStore.getState().clearDraftBody(key);
    expect(useUiStore.getState().drafts[key]).toEqual({ body: '', asNote: true });
  });
});
