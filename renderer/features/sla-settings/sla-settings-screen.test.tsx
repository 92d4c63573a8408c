// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SLA_SETTINGS, type SlaSettings } from '../../../core';
import { createDeskApi } from '../../api/desk-api';
import { createFakeDeskSession, TEST_AGENT } from '../../app/testing/fake-desk-session';
import { jsonResponse } from '../../app/testing/render-app';
import { renderInDesk, resetUiState } from '../../app/testing/render-desk';
import type { SessionAgent } from '../../sync/desk-session';
import { DeskScreen } from '../desk/desk-screen';
import { SlaSettingsScreen } from './sla-settings-screen';

beforeEach(resetUiState);
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const ADMIN: SessionAgent = { ...TEST_AGENT, id: '00000000-0000-4000-8000-0000000000d1', name: 'Ada Admin', role: 'admin', level: 3 };
const SUPERVISOR: SessionAgent = { ...TEST_AGENT, id: '00000000-0000-4000-8000-0000000000d2', name: 'Sam Supervisor', role: 'supervisor', level: 3 };
const api = createDeskApi({ serverUrl: 'http://desk.test', token: 'admin-token' });

type FetchCall = [string, RequestInit | undefined];

/** The server: GET answers `stored`; PUT answers what `onPut` says. */
function stubServer(stored: SlaSettings, onPut: (body: SlaSettings) => Response = (body) => jsonResponse(200, body)) {
  const fetchMock = vi.fn(async (_url: string, init?: RequestInit) =>
    init?.method === 'PUT' ? onPut(JSON.parse(String(init.body)) as SlaSettings) : jsonResponse(200, stored),
  );
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const putBody = (fetchMock: ReturnType<typeof stubServer>) => {
  const put = (fetchMock.mock.calls as FetchCall[]).find(([, init]) => init?.method === 'PUT');
  return put ? (JSON.parse(String(put[1]?.body)) as SlaSettings) : null;
};

describe('SLA settings as an administrator', () => {
  it('loads the settings, saves what was edited, and says Saved', async () => {
    const fetchMock = stubServer(DEFAULT_SLA_SETTINGS);
    const { session } = createFakeDeskSession({ agent: ADMIN });
    renderInDesk(<SlaSettingsScreen />, { session, api });

    const normalFirst = (await screen.findByLabelText('Normal: first response in minutes')) as HTMLInputElement;
    expect(fetchMock).toHaveBeenCalledWith('http://desk.test/api/admin/sla', expect.objectContaining({ headers: { authorization: 'Bearer admin-token' } }));
    expect(normalFirst.value).toBe('240');
    expect(normalFirst.parentElement?.textContent).toContain('4 h');
    expect((screen.getByLabelText('Time zone') as HTMLInputElement).value).toBe('UTC');
    expect((screen.getAllByLabelText('Monday: opens')[0] as HTMLInputElement).value).toBe('09:00');
    expect(within(screen.getAllByTestId('sla-weekday')[6]!).getByText('Closed')).toBeTruthy();

    fireEvent.change(normalFirst, { target: { value: '150' } });
    expect(normalFirst.parentElement?.textContent).toContain('2 h 30 min');
    fireEvent.change(screen.getByLabelText('Time zone'), { target: { value: 'Europe/Warsaw' } });
    // Saturday: open round the clock (an end of 00:00 is midnight at the end of the day).
    fireEvent.click(screen.getByRole('button', { name: 'Saturday: add hours' }));
    fireEvent.change(screen.getByLabelText('Saturday: opens'), { target: { value: '00:00' } });
    fireEvent.change(screen.getByLabelText('Saturday: closes'), { target: { value: '00:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Friday: remove 09:00–18:00' }));
    fireEvent.change(screen.getByLabelText('Holiday'), { target: { value: '2026-12-25' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add holiday' }));
    fireEvent.click(screen.getByRole('button', { name: 'Add organisation' }));
    fireEvent.change(screen.getByLabelText('Organisation name'), { target: { value: 'Acme' } });
    fireEvent.change(screen.getByLabelText('Acme, Urgent: first response in minutes'), { target: { value: '15' } });
    fireEvent.change(screen.getByLabelText('Acme, Urgent: resolution in minutes'), { target: { value: '120' } });

    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(screen.getByTestId('sla-saved').textContent).toBe('Saved'));
    const sent = putBody(fetchMock);
    expect(sent).toEqual({
      calendar: {
        timeZone: 'Europe/Warsaw',
        weeklyHours: { ...DEFAULT_SLA_SETTINGS.calendar.weeklyHours, '5': [], '6': [{ start: '00:00', end: '24:00' }] },
        holidays: ['2026-12-25'],
      },
      policies: { ...DEFAULT_SLA_SETTINGS.policies, normal: { firstResponseMinutes: 150, resolutionMinutes: 27 * 60 } },
      organizations: [{ organization: 'Acme', policies: { urgent: { firstResponseMinutes: 15, resolutionMinutes: 120 } } }],
    });
    const put = (fetchMock.mock.calls as FetchCall[]).find(([, init]) => init?.method === 'PUT');
    expect(put?.[1]?.headers).toEqual({ authorization: 'Bearer admin-token', 'content-type': 'application/json' });

    // Editing again clears the confirmation.
    fireEvent.change(screen.getByLabelText('Low: first response in minutes'), { target: { value: '500' } });
    expect(screen.queryByTestId('sla-saved')).toBeNull();
  });

  it("shows the server's reason when it refuses the settings", async () => {
    stubServer(DEFAULT_SLA_SETTINGS, () =>
      jsonResponse(400, { error: 'invalid SLA settings (policies.high): the resolution target cannot be shorter than the first-response target' }),
    );
    const { session } = createFakeDeskSession({ agent: ADMIN });
    renderInDesk(<SlaSettingsScreen />, { session, api });

    fireEvent.change(await screen.findByLabelText('High: resolution in minutes'), { target: { value: '60' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect((await screen.findByTestId('sla-save-error')).textContent).toBe(
      'Not saved: invalid SLA settings (policies.high): the resolution target cannot be shorter than the first-response target',
    );
    expect(screen.queryByTestId('sla-saved')).toBeNull();
    // What was typed stays for the admin to correct.
    expect((screen.getByLabelText('High: resolution in minutes') as HTMLInputElement).value).toBe('60');
  });

  it('will not save an unknown time zone', async () => {
    const fetchMock = stubServer(DEFAULT_SLA_SETTINGS);
    const { session } = createFakeDeskSession({ agent: ADMIN });
    renderInDesk(<SlaSettingsScreen />, { session, api });

    fireEvent.change(await screen.findByLabelText('Time zone'), { target: { value: 'Mars/Olympus' } });
    expect(screen.getByText(/^Unknown time zone/)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement).disabled).toBe(true);
    expect(putBody(fetchMock)).toBeNull();
  });
});

describe('SLA settings for others', () => {
  it('are read-only for a supervisor, who reaches them from the header', async () => {
    stubServer(DEFAULT_SLA_SETTINGS);
    const { session } = createFakeDeskSession({ agent: SUPERVISOR });
    renderInDesk(<DeskScreen />, { session, api });

    fireEvent.click(screen.getByRole('button', { name: 'SLA' }));
    expect(screen.getByRole('heading', { level: 2, name: 'SLA settings' })).toBeTruthy();
    const urgent = (await screen.findByLabelText('Urgent: first response in minutes')) as HTMLInputElement;
    // Disabled through its fieldset, as is every field of the form.
    expect(urgent.matches(':disabled')).toBe(true);
    expect((screen.getByLabelText('Time zone') as HTMLInputElement).matches(':disabled')).toBe(true);
    expect(screen.getByText('Only administrators can change these settings.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: /Back to desk/ }));
    expect(screen.getByText('Select a ticket in the queue.')).toBeTruthy();
  });

  it('are not offered to agents', () => {
    const { session } = createFakeDeskSession();
    renderInDesk(<DeskScreen />, { session });
    expect(screen.queryByRole('button', { name: 'SLA' })).toBeNull();
  });

  it('say they are available when online, and load once the connection is back', async () => {
    const fetchMock = stubServer(DEFAULT_SLA_SETTINGS);
    const fake = createFakeDeskSession({ agent: ADMIN, connection: { status: 'offline' } });
    renderInDesk(<SlaSettingsScreen />, { session: fake.session, api });

    expect(screen.getByText('Available when online')).toBeTruthy();
    expect(fetchMock).not.toHaveBeenCalled();

    act(() => fake.connection.next({ status: 'online', pending: 0, refusal: null }));
    expect(await screen.findByLabelText('Urgent: first response in minutes')).toBeTruthy();
  });
});
