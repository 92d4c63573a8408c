// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeDeskSession } from '../../app/testing/fake-desk-session';
import { renderInDesk } from '../../app/testing/render-desk';
import { AlertPreferencesPanel } from './alert-preferences-panel';
import { currentAlertPreferences, DEFAULT_ALERT_PREFERENCES } from './alert-preferences';
import { resetAlertState } from './alerts-testing';

beforeEach(resetAlertState);
afterEach(cleanup);

function renderPanel() {
  const sound = { play: vi.fn() };
  renderInDesk(<AlertPreferencesPanel sound={sound} />, { session: createFakeDeskSession().session });
  return { sound };
}

describe('alert preferences panel', () => {
  it('change the preferences from labelled controls', () => {
    renderPanel();
    expect(screen.getByRole('heading', { name: 'Notifications' })).toBeTruthy();

    fireEvent.click(screen.getByRole('checkbox', { name: 'Play a sound with new assignments' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Quiet hours (no sound)' }));
    fireEvent.change(screen.getByLabelText('Quiet from'), { target: { value: '21:15' } });
    fireEvent.change(screen.getByLabelText('Quiet until'), { target: { value: '07:00' } });
    const repeat = screen.getByRole('combobox', { name: 'Remind me about unopened assignments' });
    expect([...(repeat as HTMLSelectElement).options].map((option) => option.text)).toEqual([
      'Never',
      'Every 2 minutes',
      'Every 5 minutes',
      'Every 10 minutes',
      'Every 15 minutes',
      'Every 30 minutes',
    ]);
    fireEvent.change(repeat, { target: { value: '0' } });

    expect(currentAlertPreferences()).toEqual({ soundOn: false, quietHours: { enabled: true, start: '21:15', end: '07:00' }, repeatMinutes: 0 });
  });

  it('refuse an empty time or equal ends, say why, and keep the stored range', () => {
    renderPanel();
    const from = screen.getByLabelText('Quiet from');
    fireEvent.change(from, { target: { value: '' } });
    expect(screen.getByRole('alert').textContent).toBe('Enter both times as HH:MM, e.g. 08:00.');
    expect(from.getAttribute('aria-invalid')).toBe('true');

    fireEvent.change(from, { target: { value: '08:00' } });
    expect(screen.getByRole('alert').textContent).toBe('Start and end must differ.');
    expect(currentAlertPreferences().quietHours).toEqual(DEFAULT_ALERT_PREFERENCES.quietHours);

    fireEvent.change(from, { target: { value: '19:00' } });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(currentAlertPreferences().quietHours.start).toBe('19:00');
  });

  it('play the tone on request', () => {
    const { sound } = renderPanel();
    fireEvent.click(screen.getByRole('button', { name: 'Play test sound' }));
    expect(sound.play).toHaveBeenCalledTimes(1);
  });
});
