// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDeskApi } from '../../api/desk-api';
import type { TeamAgent, TeamGroup } from '../../api/team';
import { createFakeDeskSession, TEST_AGENT } from '../../app/testing/fake-desk-session';
import { jsonResponse } from '../../app/testing/render-app';
import { renderInDesk, resetUiState } from '../../app/testing/render-desk';
import type { SessionAgent } from '../../sync/desk-session';
import { DeskScreen } from '../desk/desk-screen';
import { TeamScreen } from './team-screen';

/** The password policy loads lazily (a dictionary chunk): its first verdict may take a while on a busy machine. */
const POLICY_WAIT = { timeout: 10_000 };

beforeEach(resetUiState);
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const ADMIN: SessionAgent = { ...TEST_AGENT, id: '00000000-0000-4000-8000-0000000000d1', name: 'Ada Admin', email: 'ada@desk.test', role: 'admin', level: 3 };
const SUPERVISOR: SessionAgent = { ...TEST_AGENT, id: '00000000-0000-4000-8000-0000000000d2', name: 'Sam Supervisor', email: 'sam@desk.test', role: 'supervisor', level: 3 };
const LEE: TeamAgent = { id: '00000000-0000-4000-8000-0000000000e1', email: 'lee@desk.test', name: 'Lee', role: 'agent', level: 1, active: true };
const KIM: TeamAgent = { id: '00000000-0000-4000-8000-0000000000e2', email: 'kim@desk.test', name: 'Kim', role: 'agent', level: 2, active: true };
const AGENTS: TeamAgent[] = [{ ...ADMIN, active: true }, { ...SUPERVISOR, active: true }, LEE, KIM];
const GENERAL: TeamGroup = {
  id: '00000000-0000-4000-8000-0000000000f1',
  name: 'General',
  categories: ['billing'],
  members: [{ agentId: LEE.id, level: 1, capacity: 10 }],
};
const api = createDeskApi({ serverUrl: 'http://desk.test', token: 'admin-token' });

type FetchCall = [string, RequestInit | undefined];
type Route = (url: string, init: RequestInit | undefined) => Response | undefined;

/** The server: GET lists answer AGENTS and GENERAL unless `route` answers first. */
function stubServer(route: Route = () => undefined) {
  const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
    const answer = route(url, init);
    if (answer) return answer;
    if (url.endsWith('/api/agents')) return jsonResponse(200, AGENTS);
    if (url.endsWith('/api/groups')) return jsonResponse(200, [GENERAL]);
    return jsonResponse(404, { error: 'not stubbed' });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const callsWith = (fetchMock: ReturnType<typeof stubServer>, method: string) =>
  (fetchMock.mock.calls as FetchCall[]).filter(([, init]) => init?.method === method).map(([url, init]) => ({ url, body: JSON.parse(String(init?.body)) as unknown }));

const agentRow = (name: string) => screen.getByRole('row', { name });

describe('Team as an administrator', () => {
  it('posts a new agent and shows the server refusing a duplicate email', async () => {
    const fetchMock = stubServer((url, init) =>
      url.endsWith('/api/agents') && init?.method === 'POST' ? jsonResponse(409, { error: 'an agent with this email already exists' }) : undefined,
    );
    const { session } = createFakeDeskSession({ agent: ADMIN });
    renderInDesk(<TeamScreen />, { session, api });

    const form = within(await screen.findByRole('form', { name: 'New agent' }));
    fireEvent.change(form.getByLabelText('Name'), { target: { value: ' Lee Two ' } });
    fireEvent.change(form.getByLabelText('Email'), { target: { value: 'lee@desk.test' } });
    fireEvent.change(form.getByLabelText('Password'), { target: { value: 'correct horse' } });
    fireEvent.change(form.getByLabelText('Role'), { target: { value: 'supervisor' } });
    fireEvent.change(form.getByLabelText('Line'), { target: { value: '2' } });
    // The password policy loads lazily; the form waits for its verdict.
    await waitFor(() => expect((form.getByRole('button', { name: 'Add agent' }) as HTMLButtonElement).disabled).toBe(false), POLICY_WAIT);
    expect(form.getByText('Strong enough.')).toBeTruthy();
    fireEvent.click(form.getByRole('button', { name: 'Add agent' }));

    expect((await screen.findByTestId('team-add-agent-error')).textContent).toBe('Not saved: an agent with this email already exists');
    expect(callsWith(fetchMock, 'POST')).toEqual([
      { url: 'http://desk.test/api/agents', body: { name: 'Lee Two', email: 'lee@desk.test', password: 'correct horse', role: 'supervisor', level: 2 } },
    ]);
    // What was typed stays for the admin to correct.
    expect((form.getByLabelText('Email') as HTMLInputElement).value).toBe('lee@desk.test');
  });

  it('asks before deactivating, then PATCHes active: false', async () => {
    const fetchMock = stubServer((url, init) =>
      url.endsWith(`/api/agents/${LEE.id}`) && init?.method === 'PATCH' ? jsonResponse(200, { ...LEE, active: false }) : undefined,
    );
    const { session } = createFakeDeskSession({ agent: ADMIN });
    renderInDesk(<TeamScreen />, { session, api });

    await screen.findByRole('row', { name: 'Lee' });
    // An admin cannot deactivate themselves, so the button is not offered on their own row.
    expect(within(agentRow('Ada Admin')).queryByRole('button', { name: 'Deactivate' })).toBeNull();
    fireEvent.click(within(agentRow('Lee')).getByRole('button', { name: 'Deactivate' }));
    expect(within(agentRow('Lee')).getByText('Deactivating signs Lee out everywhere at once.')).toBeTruthy();
    expect(callsWith(fetchMock, 'PATCH')).toEqual([]);

    fireEvent.click(within(agentRow('Lee')).getByRole('button', { name: 'Yes, deactivate' }));

    await waitFor(() => expect(within(agentRow('Lee')).getByRole('button', { name: 'Reactivate' })).toBeTruthy());
    expect(callsWith(fetchMock, 'PATCH')).toEqual([{ url: `http://desk.test/api/agents/${LEE.id}`, body: { active: false } }]);
    expect(within(agentRow('Lee')).getByText('No')).toBeTruthy();
    expect(screen.getByTestId('team-agents-saved').textContent).toBe('Saved');
  });

  it('edits name, role and line of an agent in place', async () => {
    const fetchMock = stubServer((url, init) =>
      init?.method === 'PATCH' ? jsonResponse(200, { ...KIM, name: 'Kim Park', role: 'supervisor', level: 3 }) : undefined,
    );
    const { session } = createFakeDeskSession({ agent: ADMIN });
    renderInDesk(<TeamScreen />, { session, api });

    fireEvent.click(within(await screen.findByRole('row', { name: 'Kim' })).getByRole('button', { name: 'Edit' }));
    const row = within(agentRow('Kim'));
    fireEvent.change(row.getByLabelText('Name'), { target: { value: 'Kim Park' } });
    fireEvent.change(row.getByLabelText('Role'), { target: { value: 'supervisor' } });
    fireEvent.change(row.getByLabelText('Line'), { target: { value: '3' } });
    fireEvent.click(row.getByRole('button', { name: 'Save' }));

    expect(await screen.findByRole('row', { name: 'Kim Park' })).toBeTruthy();
    expect(callsWith(fetchMock, 'PATCH')).toEqual([{ url: `http://desk.test/api/agents/${KIM.id}`, body: { name: 'Kim Park', role: 'supervisor', level: 3 } }]);
  });

  it('saves the whole member list of a group', async () => {
    const fetchMock = stubServer((url, init) =>
      init?.method === 'PUT' ? jsonResponse(200, JSON.parse(String(init.body)) as unknown) : undefined,
    );
    const { session } = createFakeDeskSession({ agent: ADMIN });
    renderInDesk(<TeamScreen />, { session, api });

    const group = within(await screen.findByRole('region', { name: 'General' }));
    fireEvent.change(group.getByLabelText('Member 1: capacity'), { target: { value: '5' } });
    fireEvent.click(group.getByRole('button', { name: 'Add member' }));
    fireEvent.change(group.getByLabelText('Member 2: agent'), { target: { value: KIM.id } });
    fireEvent.change(group.getByLabelText('Member 2: line'), { target: { value: '2' } });
    fireEvent.change(group.getByLabelText('Member 2: capacity'), { target: { value: '0' } });
    expect(group.getByText('Capacity is a whole number from 1 to 100.')).toBeTruthy();
    expect((group.getByRole('button', { name: 'Save members' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(group.getByLabelText('Member 2: capacity'), { target: { value: '20' } });
    fireEvent.click(group.getByRole('button', { name: 'Save members' }));

    expect((await screen.findByTestId(`team-members-${GENERAL.id}-saved`)).textContent).toBe('Saved');
    expect(callsWith(fetchMock, 'PUT')).toEqual([
      {
        url: `http://desk.test/api/groups/${GENERAL.id}/members`,
        body: [
          { agentId: LEE.id, level: 1, capacity: 5 },
          { agentId: KIM.id, level: 2, capacity: 20 },
        ],
      },
    ]);

    // Removing a member and saving sends the shorter list (the server replaces the whole list).
    fireEvent.click(group.getByRole('button', { name: 'Remove member 1' }));
    fireEvent.click(group.getByRole('button', { name: 'Save members' }));
    await waitFor(() => expect(callsWith(fetchMock, 'PUT')).toHaveLength(2));
    expect(callsWith(fetchMock, 'PUT')[1]?.body).toEqual([{ agentId: KIM.id, level: 2, capacity: 20 }]);
  });

  it('creates a group with comma-separated categories and shows a duplicate name refused', async () => {
    let created = false;
    const fetchMock = stubServer((url, init) => {
      if (!url.endsWith('/api/groups') || init?.method !== 'POST') return undefined;
      if (created) return jsonResponse(409, { error: 'a group with this name already exists' });
      created = true;
      return jsonResponse(201, { id: '00000000-0000-4000-8000-0000000000f2' });
    });
    const { session } = createFakeDeskSession({ agent: ADMIN });
    renderInDesk(<TeamScreen />, { session, api });

    const form = within(await screen.findByRole('form', { name: 'New group' }));
    fireEvent.change(form.getByLabelText('Group name'), { target: { value: 'Hardware' } });
    fireEvent.change(form.getByLabelText('Categories'), { target: { value: 'printers, laptops,, printers ' } });
    fireEvent.click(form.getByRole('button', { name: 'Create group' }));
    expect((await screen.findByTestId('team-new-group-saved')).textContent).toBe('Saved');
    expect(callsWith(fetchMock, 'POST')).toEqual([{ url: 'http://desk.test/api/groups', body: { name: 'Hardware', categories: ['printers', 'laptops'] } }]);

    fireEvent.change(form.getByLabelText('Group name'), { target: { value: 'Hardware' } });
    fireEvent.click(form.getByRole('button', { name: 'Create group' }));
    expect((await screen.findByTestId('team-new-group-error')).textContent).toBe('Not saved: a group with this name already exists');
  });
});

describe('Team for others', () => {
  it('is read-only for a supervisor, who reaches it from the header', async () => {
    const fetchMock = stubServer();
    const { session } = createFakeDeskSession({ agent: SUPERVISOR });
    renderInDesk(<DeskScreen />, { session, api });

    fireEvent.click(screen.getByRole('button', { name: 'Team' }));
    expect(screen.getByRole('heading', { level: 2, name: 'Team' })).toBeTruthy();
    expect(await screen.findByRole('row', { name: 'Lee' })).toBeTruthy();
    expect(within(agentRow('Lee')).getByText('lee@desk.test')).toBeTruthy();
    expect(screen.getByText('Only administrators can change the team.')).toBeTruthy();
    // The header keeps its own controls (notification settings): only the team screen must be read-only.
    const team = within(screen.getByRole('main', { name: 'Team' }));
    for (const name of ['Edit', 'Deactivate', 'Reactivate', 'Add agent', 'Create group', 'Add member', 'Save members', 'Remove']) {
      expect(team.queryByRole('button', { name }), name).toBeNull();
    }
    expect(team.queryByRole('textbox')).toBeNull();
    expect(team.queryByRole('combobox')).toBeNull();
    expect(within(screen.getByRole('region', { name: 'General' })).getByText('Lee')).toBeTruthy();
    expect(fetchMock.mock.calls.every(([, init]) => (init?.method ?? 'GET') === 'GET')).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: /Back to desk/ }));
    expect(screen.getByText('Select a ticket in the queue.')).toBeTruthy();
  });

  it('is not offered to agents', () => {
    const { session } = createFakeDeskSession();
    renderInDesk(<DeskScreen />, { session });
    expect(screen.queryByRole('button', { name: 'Team' })).toBeNull();
  });

  it('says it is available when online, and loads once the connection is back', async () => {
    const fetchMock = stubServer();
    const fake = createFakeDeskSession({ agent: ADMIN, connection: { status: 'offline' } });
    renderInDesk(<TeamScreen />, { session: fake.session, api });

    expect(screen.getByText('Available when online')).toBeTruthy();
    expect(fetchMock).not.toHaveBeenCalled();

    act(() => fake.connection.next({ status: 'online', pending: 0, refusal: null }));
    expect(await screen.findByRole('row', { name: 'Lee' })).toBeTruthy();
  });
});
