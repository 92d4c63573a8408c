// @vitest-environment jsdom
import { beforeAll, describe, expect, it } from 'vitest';
import { i18n, initI18n } from '../../i18n/i18n';
import { formatHour, formatNumber, formatShare, formatStat, minutesOneDecimal, toMinutes } from './kpi-format';

beforeAll(() => initI18n('en'));

describe('KPI formatting', () => {
  it('says durations in hours and minutes, and a dash without a figure', () => {
    expect(formatStat(i18n.t, 65 * 60_000)).toBe('1 h 5 min');
    expect(formatStat(i18n.t, 12 * 60_000 + 59_000)).toBe('12 min');
    expect(formatStat(i18n.t, 30_000)).toBe('< 1 min');
    expect(formatStat(i18n.t, null)).toBe('—');
  });

  it('gives minutes with one decimal for exports and charts', () => {
    expect(minutesOneDecimal(90_000)).toBe('1.5');
    expect(minutesOneDecimal(0)).toBe('0.0');
    expect(minutesOneDecimal(null)).toBe('');
    expect(toMinutes(754_000)).toBe(12.6);
    expect(toMinutes(null)).toBeNull();
  });

  it('formats loads and shares in the language, keeping "no share" apart from 0%', () => {
    expect(formatNumber('en', 6.5)).toBe('6.5');
    expect(formatNumber('pl', 6.5)).toBe('6,5');
    expect(formatShare('en', 0.125)).toBe('12.5%');
    expect(formatShare('en', 0)).toBe('0%');
    expect(formatShare('en', null)).toBe('—');
  });

  it('labels hours in the desk time zone, falling back when the zone is unknown', () => {
    expect(formatHour('en-GB', 'UTC', Date.UTC(2025, 2, 12, 14))).toBe('14:00');
    expect(formatHour('en-GB', 'Asia/Tokyo', Date.UTC(2025, 2, 12, 14))).toBe('23:00');
    expect(() => formatHour('en-GB', 'Not/AZone', Date.UTC(2025, 2, 12, 14))).not.toThrow();
  });
});
