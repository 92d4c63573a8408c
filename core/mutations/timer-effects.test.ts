import { describe, expect, it } from 'vitest';
import { applyTimer } from './timer-effects';
import { IDS, NOW, makeTicket, snapshot } from './ticket.fixture';

describe('applyTimer', () => {
  it('records a first-response warning once, with a notice for the assignee and supervisors', () => {
    const ticket = makeTicket({ status: 'in_progress' });
    const before = snapshot(ticket);
    const effect = applyTimer(ticket, 'sla_warning_first_response', NOW, IDS.mutation);
    expect(effect?.notice).toEqual({ kind: 'sla_warning', clock: 'first_response' });
    expect(effect?.applied.ticket.sla.firstResponseWarnedAt).toBe(NOW);
    expect(effect?.applied.ticket.version).toBe(ticket.version + 1);
    expect(effect?.applied.audit.type).toBe('sla.warning');
    expect(ticket).toEqual(before);
    expect(applyTimer(effect!.applied.ticket, 'sla_warning_first_response', NOW, IDS.mutation)).toBeNull();
  });

  it('records breaches on the ticket without a push', () => {
    const effect = applyTimer(makeTicket(), 'sla_breach_resolution', NOW, IDS.mutation);
    expect(effect?.applied.ticket.sla.resolutionBreachedAt).toBe(NOW);
    expect(effect?.notice).toBeNull();
    expect(effect?.applied.audit).toMatchObject({ type: 'sla.breached', data: { clock: 'resolution' } });
  });

  it('spends first-response timers without effect once the first reply went out, or while paused', () => {
    expect(applyTimer(makeTicket({ firstResponseAt: NOW - 1 }), 'sla_breach_first_response', NOW, IDS.mutation)).toBeNull();
    const base = makeTicket();
    expect(applyTimer(makeTicket({ sla: { ...base.sla, runningSince: null } }), 'sla_warning_resolution', NOW, IDS.mutation)).toBeNull();
  });

  it('ends a Hold: In Progress, hold date cleared, a system note, and a notice', () => {
    const effect = applyTimer(makeTicket({ status: 'hold', holdUntil: NOW }), 'hold_end', NOW, IDS.mutation);
    expect(effect?.applied.ticket).toMatchObject({ status: 'in_progress', holdUntil: null });
    expect(effect?.applied.messages).toEqual([expect.objectContaining({ id: IDS.mutation, kind: 'system', authorId: null })]);
    expect(effect?.notice).toEqual({ kind: 'hold_ended' });
    expect(applyTimer(makeTicket({ status: 'in_progress' }), 'hold_end', NOW, IDS.mutation)).toBeNull();
  });

  it('closes a Fixed ticket and nothing else', () => {
    const closed = applyTimer(makeTicket({ status: 'fixed', fixedAt: NOW - 1 }), 'auto_close', NOW, IDS.mutation)?.applied;
    expect(closed?.ticket).toMatchObject({ status: 'closed', closedAt: NOW });
    // The customer's notice: an automatic answer, mailed like the acknowledgement.
    expect(closed?.messages).toEqual([expect.objectContaining({ id: IDS.mutation, kind: 'auto_reply', body: expect.stringMatching(/is now closed.*48 hours/) })]);
    expect(applyTimer(makeTicket({ status: 'in_progress' }), 'auto_close', NOW, IDS.mutation)).toBeNull();
  });
});
