import { describe, expect, it } from 'vitest';
import type { SlaClock, Ticket } from '../../../core';
import { readSla, sortByTimeLeft, slaTone } from './sla-reading';

const MIN = 60_000;
const HOUR = 60 * MIN;
const NOW = Date.UTC(2026, 2, 10, 12, 0);

const idleClock: SlaClock = {
  firstResponseTargetMs: 4 * HOUR,
  resolutionTargetMs: 27 * HOUR,
  elapsedMs: 0,
  runningSince: null,
  firstResponseDueAt: null,
  resolutionDueAt: null,
  firstResponseWarnedAt: null,
  resolutionWarnedAt: null,
  firstResponseBreachedAt: null,
  resolutionBreachedAt: null,
};

type SlaTicket = Pick<Ticket, 'status' | 'firstResponseAt' | 'sla'>;

/** A ticket whose clocks started `startedAgo` before NOW (wall time = business time here) and run. */
function running(startedAgo: number, sla: Partial<SlaClock> = {}, ticket: Partial<SlaTicket> = {}): SlaTicket {
  const since = NOW - startedAgo;
  return {
    status: 'in_progress',
    firstResponseAt: null,
    ...ticket,
    sla: { ...idleClock, runningSince: since, firstResponseDueAt: since + 4 * HOUR, resolutionDueAt: since + 27 * HOUR, ...sla },
  };
}

describe('reading the SLA of a ticket', () => {
  it('shows the nearer clock while running: first response until answered, then resolution', () => {
    expect(readSla(running(30 * MIN), NOW), 'fresh').toEqual({
      state: 'ok',
      phase: 'running',
      clock: 'first_response',
      leftMs: 3.5 * HOUR,
      dueAt: NOW + 3.5 * HOUR,
    });
    const answered = readSla(running(30 * MIN, {}, { firstResponseAt: NOW - 10 * MIN }), NOW);
    expect(answered).toMatchObject({ state: 'ok', clock: 'resolution', leftMs: 26.5 * HOUR });
  });

  it('turns amber at 80% of the target used, not before', () => {
    // 4 h target: 80% is 3 h 12 min.
    expect(readSla(running(3 * HOUR + 11 * MIN), NOW).state).toBe('ok');
    expect(readSla(running(3 * HOUR + 12 * MIN), NOW).state).toBe('warning');
    expect(readSla(running(3 * HOUR + 59 * MIN), NOW).state).toBe('warning');
  });

  it("turns amber when the server recorded the warning, even if the local estimate is still green", () => {
    expect(readSla(running(HOUR, { firstResponseWarnedAt: NOW - MIN }), NOW).state).toBe('warning');
    // A warning about the first response no longer matters once the customer was answered.
    expect(readSla(running(HOUR, { firstResponseWarnedAt: NOW - MIN }, { firstResponseAt: NOW }), NOW).state).toBe('ok');
  });

  it('is overdue past the due time, before the server has recorded the breach', () => {
    const reading = readSla(running(4 * HOUR + 20 * MIN), NOW);
    expect(reading).toMatchObject({ state: 'overdue', leftMs: -20 * MIN });
    expect(slaTone(reading.state)).toBe('red');
  });

  it('lets a breach recorded by the server win over the local clock and the status', () => {
    const clockSaysOk = running(10 * MIN, { firstResponseBreachedAt: NOW - 5 * MIN });
    expect(readSla(clockSaysOk, NOW).state).toBe('breached');
    expect(readSla({ ...clockSaysOk, status: 'waiting_for_customer' }, NOW).state).toBe('breached');
    expect(readSla({ ...clockSaysOk, status: 'fixed' }, NOW).state).toBe('breached');
    expect(readSla(running(10 * MIN, { resolutionBreachedAt: NOW }), NOW).state).toBe('breached');
  });

  it('shows a paused clock with the target less the business time already counted', () => {
    const paused: SlaTicket = { status: 'waiting_for_customer', firstResponseAt: null, sla: { ...idleClock, elapsedMs: 50 * MIN } };
    expect(readSla(paused, NOW)).toEqual({ state: 'paused', phase: 'paused', clock: 'first_response', leftMs: 3 * HOUR + 10 * MIN, dueAt: null });
    expect(slaTone('paused')).toBe('grey');
    // A status change recorded here but not yet synced: the server's clock still runs, the ticket is already on hold.
    expect(readSla(running(HOUR, { elapsedMs: 0 }, { status: 'hold' }), NOW)).toMatchObject({ state: 'paused', leftMs: 4 * HOUR });
  });

  it('reads Fixed and Closed as met, Canceled as stopped', () => {
    for (const status of ['fixed', 'closed'] as const) {
      expect(readSla({ status, firstResponseAt: NOW, sla: idleClock }, NOW)).toEqual({ state: 'met', phase: 'finished', clock: null, leftMs: null, dueAt: null });
    }
    expect(readSla({ status: 'canceled', firstResponseAt: null, sla: idleClock }, NOW).state).toBe('stopped');
    expect(slaTone('met')).toBe('grey');
  });
});

describe('sorting by time left', () => {
  it('puts running clocks first (most overdue on top), then paused ones, then finished tickets', () => {
    const tickets = [
      { id: 'met', status: 'fixed', firstResponseAt: NOW, sla: idleClock },
      { id: 'paused-1h', status: 'hold', firstResponseAt: null, sla: { ...idleClock, elapsedMs: 3 * HOUR } },
      { id: 'ok-3h', ...running(HOUR) },
      { id: 'overdue-20', ...running(4 * HOUR + 20 * MIN) },
      { id: 'breached-5', ...running(4 * HOUR + 5 * MIN, { firstResponseBreachedAt: NOW - 5 * MIN }) },
      { id: 'warning-30', ...running(3.5 * HOUR) },
      { id: 'paused-4h', status: 'waiting_for_customer', firstResponseAt: null, sla: idleClock },
    ] as const satisfies readonly (SlaTicket & { id: string })[];

    const order = sortByTimeLeft(tickets, NOW).map((ticket) => ticket.id);
    expect(order).toEqual(['overdue-20', 'breached-5', 'warning-30', 'ok-3h', 'paused-1h', 'paused-4h', 'met']);
  });

  it('keeps the given (priority) order among equals', () => {
    const a = { id: 'a', status: 'closed', firstResponseAt: NOW, sla: idleClock } as const;
    const b = { id: 'b', status: 'canceled', firstResponseAt: null, sla: idleClock } as const;
    expect(sortByTimeLeft([a, b], NOW).map((ticket) => ticket.id)).toEqual(['a', 'b']);
    expect(sortByTimeLeft([b, a], NOW).map((ticket) => ticket.id)).toEqual(['b', 'a']);
  });
});
