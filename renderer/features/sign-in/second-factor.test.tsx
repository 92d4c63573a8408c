// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TEST_AGENT } from '../../app/testing/fake-desk-session';
import { jsonResponse, renderApp } from '../../app/testing/render-app';
import { resetUiState } from '../../app/testing/render-desk';

beforeEach(resetUiState);
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const SIGNED_IN = { token: 'token-2fa', agent: TEST_AGENT, passwordChangeRequired: false, secondFactorSetupRequired: false };
type Call = [string, RequestInit | undefined];
/** What each sign-in request sent (the desk's own requests after it opens are left out). */
const bodies = (fetchMock: ReturnType<typeof vi.fn>) =>
  (fetchMock.mock.calls as Call[]).filter(([url]) => url.endsWith('/api/auth/login')).map(([, init]) => JSON.parse(String(init?.body)) as unknown);

async function passwordStep() {
  fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'alice@example.com' } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'her-own-password' } });
  await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Sign in' })));
}

describe('sign-in with a second factor', () => {
  it('asks for the app code after totp_required, and sends it with the same credentials', async () => {
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(jsonResponse(401, { error: 'enter the code', code: 'totp_required' }))
      .mockResolvedValueOnce(jsonResponse(401, { error: 'wrong code', code: 'totp_invalid' }))
      .mockResolvedValueOnce(jsonResponse(200, SIGNED_IN));
    vi.stubGlobal('fetch', fetchMock);
    const app = renderApp();
    await act(() => app.auth.restore());

    await passwordStep();
    expect(screen.getByRole('heading', { name: 'Enter your sign-in code' })).toBeTruthy();
    expect(screen.queryByLabelText('Password')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();

    fireEvent.change(screen.getByLabelText('Code'), { target: { value: '123 456' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Verify' })));
    expect((await screen.findByRole('alert')).textContent).toBe('That code did not work. Enter the current code (each code works once).');
    expect(app.openSession).not.toHaveBeenCalled();

    fireEvent.change(screen.getByLabelText('Code'), { target: { value: '654321' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Verify' })));
    await waitFor(() => expect(app.openSession).toHaveBeenCalledWith({ serverUrl: 'http://desk.test', token: 'token-2fa', agent: TEST_AGENT }));
    expect(app.platform.saveSession).toHaveBeenCalledWith({ token: 'token-2fa', agent: TEST_AGENT });
    expect(bodies(fetchMock)).toEqual([
      { email: 'alice@example.com', password: 'her-own-password' },
      { email: 'alice@example.com', password: 'her-own-password', totp: '123456' },
      { email: 'alice@example.com', password: 'her-own-password', totp: '654321' },
    ]);
  });

  it('offers a recovery code instead, and goes back to the password', async () => {
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(jsonResponse(401, { error: 'enter the code', code: 'totp_required' }))
      .mockResolvedValueOnce(jsonResponse(200, SIGNED_IN));
    vi.stubGlobal('fetch', fetchMock);
    const app = renderApp();
    await act(() => app.auth.restore());
    await passwordStep();

    fireEvent.click(screen.getByRole('button', { name: 'Use a recovery code instead' }));
    fireEvent.change(screen.getByLabelText('Recovery code'), { target: { value: ' abcd-efgh-jkmn-pqrs ' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Verify' })));
    await waitFor(() => expect(app.openSession).toHaveBeenCalled());
    expect(bodies(fetchMock)[1]).toEqual({ email: 'alice@example.com', password: 'her-own-password', recoveryCode: 'abcd-efgh-jkmn-pqrs' });
  });

  it('returns to the password step with Back', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValueOnce(jsonResponse(401, { error: 'enter the code', code: 'totp_required' })));
    const app = renderApp();
    await act(() => app.auth.restore());
    await passwordStep();
    fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect((screen.getByLabelText('Password') as HTMLInputElement).value).toBe('her-own-password');
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeTruthy();
  });

  it('says when a throttled sign-in may be tried again', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => jsonResponse(429, { error: 'too many failed sign-ins for this account: try again in 8 s', retryAfterSeconds: 8 })));
    const app = renderApp();
    await act(() => app.auth.restore());
    await passwordStep();
    expect((await screen.findByRole('alert')).textContent).toBe('Too many failed attempts. Try again in 8 s.');
  });
});

describe('an admin who must set up a second factor', () => {
  it('sees the enrolment screen, not the desk; the desk opens once it is done', async () => {
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    const codes = Array.from({ length: 10 }, (_, index) => `aaaa-bbbb-cccc-dd${index}${index}`);
    const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
      if (url.endsWith('/api/auth/login')) return jsonResponse(200, { ...SIGNED_IN, secondFactorSetupRequired: true });
      if (url.endsWith('/api/account/2fa/setup')) return jsonResponse(200, { secret, otpauthUrl: `otpauth://totp/Tierdesk:alice%40example.com?secret=${secret}&issuer=Tierdesk` });
      if (url.endsWith('/api/account/2fa/enable')) return JSON.parse(String(init?.body)).code === '111111' ? jsonResponse(200, { recoveryCodes: codes }) : jsonResponse(403, { error: 'the code is wrong' });
      return jsonResponse(404, { error: 'not stubbed' });
    });
    vi.stubGlobal('fetch', fetchMock);
    const app = renderApp();
    await act(() => app.auth.restore());
    await passwordStep();

    expect(await screen.findByRole('heading', { name: 'Set up two-factor sign-in' })).toBeTruthy();
    expect(app.openSession).not.toHaveBeenCalled();
    expect(app.platform.saveSession).not.toHaveBeenCalled();
    expect((await screen.findByTestId('two-factor-secret')).textContent).toBe(secret);
    const setupCall = (fetchMock.mock.calls as Call[]).find(([url]) => url.endsWith('/setup'));
    expect((setupCall?.[1]?.headers as Record<string, string>).authorization).toBe('Bearer token-2fa');

    fireEvent.change(screen.getByLabelText('Six-digit code from the app'), { target: { value: '111111' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Turn on' })));
    expect((await screen.findByTestId('recovery-codes')).textContent).toContain(codes[0]);
    expect(app.openSession).not.toHaveBeenCalled();

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'I have saved them' })));
    await waitFor(() => expect(app.openSession).toHaveBeenCalledWith({ serverUrl: 'http://desk.test', token: 'token-2fa', agent: TEST_AGENT }));
    expect(app.platform.saveSession).toHaveBeenCalledWith({ token: 'token-2fa', agent: TEST_AGENT });
  });

  it('can sign out from the enrolment screen, revoking the restricted session', async () => {
    const fetchMock = vi.fn(async (url: string, _init?: RequestInit) => {
      if (url.endsWith('/api/auth/login')) return jsonResponse(200, { ...SIGNED_IN, secondFactorSetupRequired: true });
      if (url.endsWith('/api/auth/logout')) return new Response(null, { status: 204 });
      return jsonResponse(503, { error: 'set TIERDESK_SECRET_KEY' });
    });
    vi.stubGlobal('fetch', fetchMock);
    const app = renderApp();
    await act(() => app.auth.restore());
    await passwordStep();
    expect((await screen.findByRole('alert')).textContent).toBe('Could not load: set TIERDESK_SECRET_KEY');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Sign out' })));
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeTruthy();
    expect((fetchMock.mock.calls as Call[]).some(([url]) => url.endsWith('/api/auth/logout'))).toBe(true);
  });
});
