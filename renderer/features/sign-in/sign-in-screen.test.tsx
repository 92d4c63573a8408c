// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TEST_AGENT } from '../../app/testing/fake-desk-session';
import { jsonResponse, renderApp } from '../../app/testing/render-app';
import { resetUiState } from '../../app/testing/render-desk';

beforeEach(resetUiState);
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

async function signIn(email: string, password: string) {
  fireEvent.change(screen.getByLabelText('Email'), { target: { value: email } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
  await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Sign in' })));
}

describe('sign-in', () => {
  it('says "wrong email or password" when the server answers 401', async () => {
    const fetchMock = vi.fn(async () => jsonResponse(401, { error: 'invalid credentials' }));
    vi.stubGlobal('fetch', fetchMock);
    const app = renderApp();
    await act(() => app.auth.restore());

    await signIn('alice@example.com', 'not-her-password');

    expect((await screen.findByRole('alert')).textContent).toBe('Wrong email or password.');
    expect(fetchMock).toHaveBeenCalledWith(
      'http://desk.test/api/auth/login',
      expect.objectContaining({ method: 'POST', body: JSON.stringify({ email: 'alice@example.com', password: 'not-her-password' }) }),
    );
    expect(app.openSession).not.toHaveBeenCalled();
    expect(app.platform.saveSession).not.toHaveBeenCalled();
  });

  it('says the server is unreachable when fetch fails', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    const app = renderApp();
    await act(() => app.auth.restore());

    await signIn('alice@example.com', 'secret-password');

    expect((await screen.findByRole('alert')).textContent).toBe('Server unreachable. Check the address and your connection.');
  });

  it('opens the desk and remembers the session on success', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => jsonResponse(200, { token: 'token-1', agent: TEST_AGENT, passwordChangeRequired: false, secondFactorSetupRequired: false })));
    const app = renderApp();
    await act(() => app.auth.restore());

    await signIn('alice@example.com', 'secret-password');

    expect(app.platform.saveSession).toHaveBeenCalledWith({ token: 'token-1', agent: TEST_AGENT });
    expect(app.openSession).toHaveBeenCalledWith({ serverUrl: 'http://desk.test', token: 'token-1', agent: TEST_AGENT });
    expect((await screen.findByTestId('agent-name')).textContent).toBe('Alice Agent · L1');
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeTruthy();
  });

  it('asks for the server address in Electron and stores it before signing in', async () => {
    const setServerUrl = vi.fn(async () => undefined);
    vi.stubGlobal('fetch', vi.fn(async () => jsonResponse(401, {})));
    const app = renderApp({ kind: 'electron', setServerUrl });
    await act(() => app.auth.restore());

    const server = (await screen.findByLabelText('Server')) as HTMLInputElement;
    expect(server.value).toBe('http://desk.test');
    // A valid URL (so the browser lets the form submit) but not one Tierdesk can talk to.
    fireEvent.change(server, { target: { value: 'ftp://desk.example.com' } });
    await signIn('alice@example.com', 'secret-password');
    expect((await screen.findByRole('alert')).textContent).toBe('Enter a server address starting with http:// or https://.');
    expect(setServerUrl).not.toHaveBeenCalled();

    fireEvent.change(server, { target: { value: 'https://desk.example.com' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Sign in' })));
    expect(setServerUrl).toHaveBeenCalledWith('https://desk.example.com');
  });

  it('switches the language of the form and remembers the choice', async () => {
    const app = renderApp();
    await act(() => app.auth.restore());

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'RU' })));
    expect(screen.getByLabelText('Пароль')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Войти' })).toBeTruthy();
    expect(app.platform.saveLanguage).toHaveBeenCalledWith('ru');
    expect(document.documentElement.lang).toBe('ru');

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'EN' })));
    expect(screen.getByLabelText('Password')).toBeTruthy();
  });
});
