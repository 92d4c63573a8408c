// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeDeskSession, TEST_AGENT } from '../../app/testing/fake-desk-session';
import { createFakeDeskApi, renderInDesk, resetUiState } from '../../app/testing/render-desk';
import { KnowledgeScreen } from './knowledge-screen';

beforeEach(resetUiState);
afterEach(cleanup);

describe('self-service settings', () => {
  it('lets an admin change when acknowledgements offer an article', async () => {
    const saveSelfService = vi.fn(async (settings) => settings);
    const api = createFakeDeskApi({ loadSelfService: async () => ({ enabled: true, minTitleCoverage: 0.4, minSharedWords: 2 }), saveSelfService, loadDrafts: async () => [], loadPrecedents: async () => [] });
    renderInDesk(<KnowledgeScreen />, { session: createFakeDeskSession({ agent: { ...TEST_AGENT, role: 'admin' } }).session, api });
    const coverage = await screen.findByLabelText('Share of the title the request must say (%)');
    expect((coverage as HTMLInputElement).value).toBe('40');
    fireEvent.change(coverage, { target: { value: '60' } });
    fireEvent.change(screen.getByLabelText('Title words it must share'), { target: { value: '3' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(saveSelfService).toHaveBeenCalledWith({ enabled: true, minTitleCoverage: 0.6, minSharedWords: 3 }));
    await screen.findByText('Saved: new requests are weighed with these.');
  });

  it('is not shown to agents', () => {
    renderInDesk(<KnowledgeScreen />, { session: createFakeDeskSession().session, api: createFakeDeskApi({ loadSelfService: vi.fn() }) });
    expect(screen.queryByText('Self-service offers')).toBeNull();
  });
});
