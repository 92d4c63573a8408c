// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDeskApi } from '../../api/desk-api';
import { createFakeDeskSession, TEST_AGENT } from '../../app/testing/fake-desk-session';
import { jsonResponse } from '../../app/testing/render-app';
import { renderInDesk, resetUiState } from '../../app/testing/render-desk';
import { AccountScreen } from './account-screen';

/** The password policy loads lazily (a dictionary chunk): its first verdict may take a while on a busy machine. */
const POLICY_WAIT = { timeout: 10_000 };

beforeEach(resetUiState);
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

type Call = [string, RequestInit | undefined];
type Route = (url: string, init: RequestInit | undefined) => Response | undefined;
const api = createDeskApi({ serverUrl: 'http://desk.test', token: 'my-token' });
const SESSIONS = [
  { id: 'a1', createdAt: Date.UTC(2026, 0, 5, 8), lastActiveAt: Date.UTC(2026, 0, 5, 9), address: '10.0.0.7', userAgent: 'Firefox/140', current: true },
  { id: 'b2', createdAt: Date.UTC(2026, 0, 4, 8), lastActiveAt: null, address: '10.0.0.9', userAgent: 'TierdeskPhone/2.0', current: false },
];

function stubServer(route: Route = () => undefined) {
  const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
    const answer = route(url, init);
    if (answer) return answer;
    if (url.endsWith('/api/account/2fa')) return jsonResponse(200, { enabled: false, recoveryCodesLeft: 0 });
    if (url.endsWith('/api/account/sessions')) return jsonResponse(200, SESSIONS);
    if (url.endsWith('/api/account/signature')) return jsonResponse(200, { signature: '' });
    return jsonResponse(404, { error: 'not stubbed' });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}
const sent = (fetchMock: ReturnType<typeof stubServer>, path: string) =>
  (fetchMock.mock.calls as Call[]).filter(([url]) => url.endsWith(path)).map(([, init]) => ({ method: init?.method, body: init?.body ? (JSON.parse(String(init.body)) as unknown) : undefined }));

function renderAccount() {
  const { session } = createFakeDeskSession({ agent: TEST_AGENT });
  return renderInDesk(<AccountScreen />, { session, api });
}

describe('Account: password', () => {
  it('shows the policy verdict live and changes the password only once it passes', async () => {
    const fetchMock = stubServer((url) => (url.endsWith('/api/account/password') ? jsonResponse(200, { sessionsEnded: 2 }) : undefined));
    renderAccount();
    const form = within(await screen.findByRole('form', { name: 'Change password' }));
    const submit = form.getByRole('button', { name: 'Change password' }) as HTMLButtonElement;
    expect(form.getByTestId('password-verdict').textContent).toBe('At least 12 characters, not a common password, not your name or email.');

    fireEvent.change(form.getByLabelText('Current password'), { target: { value: 'old-password' } });
    fireEvent.change(form.getByLabelText('New password'), { target: { value: 'password' } });
    await waitFor(() => expect(form.getByTestId('password-verdict').textContent).toBe('Too short: 8 of at least 12 characters.'), POLICY_WAIT);
    expect(submit.disabled).toBe(true);

    fireEvent.change(form.getByLabelText('New password'), { target: { value: 'password1234' } });
    await waitFor(() => expect(form.getByTestId('password-verdict').textContent).toBe('Too easy to guess. This is similar to a commonly used password. Add more words that are less common.'), POLICY_WAIT);
    expect(submit.disabled).toBe(true);

    fireEvent.change(form.getByLabelText('New password'), { target: { value: 'alice@example.com' } });
    await waitFor(() => expect(form.getByTestId('password-verdict').textContent).toContain('There should not be any personal data'), POLICY_WAIT);

    fireEvent.change(form.getByLabelText('New password'), { target: { value: 'violet-harbour-clock-92' } });
    await waitFor(() => expect(form.getByTestId('password-verdict').textContent).toBe('Strong enough.'), POLICY_WAIT);
    await waitFor(() => expect(submit.disabled).toBe(false), POLICY_WAIT);
    await act(async () => fireEvent.click(submit));

    expect(await screen.findByText('Password changed. 2 other sessions were signed out.')).toBeTruthy();
    expect(sent(fetchMock, '/api/account/password')).toEqual([{ method: 'POST', body: { currentPassword: 'old-password', newPassword: 'violet-harbour-clock-92' } }]);
    expect((form.getByLabelText('Current password') as HTMLInputElement).value).toBe('');
  });

  it('shows the server refusing a wrong current password and keeps what was typed', async () => {
    stubServer((url) => (url.endsWith('/api/account/password') ? jsonResponse(403, { error: 'the current password is wrong' }) : undefined));
    renderAccount();
    const form = within(await screen.findByRole('form', { name: 'Change password' }));
    fireEvent.change(form.getByLabelText('Current password'), { target: { value: 'not-it' } });
    fireEvent.change(form.getByLabelText('New password'), { target: { value: 'violet-harbour-clock-92' } });
    await waitFor(() => expect((form.getByRole('button', { name: 'Change password' }) as HTMLButtonElement).disabled).toBe(false), POLICY_WAIT);
    await act(async () => fireEvent.click(form.getByRole('button', { name: 'Change password' })));
    expect((await form.findByRole('alert')).textContent).toBe('Not done: the current password is wrong');
    expect((form.getByLabelText('New password') as HTMLInputElement).value).toBe('violet-harbour-clock-92');
  });
});

describe('Account: two-factor sign-in', () => {
  it('sets it up with a QR code and the key, then shows the recovery codes once with a copy button', async () => {
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    const codes = Array.from({ length: 10 }, (_, index) => `wxyz-2345-6789-ab${index}${index}`);
    let enabled = false;
    const fetchMock = stubServer((url, init) => {
      if (url.endsWith('/api/account/2fa')) return jsonResponse(200, { enabled, recoveryCodesLeft: enabled ? 10 : 0 });
      if (url.endsWith('/2fa/setup')) return jsonResponse(200, { secret, otpauthUrl: `otpauth://totp/Tierdesk:alice%40example.com?secret=${secret}&issuer=Tierdesk` });
      if (url.endsWith('/2fa/enable')) {
        if (JSON.parse(String(init?.body)).code !== '246810') return jsonResponse(403, { error: 'the code is wrong or has expired' });
        enabled = true;
        return jsonResponse(200, { recoveryCodes: codes });
      }
      return undefined;
    });
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    renderAccount();

    expect((await screen.findByTestId('two-factor-status')).textContent).toBe('Off. Signing in needs only your password.');
    fireEvent.click(screen.getByRole('button', { name: 'Set up two-factor sign-in' }));
    expect((await screen.findByTestId('two-factor-secret')).textContent).toBe(secret);
    const qr = (await screen.findByRole('img', { name: 'QR code for your authenticator app' })) as HTMLImageElement;
    expect(qr.src.startsWith('data:image/svg+xml')).toBe(true);

    fireEvent.change(screen.getByLabelText('Six-digit code from the app'), { target: { value: '000000' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Turn on' })));
    expect((await screen.findByRole('alert')).textContent).toBe('Not done: the code is wrong or has expired');

    fireEvent.change(screen.getByLabelText('Six-digit code from the app'), { target: { value: '246 810' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Turn on' })));
    const list = await screen.findByTestId('recovery-codes');
    expect(within(list).getAllByRole('listitem').map((item) => item.textContent)).toEqual(codes);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Copy codes' })));
    expect(writeText).toHaveBeenCalledWith(codes.join('\n'));
    expect(screen.getByRole('button', { name: 'Copied' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'I have saved them' }));
    expect((await screen.findByTestId('two-factor-status')).textContent).toBe('On. 10 recovery codes left.');
    expect(screen.queryByTestId('recovery-codes')).toBeNull();
    expect(sent(fetchMock, '/2fa/enable').map((call) => call.body)).toEqual([{ code: '000000' }, { code: '246810' }]);
  });

  it('turns it off with the password and a code', async () => {
    let enabled = true;
    const fetchMock = stubServer((url) => {
      if (url.endsWith('/api/account/2fa')) return jsonResponse(200, { enabled, recoveryCodesLeft: enabled ? 3 : 0 });
      if (url.endsWith('/2fa/disable')) {
        enabled = false;
        return new Response(null, { status: 204 });
      }
      return undefined;
    });
    renderAccount();
    expect((await screen.findByTestId('two-factor-status')).textContent).toBe('On. 3 recovery codes left.');
    const form = within(screen.getByRole('form', { name: 'Turn off two-factor sign-in' }));
    fireEvent.change(form.getByLabelText('Password'), { target: { value: 'my-password-1' } });
    fireEvent.change(form.getByLabelText('Code from the app or a recovery code'), { target: { value: '135790' } });
    await act(async () => fireEvent.click(form.getByRole('button', { name: 'Turn off' })));
    expect((await screen.findByTestId('two-factor-status')).textContent).toBe('Off. Signing in needs only your password.');
    expect(sent(fetchMock, '/2fa/disable')).toEqual([{ method: 'POST', body: { password: 'my-password-1', code: '135790' } }]);
  });
});

describe('Account: sessions', () => {
  it('lists where I am signed in and signs out the other sessions', async () => {
    let sessions = SESSIONS;
    const fetchMock = stubServer((url, init) => {
      if (url.endsWith('/api/account/sessions')) return jsonResponse(200, sessions);
      if (url.endsWith('/api/account/sessions/others') && init?.method === 'DELETE') {
        sessions = SESSIONS.filter((session) => session.current);
        return jsonResponse(200, { ended: 1 });
      }
      return undefined;
    });
    renderAccount();
    const table = await screen.findByTestId('account-sessions');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]?.textContent).toContain('(This session)');
    expect(rows[0]?.textContent).toContain('10.0.0.7');
    expect(rows[1]?.textContent).toContain('TierdeskPhone/2.0');

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Sign out my other sessions' })));
    expect(await screen.findByText('1 session was signed out.')).toBeTruthy();
    await waitFor(() => expect(within(screen.getByTestId('account-sessions')).getAllByRole('row')).toHaveLength(2));
    expect((screen.getByRole('button', { name: 'Sign out my other sessions' }) as HTMLButtonElement).disabled).toBe(true);
    expect(sent(fetchMock, '/api/account/sessions/others')).toEqual([{ method: 'DELETE', body: undefined }]);
  });
});

describe('Account: mail signature', () => {
  it('loads the signature, lists the placeholders, saves a change and shows the server’s refusal', async () => {
    const fetchMock = stubServer((url, init) => {
      if (!url.endsWith('/api/account/signature')) return undefined;
      if (init?.method !== 'PUT') return jsonResponse(200, { signature: 'Best, {{agent.firstName}}' });
      const { signature } = JSON.parse(String(init.body)) as { signature: string };
      return signature.includes('{{customer') ? jsonResponse(400, { error: 'invalid signature (signature): unknown placeholder {{customer.name}}' }) : jsonResponse(200, { signature });
    });
    renderAccount();
    const box = (await screen.findByLabelText('Added under your replies when they are mailed to the customer')) as HTMLTextAreaElement;
    await waitFor(() => expect(box.value).toBe('Best, {{agent.firstName}}'));
    expect(screen.getByText('You may use {{agent.name}}, {{agent.firstName}}, {{agent.email}}.')).toBeTruthy();

    fireEvent.change(box, { target: { value: 'Cheers, {{agent.name}}' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save signature' }));
    expect((await screen.findByText('Signature saved.')).getAttribute('role')).toBe('status');
    expect(sent(fetchMock, '/api/account/signature').at(-1)).toEqual({ method: 'PUT', body: { signature: 'Cheers, {{agent.name}}' } });

    fireEvent.change(box, { target: { value: 'Hi {{customer.name}}' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save signature' }));
    expect((await screen.findByText(/The signature was not saved: .*unknown placeholder/)).getAttribute('role')).toBe('alert');
  });
});
