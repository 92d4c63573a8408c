// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import {
  ALERT_PREFERENCES_STORAGE_KEY,
  DEFAULT_ALERT_PREFERENCES,
  currentAlertPreferences,
  readStoredPreferences,
  resetAlertPreferences,
  useAlertPreferences,
} from './alert-preferences';

beforeEach(() => {
  resetAlertPreferences();
  localStorage.clear();
});

describe('alert preferences', () => {
  it('default to sound on, quiet hours off (18:00–08:00) and a reminder every 5 minutes', () => {
    expect(currentAlertPreferences()).toEqual({ soundOn: true, quietHours: { enabled: false, start: '18:00', end: '08:00' }, repeatMinutes: 5 });
  });

  it('store valid changes and persist them under their own key', () => {
    const store = useAlertPreferences.getState();
    store.setSoundOn(false);
    store.setQuietHoursEnabled(true);
    expect(store.setQuietHoursRange('22:00', '06:30')).toBe(true);
    store.setRepeatMinutes(15);
    const expected = { soundOn: false, quietHours: { enabled: true, start: '22:00', end: '06:30' }, repeatMinutes: 15 };
    expect(currentAlertPreferences()).toEqual(expected);
    expect(JSON.parse(localStorage.getItem(ALERT_PREFERENCES_STORAGE_KEY) ?? 'null')).toMatchObject({ state: expected });
  });

  it('refuse an unusable quiet-hours range or repeat interval and keep what was set', () => {
    const store = useAlertPreferences.getState();
    expect(store.setQuietHoursRange('9:00', '17:00')).toBe(false);
    expect(store.setQuietHoursRange('10:00', '10:00')).toBe(false);
    store.setRepeatMinutes(7);
    store.setRepeatMinutes(-5);
    expect(currentAlertPreferences()).toEqual(DEFAULT_ALERT_PREFERENCES);
  });

  it('read stored values field by field, replacing what is broken with the default', () => {
    expect(readStoredPreferences({ soundOn: false, quietHours: { enabled: true, start: '25:00', end: '08:00' }, repeatMinutes: 3 })).toEqual({
      ...DEFAULT_ALERT_PREFERENCES,
      soundOn: false,
    });
    expect(readStoredPreferences({ soundOn: 'yes', quietHours: { enabled: true, start: '13:00', end: '14:00' }, repeatMinutes: 30 })).toEqual({
      soundOn: true,
      quietHours: { enabled: true, start: '13:00', end: '14:00' },
      repeatMinutes: 30,
    });
    expect(readStoredPreferences(null)).toEqual(DEFAULT_ALERT_PREFERENCES);
  });

  it('come back after a restart', async () => {
    useAlertPreferences.getState().setRepeatMinutes(30);
    const stored = localStorage.getItem(ALERT_PREFERENCES_STORAGE_KEY) ?? '';
    resetAlertPreferences();
    localStorage.setItem(ALERT_PREFERENCES_STORAGE_KEY, stored);
    await useAlertPreferences.persist.rehydrate();
    expect(useAlertPreferences.getState().repeatMinutes).toBe(30);
  });
});
