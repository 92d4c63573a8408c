// @vitest-environment jsdom
import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeDeskSession } from '../../app/testing/fake-desk-session';
import { renderInDesk, resetUiState } from '../../app/testing/render-desk';
import { changeLanguage } from '../../i18n/i18n';
import { ConnectionIndicator } from './connection-indicator';

beforeEach(resetUiState);
afterEach(cleanup);

describe('connection indicator', () => {
  it('shows the status and, when changes wait, their count', () => {
    const fake = createFakeDeskSession({ connection: { status: 'online', pending: 0 } });
    renderInDesk(<ConnectionIndicator />, { session: fake.session });

    const status = screen.getByTestId('connection-status');
    expect(status.textContent).toBe('Online');
    expect(status.dataset.status).toBe('online');
    expect(screen.queryByTestId('pending-count')).toBeNull();

    act(() => fake.connection.next({ status: 'offline', pending: 3, refusal: null }));
    expect(status.textContent).toBe('Offline');
    expect(status.dataset.status).toBe('offline');
    expect(screen.getByTestId('pending-count').textContent).toBe('3');
    expect(screen.getByText('unsynced changes')).toBeTruthy();

    act(() => fake.connection.next({ status: 'syncing', pending: 1, refusal: null }));
    expect(status.textContent).toBe('Syncing');
    expect(status.dataset.status).toBe('syncing');
    expect(screen.getByTestId('pending-count').textContent).toBe('1');
    expect(screen.getByText('unsynced change')).toBeTruthy();

    act(() => fake.connection.next({ status: 'online', pending: 0, refusal: null }));
    expect(screen.queryByTestId('pending-count')).toBeNull();
  });

  it('shows how far a catch-up has come while syncing, with the numbers in the language’s format', async () => {
    const fake = createFakeDeskSession({ connection: { status: 'syncing', pending: 0 } });
    renderInDesk(<ConnectionIndicator />, { session: fake.session });
    const status = screen.getByTestId('connection-status');
    expect(status.textContent).toBe('Syncing');

    act(() => fake.connection.next({ status: 'syncing', pending: 0, refusal: null, progress: { received: 4_200, total: 10_000 } }));
    expect(status.textContent).toBe('Syncing 4,200 of 10,000');
    expect(status.dataset.status).toBe('syncing');

    await act(() => changeLanguage('pl'));
    // Grouping with a no-break space, as Intl formats these languages.
    expect(status.textContent).toBe('Synchronizacja 4200 z 10\u00a0000');
    await act(() => changeLanguage('ru'));
    expect(status.textContent).toBe('Синхронизация: 4\u00a0200 из 10\u00a0000');
    await act(() => changeLanguage('en'));

    act(() => fake.connection.next({ status: 'online', pending: 0, refusal: null, progress: null }));
    expect(status.textContent).toBe('Online');
  });

  it('uses the plural forms of the chosen language', async () => {
    const fake = createFakeDeskSession({ connection: { status: 'offline', pending: 2 } });
    renderInDesk(<ConnectionIndicator />, { session: fake.session });

    await act(() => changeLanguage('ru'));
    expect(screen.getByTestId('connection-status').textContent).toBe('Не в сети');
    expect(screen.getByText('неотправленных изменения')).toBeTruthy();

    act(() => fake.connection.next({ status: 'offline', pending: 5, refusal: null }));
    expect(screen.getByText('неотправленных изменений')).toBeTruthy();

    await act(() => changeLanguage('pl'));
    expect(screen.getByText('niezsynchronizowanych zmian')).toBeTruthy();
    await act(() => changeLanguage('en'));
  });
});
