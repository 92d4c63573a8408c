import { describe, expect, it } from 'vitest';
import { ALWAYS_OPEN, type BusinessCalendar } from '../domain/calendar';
import { DEFAULT_SLA_SETTINGS, type SlaSettings } from '../domain/sla';
import type { Ticket } from '../domain/ticket';
import { makeTicket } from '../mutations/ticket.fixture';
import { advanceSlaClock, slaState, slaTimeLeft, startSlaClock } from './sla-clock';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const monday9 = Date.parse('2026-11-23T09:00:00Z');
const officeHours: BusinessCalendar = {
  timeZone: 'UTC',
  weeklyHours: { '0': [], '1': [{ start: '09:00', end: '17:00' }], '2': [{ start: '09:00', end: '17:00' }], '3': [{ start: '09:00', end: '17:00' }], '4': [{ start: '09:00', end: '17:00' }], '5': [{ start: '09:00', end: '17:00' }], '6': [] },
  holidays: [],
};
const settings: SlaSettings = {
  ...DEFAULT_SLA_SETTINGS,
  calendar: officeHours,
  policies: { ...DEFAULT_SLA_SETTINGS.policies, normal: { firstResponseMinutes: 120, resolutionMinutes: 600 }, urgent: { firstResponseMinutes: 30, resolutionMinutes: 240 } },
  organizations: [{ organization: 'Initech', policies: { normal: { firstResponseMinutes: 15, resolutionMinutes: 60 } } }],
};

function registered(at: number, overrides: Partial<Ticket> = {}): Ticket {
  const base = makeTicket({ status: 'new', createdAt: at, updatedAt: at, ...overrides });
  return { ...base, sla: startSlaClock(settings, base, at) };
}
const change = (before: Ticket, changes: Partial<Ticket>, now: number): Ticket => {
  const after = { ...before, ...changes };
  return { ...after, sla: advanceSlaClock(before, after, settings, now) };
};

describe('startSlaClock', () => {
  it('starts both clocks at registration with the priority\'s targets in business hours', () => {
    const ticket = registered(monday9 + 7 * HOUR); // Monday 16:00, one business hour left today
    expect(ticket.sla).toMatchObject({
      firstResponseTargetMs: 120 * MINUTE,
      resolutionTargetMs: 600 * MINUTE,
      elapsedMs: 0,
      runningSince: monday9 + 7 * HOUR,
      firstResponseDueAt: Date.parse('2026-11-24T10:00:00Z'),
      resolutionDueAt: Date.parse('2026-11-25T10:00:00Z'),
    });
    expect(slaState(ticket)).toBe('running');
  });

  it('uses the organisation\'s contract where it sets the priority, the default elsewhere', () => {
    expect(registered(monday9, { requester: { email: 'a@initech.test', name: 'A', organization: 'Initech' } }).sla.firstResponseDueAt).toBe(monday9 + 15 * MINUTE);
    expect(registered(monday9, { priority: 'urgent', requester: { email: 'a@initech.test', name: 'A', organization: 'Initech' } }).sla.firstResponseDueAt).toBe(monday9 + 30 * MINUTE);
  });
});

describe('advanceSlaClock', () => {
  it('banks business time and pauses while waiting, then resumes with the time that was left', () => {
    const ticket = registered(monday9);
    const waiting = change(ticket, { status: 'waiting_for_customer' }, monday9 + 90 * MINUTE);
    expect(waiting.sla).toMatchObject({ elapsedMs: 90 * MINUTE, runningSince: null, firstResponseDueAt: null, resolutionDueAt: null });
    expect(slaState(waiting)).toBe('paused');
    // Resumed Wednesday 09:00: 30 min of first response and 510 min of resolution remain.
    const wednesday9 = monday9 + 2 * 24 * HOUR;
    const back = change(waiting, { status: 'in_progress' }, wednesday9);
    expect(back.sla).toMatchObject({ elapsedMs: 90 * MINUTE, runningSince: wednesday9, firstResponseDueAt: wednesday9 + 30 * MINUTE });
    expect(back.sla.resolutionDueAt).toBe(Date.parse('2026-11-26T09:30:00Z')); // Wednesday's 8 h, then 30 min on Thursday
  });

  it('freezes the first-response due time once the first reply went out', () => {
    const ticket = registered(monday9);
    const due = ticket.sla.firstResponseDueAt;
    const replied = change(ticket, { status: 'in_progress', firstResponseAt: monday9 + HOUR }, monday9 + HOUR);
    const waiting = change(replied, { status: 'waiting_for_customer' }, monday9 + 2 * HOUR);
    expect(waiting.sla.firstResponseDueAt).toBe(due);
    expect(waiting.sla.resolutionDueAt).toBeNull();
    expect(slaTimeLeft(waiting, officeHours, monday9 + 3 * HOUR).firstResponseMs).toBeNull();
  });

  it('takes the new priority\'s targets, counting the time already used', () => {
    const ticket = registered(monday9);
    const urgent = change(ticket, { priority: 'urgent' }, monday9 + 10 * MINUTE);
    expect(urgent.sla).toMatchObject({ firstResponseTargetMs: 30 * MINUTE, elapsedMs: 10 * MINUTE, firstResponseDueAt: monday9 + 30 * MINUTE });
  });

  it('keeps a due time in the past once a target is exceeded, instead of pushing it forward', () => {
    const ticket = registered(monday9);
    const late = change(ticket, { priority: 'urgent' }, monday9 + HOUR);
    expect(late.sla.firstResponseDueAt).toBe(ticket.sla.firstResponseDueAt);
    expect(slaTimeLeft(late, officeHours, monday9 + HOUR).firstResponseMs).toBe(-30 * MINUTE);
  });

  it('stops the clocks at Fixed and resumes the resolution clock on a reopen', () => {
    const ticket = change(registered(monday9), { status: 'in_progress', firstResponseAt: monday9 }, monday9);
    const fixed = change(ticket, { status: 'fixed', fixedAt: monday9 + 2 * HOUR }, monday9 + 2 * HOUR);
    expect(slaState(fixed)).toBe('met');
    expect(slaTimeLeft(fixed, officeHours, monday9 + 3 * HOUR)).toEqual({ firstResponseMs: null, resolutionMs: null });
    const reopened = change(fixed, { status: 'in_progress', fixedAt: null }, monday9 + 24 * HOUR);
    expect(reopened.sla.elapsedMs).toBe(2 * HOUR);
    expect(reopened.sla.resolutionDueAt).toBe(monday9 + 24 * HOUR + 8 * HOUR);
  });
});

describe('slaState and slaTimeLeft', () => {
  it('reports a recorded breach above every other state, and stopped for canceled tickets', () => {
    const ticket = registered(monday9);
    expect(slaState({ ...ticket, sla: { ...ticket.sla, resolutionBreachedAt: monday9 } })).toBe('breached');
    expect(slaState({ ...ticket, status: 'closed', sla: { ...ticket.sla, firstResponseBreachedAt: monday9 } })).toBe('breached');
    expect(slaState({ ...ticket, status: 'canceled', sla: { ...ticket.sla, runningSince: null } })).toBe('stopped');
  });

  it('counts the time left in business time while running', () => {
    const ticket = registered(monday9 + 7 * HOUR); // Monday 16:00
    // Tuesday 09:30: one business hour Monday + 30 min Tuesday used.
    expect(slaTimeLeft(ticket, officeHours, Date.parse('2026-11-24T09:30:00Z'))).toEqual({ firstResponseMs: 30 * MINUTE, resolutionMs: 510 * MINUTE });
    expect(slaTimeLeft(ticket, ALWAYS_OPEN, ticket.createdAt)).toEqual({ firstResponseMs: 120 * MINUTE, resolutionMs: 600 * MINUTE });
  });
});
