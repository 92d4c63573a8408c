// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeTicket, TEST_AGENT } from './testing/fake-desk-session';
import { jsonResponse, renderApp } from './testing/render-app';
import { resetUiState } from './testing/render-desk';

beforeEach(resetUiState);
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const saved = { token: 'saved-token', agent: TEST_AGENT };

describe('the signed-in lifecycle', () => {
  it('reopens a remembered session without asking the server (works offline)', async () => {
    const fetchMock = vi.fn(async () => Promise.reject(new TypeError('offline')));
    vi.stubGlobal('fetch', fetchMock);
    const app = renderApp({ loadSession: vi.fn(async () => saved) });
    app.desk.connection.next({ status: 'offline', pending: 0, refusal: null });

    await act(() => app.auth.restore());

    expect(app.openSession).toHaveBeenCalledWith({ serverUrl: 'http://desk.test', token: 'saved-token', agent: TEST_AGENT });
    expect(screen.getByTestId('agent-name').textContent).toBe('Alice Agent · L1');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('goes back to sign-in with a message when the server refuses the token', async () => {
    const fetchMock = vi.fn(async () => jsonResponse(204, null));
    vi.stubGlobal('fetch', fetchMock);
    const app = renderApp({ loadSession: vi.fn(async () => saved) });
    // As the real session does: offline until the socket connects, which a refused token never does.
    app.desk.connection.next({ status: 'offline', pending: 0, refusal: null });
    await act(() => app.auth.restore());

    await act(async () => app.desk.connection.next({ status: 'offline', pending: 0, refusal: 'unauthorized' }));

    expect(screen.getByRole('status').textContent).toBe('Your session has ended. Please sign in again.');
    expect(screen.getByLabelText('Email')).toBeTruthy();
    expect(app.platform.clearSession).toHaveBeenCalled();
    await waitFor(() => expect(app.desk.session.close).toHaveBeenCalled());
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('says how many unsent changes the ended session keeps for the next sign-in', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => jsonResponse(204, null)));
    const app = renderApp({ loadSession: vi.fn(async () => saved) });
    app.desk.connection.next({ status: 'offline', pending: 3, refusal: null });
    await act(() => app.auth.restore());

    await act(async () => app.desk.connection.next({ status: 'offline', pending: 3, refusal: 'unauthorized' }));

    expect(screen.getByRole('status').textContent).toBe(
      'Your session has ended. Please sign in again. Your 3 unsent changes are kept and will be sent once you are signed in.',
    );
  });

  it('signs out: revokes the token while online, forgets the session, closes the desk', async () => {
    const fetchMock = vi.fn(async () => new Response(null, { status: 204 }));
    vi.stubGlobal('fetch', fetchMock);
    const app = renderApp({ loadSession: vi.fn(async () => saved) });
    await act(() => app.auth.restore());

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Sign out' })));

    expect(fetchMock).toHaveBeenCalledWith(
      'http://desk.test/api/auth/logout',
      expect.objectContaining({ method: 'POST', headers: { authorization: 'Bearer saved-token' } }),
    );
    expect(app.platform.clearSession).toHaveBeenCalled();
    expect(app.desk.session.close).toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeTruthy();
  });

  it('signs out offline without waiting for the server', async () => {
    const fetchMock = vi.fn(async () => new Response(null, { status: 204 }));
    vi.stubGlobal('fetch', fetchMock);
    const app = renderApp({ loadSession: vi.fn(async () => saved) });
    app.desk.connection.next({ status: 'offline', pending: 2, refusal: null });
    await act(() => app.auth.restore());

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Sign out' })));

    expect(fetchMock).not.toHaveBeenCalled();
    expect(app.platform.clearSession).toHaveBeenCalled();
    expect(app.desk.session.close).toHaveBeenCalled();
  });

  it('opens a ticket from the queue and goes back', async () => {
    const app = renderApp({ loadSession: vi.fn(async () => saved) });
    app.desk.tickets.next([makeTicket({ number: 3001, subject: 'Cannot print', assigneeId: TEST_AGENT.id, status: 'in_progress' })]);
    await act(() => app.auth.restore());

    expect(screen.getByText('Select a ticket in the queue.')).toBeTruthy();
    fireEvent.click(screen.getByTestId('queue-row'));
    expect(screen.getByRole('heading', { level: 2, name: '#3001 Cannot print' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: /Back to queue/ }));
    expect(screen.getByText('Select a ticket in the queue.')).toBeTruthy();
  });

  it('fetches the agent directory with the token once connected and names the assignee', async () => {
    const ivan = { id: '00000000-0000-4000-8000-0000000000c1', name: 'Ivan Petrov', role: 'agent', level: 2, active: true };
    const fetchMock = vi.fn(async () => jsonResponse(200, [ivan]));
    vi.stubGlobal('fetch', fetchMock);
    const app = renderApp({ loadSession: vi.fn(async () => saved) });
    app.desk.tickets.next([makeTicket({ number: 3002, assigneeId: ivan.id, status: 'in_progress' })]);
    app.desk.connection.next({ status: 'offline', pending: 0, refusal: null });
    await act(() => app.auth.restore());
    expect(fetchMock).not.toHaveBeenCalled();

    await act(async () => app.desk.connection.next({ status: 'syncing', pending: 0, refusal: null }));
    expect(fetchMock).toHaveBeenCalledWith(
      'http://desk.test/api/directory/agents',
      expect.objectContaining({ headers: { authorization: 'Bearer saved-token' } }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'All' }));
    fireEvent.click(screen.getByTestId('queue-row'));
    await waitFor(() => expect(screen.getByTestId('ticket-assignee').textContent).toBe('Ivan Petrov'));
  });
});
