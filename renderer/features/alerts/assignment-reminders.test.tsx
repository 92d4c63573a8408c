// @vitest-environment jsdom
import { act, cleanup } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useUiStore } from '../../state/ui-store';
import { useAlertPreferences } from './alert-preferences';
import { assignedToMe, mountAlerts, resetAlertState } from './alerts-testing';

const MINUTE = 60_000;

beforeEach(() => {
  resetAlertState();
  vi.useFakeTimers();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const advance = (ms: number) => act(() => vi.advanceTimersByTime(ms));

describe('assignment reminders', () => {
  it('notify again with the sound every interval (default 5 minutes) until the ticket is opened', () => {
    const ticket = assignedToMe({ number: 4101, subject: 'Printer jam' });
    const alerts = mountAlerts([ticket]);
    expect(alerts.platform.notify).toHaveBeenCalledTimes(1);

    advance(5 * MINUTE - 1);
    expect(alerts.platform.notify).toHaveBeenCalledTimes(1);
    advance(1);
    expect(alerts.platform.notify).toHaveBeenCalledTimes(2);
    expect(alerts.platform.notify).toHaveBeenLastCalledWith({
      title: 'Still unopened: ticket #4101 is assigned to you',
      body: 'Printer jam',
      tag: `ticket:${ticket.id}`,
    });
    expect(alerts.sound.play).toHaveBeenCalledTimes(2);
    advance(5 * MINUTE);
    expect(alerts.platform.notify).toHaveBeenCalledTimes(3);

    act(() => useUiStore.getState().openTicket(ticket.id));
    advance(60 * MINUTE);
    expect(alerts.platform.notify).toHaveBeenCalledTimes(3);
    expect(alerts.sound.play).toHaveBeenCalledTimes(3);
  });

  it('name the count in one reminder when several assignments wait', () => {
    const alerts = mountAlerts([assignedToMe({ number: 4102 }), assignedToMe({ number: 4103 })]);
    advance(5 * MINUTE);
    expect(alerts.platform.notify).toHaveBeenCalledTimes(3);
    expect(alerts.platform.notify).toHaveBeenLastCalledWith({
      title: '2 assigned tickets are still unopened',
      body: 'Open Tierdesk to see them: #4102, #4103',
      tag: 'tickets:mine',
    });
  });

  it('follow the chosen interval, and never repeat with 0', () => {
    useAlertPreferences.getState().setRepeatMinutes(2);
    const alerts = mountAlerts([assignedToMe()]);
    advance(2 * MINUTE);
    expect(alerts.platform.notify).toHaveBeenCalledTimes(2);

    act(() => useAlertPreferences.getState().setRepeatMinutes(0));
    advance(60 * MINUTE);
    expect(alerts.platform.notify).toHaveBeenCalledTimes(2);
  });

  it('restart the interval when another assignment arrives', () => {
    const first = assignedToMe();
    const alerts = mountAlerts([first]);
    advance(4 * MINUTE);
    alerts.show([first, assignedToMe()]);
    expect(alerts.platform.notify).toHaveBeenCalledTimes(2);
    advance(4 * MINUTE);
    expect(alerts.platform.notify).toHaveBeenCalledTimes(2);
    advance(MINUTE);
    expect(alerts.platform.notify).toHaveBeenCalledTimes(3);
  });

  it('stop reminding when unmounted', () => {
    const alerts = mountAlerts([assignedToMe()]);
    alerts.unmount();
    advance(60 * MINUTE);
    expect(alerts.platform.notify).toHaveBeenCalledTimes(1);
  });
});

describe('assignment alert sound', () => {
  const quietNight = () => useAlertPreferences.setState({ quietHours: { enabled: true, start: '18:00', end: '08:00' } });

  it('show the notification but play no sound during quiet hours (across midnight), reminders included', () => {
    quietNight();
    const alerts = mountAlerts([assignedToMe()], { now: () => new Date(2025, 0, 15, 23, 30).getTime() });
    expect(alerts.platform.notify).toHaveBeenCalledTimes(1);
    advance(5 * MINUTE);
    expect(alerts.platform.notify).toHaveBeenCalledTimes(2);
    expect(alerts.sound.play).not.toHaveBeenCalled();
  });

  it('play the sound outside quiet hours', () => {
    quietNight();
    const alerts = mountAlerts([assignedToMe()], { now: () => new Date(2025, 0, 15, 8, 0).getTime() });
    expect(alerts.sound.play).toHaveBeenCalledTimes(1);
  });

  it('play no sound when the agent turned it off', () => {
    useAlertPreferences.getState().setSoundOn(false);
    const alerts = mountAlerts([assignedToMe()]);
    advance(5 * MINUTE);
    expect(alerts.platform.notify).toHaveBeenCalledTimes(2);
    expect(alerts.sound.play).not.toHaveBeenCalled();
  });
});
