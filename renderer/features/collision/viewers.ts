import type { TicketViewer } from '../../../core';

export type ViewersByTicket = ReadonlyMap<string, readonly TicketViewer[]>;

export const NO_VIEWERS: readonly TicketViewer[] = [];

/**
 * The viewers of each ticket: one entry per agent (an agent with two consoles on one ticket is
 * typing if either is), ordered by name so the display does not jump as events arrive.
 */
export function groupViewersByTicket(viewers: readonly TicketViewer[]): ViewersByTicket {
  const byTicket = new Map<string, Map<string, TicketViewer>>();
  for (const viewer of viewers) {
    const agents = byTicket.get(viewer.ticketId) ?? new Map<string, TicketViewer>();
    const known = agents.get(viewer.agentId);
    agents.set(viewer.agentId, known ? { ...known, typing: known.typing || viewer.typing } : viewer);
    byTicket.set(viewer.ticketId, agents);
  }
  const grouped = new Map<string, readonly TicketViewer[]>();
  for (const [ticketId, agents] of byTicket) {
    grouped.set(
      ticketId,
      [...agents.values()].sort((a, b) => a.name.localeCompare(b.name) || a.agentId.localeCompare(b.agentId)),
    );
  }
  return grouped;
}

/** "Anna Petrova" → "AP", "Boris" → "B"; by code point, so a name starting with an emoji stays whole. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter((word) => word !== '');
  const letters = words.slice(0, 2).map((word) => Array.from(word)[0] ?? '');
  return letters.join('').toLocaleUpperCase() || '?';
}
