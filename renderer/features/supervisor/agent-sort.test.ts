import { describe, expect, it } from 'vitest';
import { loadShare, sortAgents } from './agent-sort';
import { makeAgentKpi } from './supervisor-testing';

const ann = makeAgentKpi({ agentId: '1', name: 'Ann', load: 6, capacity: 10, presence: 'away', firstResponseToday: { count: 2, medianMs: 300_000, meanMs: 300_000 } });
const bob = makeAgentKpi({ agentId: '2', name: 'bob', load: 4, capacity: 4, presence: 'offline', openByStatus: { new: 1, in_progress: 4, waiting_for_customer: 0, hold: 0, fixed: 2 } });
const cid = makeAgentKpi({ agentId: '3', name: 'Cid', load: 1, capacity: 10, presence: 'online', firstResponseToday: { count: 1, medianMs: 900_000, meanMs: 900_000 } });
const all = [cid, bob, ann];
const names = (agents: { name: string }[]) => agents.map((agent) => agent.name);

describe('sorting agents', () => {
  it('by name, ignoring case', () => {
    expect(names(sortAgents(all, { key: 'name', direction: 'ascending' }))).toEqual(['Ann', 'bob', 'Cid']);
    expect(names(sortAgents(all, { key: 'name', direction: 'descending' }))).toEqual(['Cid', 'bob', 'Ann']);
  });

  it('by load against capacity, not raw load', () => {
    expect(names(sortAgents(all, { key: 'load', direction: 'descending' }))).toEqual(['bob', 'Ann', 'Cid']);
  });

  it('by first response median, agents without one last in both directions', () => {
    expect(names(sortAgents(all, { key: 'firstResponse', direction: 'descending' }))).toEqual(['Cid', 'Ann', 'bob']);
    expect(names(sortAgents(all, { key: 'firstResponse', direction: 'ascending' }))).toEqual(['Ann', 'Cid', 'bob']);
  });

  it('by open tickets and by presence (online, away, offline)', () => {
    expect(names(sortAgents(all, { key: 'open', direction: 'descending' }))[0]).toBe('bob');
    expect(names(sortAgents(all, { key: 'presence', direction: 'ascending' }))).toEqual(['Cid', 'Ann', 'bob']);
  });

  it('does not reorder the array it was given', () => {
    sortAgents(all, { key: 'name', direction: 'ascending' });
    expect(names(all)).toEqual(['Cid', 'bob', 'Ann']);
  });

  it('counts work without capacity as over capacity', () => {
    expect(loadShare({ load: 2, capacity: 0 })).toBe(Number.POSITIVE_INFINITY);
    expect(loadShare({ load: 0, capacity: 0 })).toBe(0);
    expect(loadShare({ load: 5, capacity: 10 })).toBe(0.5);
  });
});
