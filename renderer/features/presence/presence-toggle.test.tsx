// @vitest-environment jsdom
import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Presence } from '../../../core';
import { createFakeDeskSession } from '../../app/testing/fake-desk-session';
import { renderInDesk, resetUiState } from '../../app/testing/render-desk';
import { PresenceDot } from './presence-dot';
import { PresenceToggle } from './presence-toggle';
import { resetPresenceSettings } from './presence-settings';
import { useTeamPresence } from './use-team-presence';

beforeEach(() => {
  resetUiState();
  resetPresenceSettings();
});
afterEach(cleanup);

describe('presence toggle', () => {
  it("shows the server's answer for my presence, live", () => {
    const fake = createFakeDeskSession();
    renderInDesk(<PresenceToggle />, { session: fake.session });
    const mine = screen.getByTestId('my-presence');
    expect(mine.textContent).toBe('Available');
    expect(mine.querySelector('[data-presence]')?.getAttribute('data-presence')).toBe('online');

    act(() => fake.myPresence.next('away'));
    expect(mine.textContent).toBe('Away');

    act(() => fake.myPresence.next('offline'));
    expect(mine.textContent).toBe('Offline');
    expect(mine.querySelector('[data-presence]')?.getAttribute('data-presence')).toBe('offline');
  });

  it('labels the control group and explains what away means', () => {
    const fake = createFakeDeskSession();
    renderInDesk(<PresenceToggle />, { session: fake.session });
    expect(screen.getByRole('group', { name: 'My presence' })).toBeTruthy();
    const toggle = screen.getByRole('button', { name: "I'm away" });
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    expect(document.getElementById(toggle.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'While you are away, routing gives you no new tickets.',
    );
  });
});

function TeamProbe() {
  const team = useTeamPresence();
  return (
    <ul>
      {[...team].map(([agentId, presence]) => (
        <li key={agentId} data-testid="team-member">
          {agentId} <PresenceDot presence={presence} />
        </li>
      ))}
    </ul>
  );
}

describe('team presence', () => {
  it('lists every agent with a dot that names the presence for screen readers', () => {
    const fake = createFakeDeskSession();
    renderInDesk(<TeamProbe />, { session: fake.session });
    expect(screen.queryAllByTestId('team-member')).toEqual([]);

    act(() => fake.teamPresence.next(new Map<string, Presence>([['anna', 'online'], ['boris', 'away']])));
    expect(screen.getAllByTestId('team-member').map((item) => item.textContent)).toEqual(['anna Available', 'boris Away']);

    act(() => fake.teamPresence.next(new Map<string, Presence>([['anna', 'offline'], ['boris', 'away']])));
    expect(screen.getAllByTestId('team-member')[0]!.textContent).toBe('anna Offline');
  });
});
