import { describe, expect, it } from 'vitest';
import { isWithinQuietHours, parseClock, quietHoursProblem } from './quiet-hours';

const at = (hours: number, minutes = 0) => new Date(2025, 2, 10, hours, minutes).getTime();

describe('quiet hours', () => {
  it('read strict 24-hour HH:MM times only', () => {
    expect(parseClock('00:00')).toBe(0);
    expect(parseClock('08:05')).toBe(485);
    expect(parseClock('23:59')).toBe(1439);
    for (const text of ['24:00', '8:00', '08:60', '08:00:00', '', ' 08:00', 'ab:cd']) expect(parseClock(text), text).toBeNull();
  });

  it('refuse ranges with an unreadable time or equal ends', () => {
    expect(quietHoursProblem('18:00', '08:00')).toBeNull();
    expect(quietHoursProblem('', '08:00')).toBe('invalid_time');
    expect(quietHoursProblem('18:00', '25:00')).toBe('invalid_time');
    expect(quietHoursProblem('12:00', '12:00')).toBe('empty_range');
  });

  it('span midnight when the start is after the end, start included and end excluded', () => {
    const night = { enabled: true, start: '18:00', end: '08:00' };
    expect(isWithinQuietHours(night, at(17, 59))).toBe(false);
    expect(isWithinQuietHours(night, at(18, 0))).toBe(true);
    expect(isWithinQuietHours(night, at(23, 59))).toBe(true);
    expect(isWithinQuietHours(night, at(0, 0))).toBe(true);
    expect(isWithinQuietHours(night, at(7, 59))).toBe(true);
    expect(isWithinQuietHours(night, at(8, 0))).toBe(false);
    expect(isWithinQuietHours(night, at(12, 0))).toBe(false);
  });

  it('cover a range within one day', () => {
    const lunch = { enabled: true, start: '12:00', end: '13:30' };
    expect(isWithinQuietHours(lunch, at(11, 59))).toBe(false);
    expect(isWithinQuietHours(lunch, at(12, 0))).toBe(true);
    expect(isWithinQuietHours(lunch, at(13, 29))).toBe(true);
    expect(isWithinQuietHours(lunch, at(13, 30))).toBe(false);
    expect(isWithinQuietHours(lunch, at(23, 0))).toBe(false);
  });

  it('are never quiet when disabled or unreadable', () => {
    expect(isWithinQuietHours({ enabled: false, start: '18:00', end: '08:00' }, at(23))).toBe(false);
    expect(isWithinQuietHours({ enabled: true, start: 'late', end: '08:00' }, at(23))).toBe(false);
    expect(isWithinQuietHours({ enabled: true, start: '08:00', end: '08:00' }, at(8))).toBe(false);
  });
});
