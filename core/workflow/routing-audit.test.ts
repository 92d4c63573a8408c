import { describe, expect, it } from 'vitest';
import { AUDITED_CANDIDATES_MAX, auditedDecision, chooseAssignee, type RoutingCandidate } from './routing';

describe('the audit record of a decision', () => {
  const member = (index: number, overrides: Partial<RoutingCandidate> = {}): RoutingCandidate => ({
    agentId: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    presence: 'online',
    capacity: 10,
    load: index % 7,
    lastAssignedAt: null,
    ...overrides,
  });

  it('keeps every candidate of a small group', () => {
    const decision = chooseAssignee([member(1), member(2, { presence: 'away' })]);
    expect(auditedDecision(decision)).toEqual({ reason: decision.reason, candidateCount: 2, verdictCounts: { chosen: 1, away: 1 }, considered: decision.considered });
  });

  it('summarises a group of thousands: counts of every verdict, the chosen one, runners-up by load, and a bounded list', () => {
    const candidates = Array.from({ length: 2_000 }, (_, index) => member(index, index % 3 === 0 ? { presence: 'offline' } : {}));
    const decision = chooseAssignee(candidates);
    const record = auditedDecision(decision);
    expect(record.candidateCount).toBe(2_000);
    expect(record.verdictCounts).toEqual({ chosen: 1, eligible: 1_332, offline: 667 });
    expect(record.considered).toHaveLength(AUDITED_CANDIDATES_MAX);
    expect(record.considered[0]).toMatchObject({ agentId: decision.assigneeId, verdict: 'chosen' });
    const runnersUp = record.considered.filter((candidate) => candidate.verdict === 'eligible');
    expect(runnersUp).toHaveLength(AUDITED_CANDIDATES_MAX / 2 - 1);
    expect(runnersUp.every((candidate) => candidate.load <= record.considered[0]!.load + 1)).toBe(true);
    expect(JSON.stringify(record).length).toBeLessThan(5_000);
  });
});
