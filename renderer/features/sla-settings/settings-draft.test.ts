import { describe, expect, it } from 'vitest';
import { ALWAYS_OPEN, DEFAULT_SLA_SETTINGS, type SlaSettings } from '../../../core';
import { fromDraft, isTimeZone, toDraft, weekdayName } from './settings-draft';

describe('the SLA settings form draft', () => {
  it('round-trips settings, midnight ends included (shown as 00:00, sent as 24:00)', () => {
    const settings: SlaSettings = {
      ...DEFAULT_SLA_SETTINGS,
      calendar: { ...ALWAYS_OPEN, weeklyHours: { ...ALWAYS_OPEN.weeklyHours, '5': [{ start: '22:00', end: '06:00' }] }, holidays: ['2026-12-25', '2026-01-01'] },
      organizations: [{ organization: 'Acme', policies: { urgent: { firstResponseMinutes: 15, resolutionMinutes: 60 } } }],
    };
    const draft = toDraft(settings);
    expect(draft.weeklyHours['0']).toEqual([{ start: '00:00', end: '00:00' }]);
    expect(draft.organizations[0]?.policies.high).toEqual({ firstResponseMinutes: '', resolutionMinutes: '' });
    expect(fromDraft(draft)).toEqual({ ...settings, calendar: { ...settings.calendar, holidays: ['2026-01-01', '2026-12-25'] } });
  });

  it('sends an emptied required field as 0, for the server to explain', () => {
    const draft = toDraft(DEFAULT_SLA_SETTINGS);
    draft.policies.low.firstResponseMinutes = '';
    expect(fromDraft(draft).policies.low.firstResponseMinutes).toBe(0);
  });

  it('knows time zones as Intl does, and names weekdays in the agent’s language', () => {
    expect(isTimeZone('Europe/Warsaw')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone(' ')).toBe(false);
    expect(weekdayName('en', '1')).toBe('Monday');
    expect(weekdayName('pl', '0')).toBe('niedziela');
  });
});
