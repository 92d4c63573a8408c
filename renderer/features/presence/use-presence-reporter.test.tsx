// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeDeskSession, TEST_AGENT } from '../../app/testing/fake-desk-session';
import { createFakePlatform, renderInDesk, resetUiState } from '../../app/testing/render-desk';
import { PresenceToggle } from './presence-toggle';
import { resetPresenceSettings, usePresenceSettings } from './presence-settings';
import { usePresenceReporter } from './use-presence-reporter';

function PresenceProbe() {
  usePresenceReporter();
  return null;
}

const MINUTE = 60_000;
const online = { state: 'online', manual: false };
const idleAway = { state: 'away', manual: false };
const manualAway = { state: 'away', manual: true };

function setVisibility(state: DocumentVisibilityState) {
  Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
  document.dispatchEvent(new Event('visibilitychange'));
}

/** Runs timers and the idle checks' promises they start. */
const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

beforeEach(() => {
  resetUiState();
  resetPresenceSettings();
  vi.useFakeTimers();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  setVisibility('visible');
});

describe('presence reporter', () => {
  it('reports online once at mount, and nothing more while nothing changes', async () => {
    const fake = createFakeDeskSession();
    renderInDesk(<PresenceProbe />, { session: fake.session });
    await advance(0);
    expect(fake.reportPresence.mock.calls).toEqual([[online]]);

    await advance(MINUTE);
    expect(fake.reportPresence).toHaveBeenCalledTimes(1);
  });

  it('reports away by hand (manual) and back to online, and remembers the choice across reloads', async () => {
    const fake = createFakeDeskSession();
    renderInDesk(
      <>
        <PresenceProbe />
        <PresenceToggle />
      </>,
      { session: fake.session },
    );
    await advance(0);
    const toggle = screen.getByRole('button', { name: "I'm away" });
    expect(toggle.getAttribute('aria-pressed')).toBe('false');

    fireEvent.click(toggle);
    expect(fake.reportPresence).toHaveBeenLastCalledWith(manualAway);
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    expect(JSON.parse(localStorage.getItem('tierdesk.presence') ?? '{}').state.manualAway).toEqual({ [TEST_AGENT.id]: true });

    fireEvent.click(toggle);
    expect(fake.reportPresence).toHaveBeenLastCalledWith(online);
    expect(fake.reportPresence).toHaveBeenCalledTimes(3);
  });

  it('a manual away is reported at mount for the agent who chose it, not for a colleague on the same machine', async () => {
    usePresenceSettings.getState().setManualAway(TEST_AGENT.id, true);
    const fake = createFakeDeskSession();
    renderInDesk(<PresenceProbe />, { session: fake.session });
    await advance(0);
    expect(fake.reportPresence.mock.calls).toEqual([[manualAway]]);
    cleanup();

    const colleague = createFakeDeskSession({ agent: { ...TEST_AGENT, id: '00000000-0000-4000-8000-0000000000b2', name: 'Bea' } });
    renderInDesk(<PresenceProbe />, { session: colleague.session });
    await advance(0);
    expect(colleague.reportPresence.mock.calls).toEqual([[online]]);
  });

  it('Electron: away when the system has been idle past the threshold, online again when input resumes', async () => {
    const idleSeconds = vi.fn(async (): Promise<number | null> => 400);
    const platform = createFakePlatform({ kind: 'electron', idleSeconds });
    const fake = createFakeDeskSession();
    renderInDesk(<PresenceProbe />, { session: fake.session, platform });
    await advance(0);
    expect(fake.reportPresence).toHaveBeenLastCalledWith(idleAway);

    // The next poll (every 15 s) sees fresh input elsewhere on the machine.
    idleSeconds.mockResolvedValue(2);
    await advance(14_000);
    expect(fake.reportPresence).toHaveBeenLastCalledWith(idleAway);
    await advance(1_000);
    expect(fake.reportPresence).toHaveBeenLastCalledWith(online);
  });

  it('Electron: stays online below the threshold, and input on the console ends away at once', async () => {
    const idleSeconds = vi.fn(async (): Promise<number | null> => 299);
    const platform = createFakePlatform({ kind: 'electron', idleSeconds });
    const fake = createFakeDeskSession();
    renderInDesk(<PresenceProbe />, { session: fake.session, platform });
    await advance(15_000);
    expect(fake.reportPresence.mock.calls).toEqual([[online]]);

    idleSeconds.mockResolvedValue(301);
    await advance(15_000);
    expect(fake.reportPresence).toHaveBeenLastCalledWith(idleAway);

    fireEvent.keyDown(window, { key: 'a' });
    expect(fake.reportPresence).toHaveBeenLastCalledWith(online);
  });

  it('Electron: an idle time asked for before input on the console does not make the agent away', async () => {
    let answer: (seconds: number) => void = () => undefined;
    const idleSeconds = vi.fn(async (): Promise<number | null> => 0);
    const platform = createFakePlatform({ kind: 'electron', idleSeconds });
    const fake = createFakeDeskSession();
    renderInDesk(<PresenceProbe />, { session: fake.session, platform });
    await advance(0);

    idleSeconds.mockImplementation(() => new Promise((resolve) => (answer = resolve)));
    await advance(15_000);
    fireEvent.keyDown(window, { key: 'a' });
    await act(async () => answer(400));
    expect(fake.reportPresence.mock.calls).toEqual([[online]]);
  });

  it('browser: away after 5 minutes without input on the page, online at the next keydown', async () => {
    const fake = createFakeDeskSession();
    renderInDesk(<PresenceProbe />, { session: fake.session });
    await advance(4 * MINUTE + 45_000);
    expect(fake.reportPresence.mock.calls).toEqual([[online]]);

    await advance(15_000);
    expect(fake.reportPresence).toHaveBeenLastCalledWith(idleAway);

    fireEvent.keyDown(window, { key: 'Shift' });
    expect(fake.reportPresence).toHaveBeenLastCalledWith(online);
  });

  it('browser: mouse movement counts as input, and idle minutes are configurable', async () => {
    usePresenceSettings.getState().setIdleMinutes(10);
    const fake = createFakeDeskSession();
    renderInDesk(<PresenceProbe />, { session: fake.session });
    await advance(4 * MINUTE);
    fireEvent.mouseMove(document.body);
    await advance(9 * MINUTE);
    expect(fake.reportPresence.mock.calls).toEqual([[online]]);

    await advance(MINUTE + 15_000);
    expect(fake.reportPresence).toHaveBeenLastCalledWith(idleAway);
  });

  it('browser: a hidden page is not away at once, only after the same threshold', async () => {
    const fake = createFakeDeskSession();
    renderInDesk(<PresenceProbe />, { session: fake.session });
    await advance(2 * MINUTE);
    act(() => setVisibility('hidden'));
    await advance(4 * MINUTE);
    expect(fake.reportPresence.mock.calls).toEqual([[online]]);

    await advance(MINUTE + 15_000);
    expect(fake.reportPresence).toHaveBeenLastCalledWith(idleAway);

    act(() => setVisibility('visible'));
    expect(fake.reportPresence).toHaveBeenLastCalledWith(online);
  });

  it('manual away wins over input: typing does not make the agent online', async () => {
    const fake = createFakeDeskSession();
    renderInDesk(<PresenceProbe />, { session: fake.session });
    await advance(0);
    act(() => usePresenceSettings.getState().setManualAway(TEST_AGENT.id, true));
    fireEvent.keyDown(window, { key: 'a' });
    await advance(15_000);
    expect(fake.reportPresence).toHaveBeenLastCalledWith(manualAway);
  });
});
