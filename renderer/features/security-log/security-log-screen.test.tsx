// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDeskApi } from '../../api/desk-api';
import { createFakeDeskSession, TEST_AGENT } from '../../app/testing/fake-desk-session';
import { jsonResponse } from '../../app/testing/render-app';
import { fixedAgentDirectory, renderInDesk, resetUiState } from '../../app/testing/render-desk';
import { SecurityLogScreen } from './security-log-screen';

beforeEach(resetUiState);
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const ADMIN = { ...TEST_AGENT, role: 'admin' as const, level: 3 as const, name: 'Ada Admin' };
const KINDS = ['sign_in_failed', 'sign_in', 'two_factor_enabled', 'some_future_kind'];
const event = (id: number, kind: string, extra: Record<string, unknown> = {}) => ({ id, at: Date.UTC(2026, 0, 5, 9, 0, id), kind, agentId: null, email: null, address: '10.0.0.1', detail: {}, ...extra });

describe('Security log screen', () => {
  it('shows the newest entries, names agents, filters by kind and pages to older entries', async () => {
    const fetchMock = vi.fn(async (url: string) => {
      const query = new URL(url).searchParams;
      if (query.get('kind') === 'sign_in_failed') return jsonResponse(200, { events: [event(7, 'sign_in_failed', { email: 'x@y.test', detail: { reason: 'password' } })], nextBefore: null, kinds: KINDS });
      if (query.get('before') === '9') return jsonResponse(200, { events: [event(8, 'some_future_kind')], nextBefore: null, kinds: KINDS });
      return jsonResponse(200, { events: [event(10, 'sign_in', { agentId: ADMIN.id, email: ADMIN.email }), event(9, 'two_factor_enabled')], nextBefore: 9, kinds: KINDS });
    });
    vi.stubGlobal('fetch', fetchMock);
    const { session } = createFakeDeskSession({ agent: ADMIN });
    renderInDesk(<SecurityLogScreen />, { session, api: createDeskApi({ serverUrl: 'http://desk.test', token: 't' }), directory: fixedAgentDirectory([{ id: ADMIN.id, name: 'Ada Admin', role: 'admin', level: 3, active: true }]) });

    const rows = await screen.findAllByTestId('security-event');
    expect(rows.map((row) => within(row).getAllByRole('cell')[1]?.textContent)).toEqual(['Signed in', 'Two-factor sign-in on']);
    expect(within(rows[0] as HTMLElement).getByText('Ada Admin')).toBeTruthy();

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Older entries' })));
    await waitFor(() => expect(screen.getAllByTestId('security-event')).toHaveLength(3));
    // A kind the console has no text for is shown as the server names it.
    expect(screen.getAllByTestId('security-event')[2]?.textContent).toContain('some_future_kind');
    expect(screen.queryByRole('button', { name: 'Older entries' })).toBeNull();

    fireEvent.change(screen.getByLabelText('Kind'), { target: { value: 'sign_in_failed' } });
    await waitFor(() => expect(screen.getAllByTestId('security-event')).toHaveLength(1));
    expect(screen.getByTestId('security-event').textContent).toContain('reason: password');
    expect((fetchMock.mock.calls as [string][]).map(([url]) => url)).toEqual([
      'http://desk.test/api/admin/security-log?limit=50',
      'http://desk.test/api/admin/security-log?limit=50&before=9',
      'http://desk.test/api/admin/security-log?limit=50&kind=sign_in_failed',
    ]);
  });

  it('shows why it could not load, with a retry', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => jsonResponse(403, { error: 'only admin may do this' })));
    const { session } = createFakeDeskSession({ agent: ADMIN });
    renderInDesk(<SecurityLogScreen />, { session, api: createDeskApi({ serverUrl: 'http://desk.test', token: 't' }) });
    expect((await screen.findByRole('alert')).textContent).toBe('Could not load the security log: only admin may do this');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});
