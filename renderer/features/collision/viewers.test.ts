import { describe, expect, it } from 'vitest';
import { groupViewersByTicket, initialsOf } from './viewers';

describe('viewers by ticket', () => {
  it('groups by ticket, one entry per agent (typing if any console types), ordered by name', () => {
    const grouped = groupViewersByTicket([
      { ticketId: 't1', agentId: 'b', name: 'Boris', typing: false },
      { ticketId: 't1', agentId: 'a', name: 'Anna', typing: false },
      { ticketId: 't2', agentId: 'c', name: 'Clara', typing: true },
      { ticketId: 't1', agentId: 'b', name: 'Boris', typing: true },
    ]);
    expect(grouped.get('t1')).toEqual([
      { ticketId: 't1', agentId: 'a', name: 'Anna', typing: false },
      { ticketId: 't1', agentId: 'b', name: 'Boris', typing: true },
    ]);
    expect(grouped.get('t2')?.map((viewer) => viewer.name)).toEqual(['Clara']);
    expect(grouped.get('t3')).toBeUndefined();
  });

  it('makes initials from the first two words', () => {
    expect(initialsOf('Anna Petrova')).toBe('AP');
    expect(initialsOf('boris')).toBe('B');
    expect(initialsOf('  Jan Maria Rokita ')).toBe('JM');
    expect(initialsOf('Юлия Смирнова')).toBe('ЮС');
    expect(initialsOf('')).toBe('?');
  });
});
