import { describe, expect, it } from 'vitest';
import { ALWAYS_OPEN } from '../domain/calendar';
import { CREATED_AT, makeTicket } from '../mutations/ticket.fixture';
import { AUTO_CLOSE_AFTER_MS, MAX_HOLD_MS, plannedTimers } from './lifecycle-timers';

const HOUR = 3_600_000;

describe('plannedTimers', () => {
  it('plans the 80% warnings and the breaches of both clocks for a running ticket', () => {
    // Fixture: 4 h first response and 27 h resolution, running since CREATED_AT, nothing used yet.
    expect(plannedTimers(makeTicket(), ALWAYS_OPEN)).toEqual([
      { kind: 'sla_warning_first_response', dueAt: CREATED_AT + 0.8 * 4 * HOUR },
      { kind: 'sla_breach_first_response', dueAt: CREATED_AT + 4 * HOUR },
      { kind: 'sla_warning_resolution', dueAt: CREATED_AT + 0.8 * 27 * HOUR },
      { kind: 'sla_breach_resolution', dueAt: CREATED_AT + 27 * HOUR },
    ]);
  });

  it('counts time already used towards the warning, and skips what was already warned or breached', () => {
    const base = makeTicket();
    const ticket = makeTicket({ sla: { ...base.sla, elapsedMs: 3 * HOUR, firstResponseWarnedAt: CREATED_AT, resolutionBreachedAt: CREATED_AT } });
    const kinds = plannedTimers(ticket, ALWAYS_OPEN);
    expect(kinds).toEqual([
      { kind: 'sla_breach_first_response', dueAt: base.sla.firstResponseDueAt },
      { kind: 'sla_warning_resolution', dueAt: CREATED_AT + 0.8 * 27 * HOUR - 3 * HOUR },
    ]);
  });

  it('plans no first-response timers after the first reply, and none at all while paused', () => {
    expect(plannedTimers(makeTicket({ firstResponseAt: CREATED_AT }), ALWAYS_OPEN).map((timer) => timer.kind)).toEqual(['sla_warning_resolution', 'sla_breach_resolution']);
    const base = makeTicket();
    expect(plannedTimers(makeTicket({ status: 'waiting_for_customer', sla: { ...base.sla, runningSince: null, firstResponseDueAt: null, resolutionDueAt: null } }), ALWAYS_OPEN)).toEqual([]);
  });

  it('plans the end of a Hold and the auto-close of a Fixed ticket', () => {
    const base = makeTicket();
    const paused = { ...base.sla, runningSince: null, firstResponseDueAt: null, resolutionDueAt: null };
    expect(plannedTimers(makeTicket({ status: 'hold', holdUntil: CREATED_AT + MAX_HOLD_MS, sla: paused }), ALWAYS_OPEN)).toEqual([{ kind: 'hold_end', dueAt: CREATED_AT + MAX_HOLD_MS }]);
    expect(plannedTimers(makeTicket({ status: 'fixed', fixedAt: CREATED_AT, sla: paused }), ALWAYS_OPEN)).toEqual([{ kind: 'auto_close', dueAt: CREATED_AT + AUTO_CLOSE_AFTER_MS }]);
    expect(AUTO_CLOSE_AFTER_MS).toBe(48 * HOUR);
    expect(MAX_HOLD_MS).toBe(30 * 24 * HOUR);
  });
});
