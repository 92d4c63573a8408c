import { describe, expect, it } from 'vitest';
import { TicketSchema } from '../domain/ticket';
import { chooseAssignee, type RoutingCandidate, type RoutingDecision } from '../workflow/routing';
import { assignmentStamp } from './context';
import { applyAutoAssign, applyUnassign } from './routing-effects';
import { ANNA, BORIS, NOW, makeTicket, snapshot } from './ticket.fixture';

const ROUTED_AT = NOW + 30_000;

const candidates: RoutingCandidate[] = [
  { agentId: ANNA.id, presence: 'online', capacity: 10, load: 4, lastAssignedAt: null },
  { agentId: BORIS.id, presence: 'online', capacity: 10, load: 1, lastAssignedAt: NOW },
];

/** A decision that chose someone, in the shape applyAutoAssign takes. */
function decisionFor(input: readonly RoutingCandidate[]): RoutingDecision & { assigneeId: string } {
  const decision = chooseAssignee(input);
  const { assigneeId } = decision;
  if (assigneeId === null) throw new Error(`routing chose nobody: ${decision.reason}`);
  return { ...decision, assigneeId };
}

describe('applyAutoAssign', () => {
  it('gives the ticket to the chosen agent, stamped now and by nobody (routing), still New', () => {
    const ticket = makeTicket({ status: 'new', version: 3 });
    const decision = decisionFor(candidates);
    const result = applyAutoAssign(ticket, decision, ROUTED_AT);
    expect(result.ok).toBe(true);
    expect(result.ticket).toEqual({
      ...ticket,
      assigneeId: BORIS.id,
      assignedAt: ROUTED_AT,
      assignedBy: null,
      version: 4,
      updatedAt: ROUTED_AT,
    });
    expect(TicketSchema.safeParse(result.ticket).success).toBe(true);
    expect(result.messages).toEqual([]);
  });

  it('records the whole decision in the audit: who, why, and everyone considered', () => {
    const decision = decisionFor(candidates);
    const result = applyAutoAssign(makeTicket(), decision, ROUTED_AT);
    expect(result.audit).toEqual({
      type: 'ticket.assigned',
      data: { from: null, to: BORIS.id, by: 'routing', reason: decision.reason, candidateCount: 2, verdictCounts: { eligible: 1, chosen: 1 }, considered: decision.considered },
    });
    expect(result.audit.data.reason).toBe('lowest load 1 of capacity 10 among 2 available');
    expect(result.audit.data.considered).toEqual([
      expect.objectContaining({ agentId: ANNA.id, verdict: 'eligible' }),
      expect.objectContaining({ agentId: BORIS.id, verdict: 'chosen' }),
    ]);
  });

  it('records who had it before when routing reassigns', () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: ANNA.id, assignedAt: NOW, assignedBy: ANNA.id });
    const result = applyAutoAssign(ticket, decisionFor(candidates), ROUTED_AT);
    expect(result.ticket).toMatchObject({ assigneeId: BORIS.id, assignedAt: ROUTED_AT, assignedBy: null, status: 'in_progress' });
    expect(result.audit.data).toMatchObject({ from: ANNA.id, to: BORIS.id });
  });

  it('does not mutate the ticket it is given', () => {
    const ticket = makeTicket();
    const before = snapshot(ticket);
    applyAutoAssign(ticket, decisionFor(candidates), ROUTED_AT);
    expect(ticket).toEqual(before);
  });
});

describe('applyUnassign', () => {
  it('returns the ticket to its queue, clearing the assignment stamp', () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: ANNA.id, assignedAt: NOW, assignedBy: null, version: 8 });
    const result = applyUnassign(ticket, 'the agent was deactivated', ROUTED_AT);
    expect(result.ok).toBe(true);
    expect(result.ticket).toEqual({
      ...ticket,
      assigneeId: null,
      assignedAt: null,
      assignedBy: null,
      version: 9,
      updatedAt: ROUTED_AT,
    });
    expect(result.messages).toEqual([]);
    expect(result.audit).toEqual({
      type: 'ticket.assigned',
      data: { from: ANNA.id, to: null, by: 'system', reason: 'the agent was deactivated' },
    });
  });

  it('does not mutate the ticket it is given', () => {
    const ticket = makeTicket({ status: 'hold', assigneeId: ANNA.id, assignedAt: NOW, assignedBy: ANNA.id });
    const before = snapshot(ticket);
    applyUnassign(ticket, 'deactivated', ROUTED_AT);
    expect(ticket).toEqual(before);
  });
});

describe('assignmentStamp', () => {
  it('stamps a new assignee with the time and who gave it (null: routing)', () => {
    expect(assignmentStamp(ANNA.id, BORIS.id, NOW)).toEqual({ assigneeId: ANNA.id, assignedAt: NOW, assignedBy: BORIS.id });
    expect(assignmentStamp(ANNA.id, null, NOW)).toEqual({ assigneeId: ANNA.id, assignedAt: NOW, assignedBy: null });
  });

  it('clears everything when the ticket goes back to the queue, whoever did it', () => {
    expect(assignmentStamp(null, BORIS.id, NOW)).toEqual({ assigneeId: null, assignedAt: null, assignedBy: null });
  });
});
