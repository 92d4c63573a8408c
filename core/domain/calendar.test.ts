import { describe, expect, it } from 'vitest';
import { ALWAYS_OPEN, BusinessCalendarSchema, BusinessIntervalSchema, DEFAULT_CALENDAR, epochDayOf, intervalMinutes, type BusinessCalendar } from './calendar';

const office = [{ start: '09:00', end: '18:00' }];
const valid: BusinessCalendar = {
  timeZone: 'Europe/Warsaw',
  weeklyHours: { '0': [], '1': office, '2': office, '3': office, '4': office, '5': office, '6': [] },
  holidays: ['2026-12-24', '2026-12-25'],
};
const withDay = (hours: unknown): unknown => ({ ...valid, weeklyHours: { ...valid.weeklyHours, '1': hours } });
const messages = (candidate: unknown): string[] => BusinessCalendarSchema.safeParse(candidate).error?.issues.map((issue) => issue.message) ?? [];

describe('BusinessCalendarSchema', () => {
  it('accepts ALWAYS_OPEN, DEFAULT_CALENDAR and a zoned office calendar with holidays', () => {
    expect(BusinessCalendarSchema.safeParse(ALWAYS_OPEN).success).toBe(true);
    expect(BusinessCalendarSchema.safeParse(DEFAULT_CALENDAR).success).toBe(true);
    expect(BusinessCalendarSchema.safeParse(valid).success).toBe(true);
  });

  it.each([
    ['split shifts', [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:00' }]],
    ['intervals that touch', [{ start: '08:00', end: '12:00' }, { start: '12:00', end: '17:00' }]],
    ['an overnight interval', [{ start: '22:00', end: '06:00' }]],
    ['an interval ending at midnight written as 00:00', [{ start: '22:00', end: '00:00' }]],
    ['an interval ending at 24:00', [{ start: '18:00', end: '24:00' }]],
    ['the whole day', [{ start: '00:00', end: '24:00' }]],
    ['an evening slot before an overnight one', [{ start: '08:00', end: '12:00' }, { start: '20:00', end: '07:00' }]],
  ])('accepts %s', (_label, hours) => {
    expect(BusinessCalendarSchema.safeParse(withDay(hours)).success).toBe(true);
  });

  it.each([
    ['an unknown zone', { ...valid, timeZone: 'Europe/Atlantis' }, 'unknown time zone'],
    ['an empty zone', { ...valid, timeZone: '' }, undefined],
    ['25:00', withDay([{ start: '09:00', end: '25:00' }]), 'a time of day is HH:MM between 00:00 and 24:00'],
    ['minutes past 59', withDay([{ start: '09:60', end: '18:00' }]), undefined],
    ['a time without a leading zero', withDay([{ start: '9:00', end: '18:00' }]), undefined],
    ['24:00 as a start', withDay([{ start: '24:00', end: '06:00' }]), 'an interval cannot start at 24:00'],
    ['start === end', withDay([{ start: '09:00', end: '09:00' }]), 'empty interval: start and end are the same time'],
    ['00:00–00:00', withDay([{ start: '00:00', end: '00:00' }]), 'empty interval: start and end are the same time'],
    ['overlapping intervals in one day', withDay([{ start: '09:00', end: '12:00' }, { start: '11:00', end: '13:00' }]), 'intervals of one day overlap'],
    ['overlaps listed out of order', withDay([{ start: '11:00', end: '13:00' }, { start: '09:00', end: '12:00' }]), 'intervals of one day overlap'],
    ['an overnight interval overlapping a later one', withDay([{ start: '22:00', end: '06:00' }, { start: '23:00', end: '23:30' }]), 'intervals of one day overlap'],
    ['five intervals in one day', withDay(['01', '03', '05', '07', '09'].map((hour) => ({ start: `${hour}:00`, end: `${hour}:30` }))), undefined],
    ['an unknown field in an interval', withDay([{ start: '09:00', end: '18:00', label: 'x' }]), undefined],
    ['an impossible holiday date', { ...valid, holidays: ['2026-02-30'] }, 'no such date'],
    ['month 13', { ...valid, holidays: ['2026-13-01'] }, 'no such date'],
    ['a holiday that is not YYYY-MM-DD', { ...valid, holidays: ['24.12.2026'] }, 'a holiday is a YYYY-MM-DD date'],
    ['over 366 holidays', { ...valid, holidays: Array.from({ length: 367 }, () => '2026-12-24') }, undefined],
    ['an unknown weekday key', { ...valid, weeklyHours: { ...valid.weeklyHours, '7': office } }, undefined],
    ['a weekday named, not numbered', { ...valid, weeklyHours: { ...valid.weeklyHours, mon: office } }, undefined],
    ['a missing weekday', { ...valid, weeklyHours: { '0': [], '1': office, '2': office, '3': office, '4': office, '5': office } }, undefined],
    ['a calendar that is never open', { ...valid, weeklyHours: { '0': [], '1': [], '2': [], '3': [], '4': [], '5': [], '6': [] } }, 'the calendar has no open hours'],
  ])('rejects %s', (_label, candidate, message) => {
    expect(BusinessCalendarSchema.safeParse(candidate).success).toBe(false);
    if (message) expect(messages(candidate)).toContain(message);
  });

  it('accepts 29 February only in leap years', () => {
    expect(BusinessCalendarSchema.safeParse({ ...valid, holidays: ['2028-02-29'] }).success).toBe(true);
    expect(BusinessCalendarSchema.safeParse({ ...valid, holidays: ['2026-02-29'] }).success).toBe(false);
  });
});

describe('calendar helpers', () => {
  it('gives overnight intervals their full length in minutes of the starting day', () => {
    expect(intervalMinutes({ start: '22:00', end: '06:00' })).toEqual({ start: 1320, end: 1800 });
    expect(intervalMinutes({ start: '00:00', end: '24:00' })).toEqual({ start: 0, end: 1440 });
    expect(intervalMinutes({ start: '22:00', end: '00:00' })).toEqual({ start: 1320, end: 1440 });
  });

  it('refuses to measure an unvalidated time', () => {
    expect(() => intervalMinutes({ start: '9am', end: '18:00' })).toThrow(RangeError);
  });

  it('numbers dates as days since 1970-01-01, years below 100 included', () => {
    expect(epochDayOf('1970-01-01')).toBe(0);
    expect(epochDayOf('2026-03-29')).toBe(Date.parse('2026-03-29T00:00:00Z') / 86_400_000);
    expect(epochDayOf('0026-01-01')).toBe(Date.parse('0026-01-01T00:00:00Z') / 86_400_000);
    expect(epochDayOf('2026-02-30')).toBeNull();
  });

  it('keeps the interval schema usable on its own', () => {
    expect(BusinessIntervalSchema.safeParse({ start: '00:00', end: '24:00' }).success).toBe(true);
    expect(BusinessIntervalSchema.safeParse({ start: '10:00', end: '10:00' }).success).toBe(false);
  });
});
