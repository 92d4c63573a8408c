// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDeskApi } from '../../api/desk-api';
import type { TeamAgent } from '../../api/team';
import { createFakeDeskSession, TEST_AGENT } from '../../app/testing/fake-desk-session';
import { jsonResponse, renderApp } from '../../app/testing/render-app';
import { renderInDesk, resetUiState } from '../../app/testing/render-desk';
import { TeamScreen } from '../team/team-screen';

/** The password policy loads lazily (a dictionary chunk): its first verdict may take a while on a busy machine. */
const POLICY_WAIT = { timeout: 10_000 };

beforeEach(resetUiState);
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

type Call = [string, RequestInit | undefined];
const ADMIN = { ...TEST_AGENT, id: '00000000-0000-4000-8000-0000000000d1', name: 'Ada Admin', email: 'ada@desk.test', role: 'admin' as const, level: 3 as const };
const LEE: TeamAgent = { id: '00000000-0000-4000-8000-0000000000e1', email: 'lee@desk.test', name: 'Lee', role: 'agent', level: 1, active: true };

describe('Team: reset password', () => {
  it('is offered on other agents only and posts a password that passes the policy', async () => {
    const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
      if (url.endsWith(`/api/agents/${LEE.id}/password`)) return jsonResponse(200, { sessionsEnded: 3 });
      if (url.endsWith('/api/agents') && (init?.method ?? 'GET') === 'GET') return jsonResponse(200, [{ ...ADMIN, active: true }, LEE]);
      if (url.endsWith('/api/groups')) return jsonResponse(200, []);
      return jsonResponse(404, { error: 'not stubbed' });
    });
    vi.stubGlobal('fetch', fetchMock);
    const { session } = createFakeDeskSession({ agent: ADMIN });
    renderInDesk(<TeamScreen />, { session, api: createDeskApi({ serverUrl: 'http://desk.test', token: 'admin-token' }) });

    const lee = within(await screen.findByRole('row', { name: 'Lee' }));
    expect(within(screen.getByRole('row', { name: 'Ada Admin' })).queryByRole('button', { name: 'Reset password' })).toBeNull();
    fireEvent.click(lee.getByRole('button', { name: 'Reset password' }));
    const form = within(screen.getByRole('form', { name: 'New password for Lee' }));
    fireEvent.change(form.getByLabelText('New password for Lee'), { target: { value: 'lee@desk.test' } });
    await waitFor(() => expect(form.getByTestId('password-verdict').textContent).toContain('personal data'), POLICY_WAIT);
    expect((form.getByRole('button', { name: 'Set password' }) as HTMLButtonElement).disabled).toBe(true);

    fireEvent.change(form.getByLabelText('New password for Lee'), { target: { value: 'amber-falcon-river-31' } });
    await waitFor(() => expect((form.getByRole('button', { name: 'Set password' }) as HTMLButtonElement).disabled).toBe(false), POLICY_WAIT);
    await act(async () => fireEvent.click(form.getByRole('button', { name: 'Set password' })));
    expect(await form.findByText('Password set. 3 sessions were signed out.')).toBeTruthy();
    const posted = (fetchMock.mock.calls as Call[]).filter(([url]) => url.endsWith('/password'));
    expect(posted.map(([url, init]) => [url, JSON.parse(String(init?.body))])).toEqual([[`http://desk.test/api/agents/${LEE.id}/password`, { newPassword: 'amber-falcon-river-31' }]]);
  });
});

describe('Team: reset two-factor', () => {
  it('asks first, then deletes the agent’s second factor and shows the server’s refusal when it is off', async () => {
    let resets = 0;
    const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
      if (url.endsWith(`/api/agents/${LEE.id}/2fa`) && init?.method === 'DELETE') {
        resets += 1;
        return resets === 1 ? new Response(null, { status: 204 }) : jsonResponse(409, { error: 'two-factor sign-in is not on for this agent' });
      }
      if (url.endsWith('/api/agents')) return jsonResponse(200, [{ ...ADMIN, active: true }, LEE]);
      if (url.endsWith('/api/groups')) return jsonResponse(200, []);
      return jsonResponse(404, { error: 'not stubbed' });
    });
    vi.stubGlobal('fetch', fetchMock);
    const { session } = createFakeDeskSession({ agent: ADMIN });
    renderInDesk(<TeamScreen />, { session, api: createDeskApi({ serverUrl: 'http://desk.test', token: 'admin-token' }) });

    const lee = within(await screen.findByRole('row', { name: 'Lee' }));
    fireEvent.click(lee.getByRole('button', { name: 'Reset two-factor' }));
    expect(lee.getByText('This turns off two-factor sign-in for Lee (for a lost phone) and signs them out everywhere.')).toBeTruthy();
    expect(resets).toBe(0);
    await act(async () => fireEvent.click(lee.getByRole('button', { name: 'Yes, reset' })));
    expect(await lee.findByText('Two-factor sign-in is off for Lee.')).toBeTruthy();
    fireEvent.click(lee.getByRole('button', { name: 'Cancel' }));
    fireEvent.click(lee.getByRole('button', { name: 'Reset two-factor' }));
    await act(async () => fireEvent.click(lee.getByRole('button', { name: 'Yes, reset' })));
    expect((await lee.findByRole('alert')).textContent).toBe('Not done: two-factor sign-in is not on for this agent');
  });
});

describe('the prompt to change a weak password', () => {
  it('appears after a sign-in that says passwordChangeRequired, is dismissible, and leads to the change form', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        if (url.endsWith('/api/auth/login')) return jsonResponse(200, { token: 'weak-token', agent: TEST_AGENT, passwordChangeRequired: true, secondFactorSetupRequired: false });
        if (url.endsWith('/api/account/2fa')) return jsonResponse(200, { enabled: false, recoveryCodesLeft: 0 });
        if (url.endsWith('/api/account/sessions')) return jsonResponse(200, []);
        return jsonResponse(200, []);
      }),
    );
    const app = renderApp();
    await act(() => app.auth.restore());
    const signIn = async () => {
      fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'alice@example.com' } });
      fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'password' } });
      await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Sign in' })));
    };
    await signIn();

    const prompt = await screen.findByTestId('password-change-prompt');
    expect(prompt.textContent).toContain('Your password does not meet the current password rules.');
    fireEvent.click(within(prompt).getByRole('button', { name: 'Later' }));
    expect(screen.queryByTestId('password-change-prompt')).toBeNull();

    // The next sign-in asks again.
    await act(() => app.auth.signOut());
    await signIn();
    fireEvent.click(within(await screen.findByTestId('password-change-prompt')).getByRole('button', { name: 'Change password' }));
    expect(await screen.findByRole('form', { name: 'Change password' })).toBeTruthy();
    expect(screen.queryByTestId('password-change-prompt')).toBeNull();
  });
});
