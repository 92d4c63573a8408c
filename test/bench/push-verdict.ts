import type { FleetLedger } from './push-clients';

/** A ticket assigned to an agent whose console neither got the push nor found it on reconnect. */
export type LostPush = { ticketId: string; assigneeId: string; assigneeDropped: string | null; seenInStream: boolean };

/** One phase compared with the server's truth (who holds each ticket, read after the phase). */
export type PhaseVerdict = {
  tickets: number;
  assigned: number;
  /** Still unassigned when the phase was judged (nobody was available or at capacity). */
  waiting: number;
  /** Tickets whose assignee's console got `ticket:assigned` live. */
  live: number;
  /** assignedAt → the assignee's console received the push, in ms, one per live delivery. */
  latencies: number[];
  /** Tickets whose assignee missed the push but found the assignment in its pull after reconnecting. */
  recovered: number;
  lost: LostPush[];
  /** Pushes received by a console of another agent than the assignee. */
  wrongRecipient: number;
  /** Pushes received more than once by the assignee. */
  duplicate: number;
  /** Pushes for tickets the server says are unassigned (should be impossible). */
  pushedButUnassigned: number;
};

/**
 * Every assigned ticket is live, recovered or lost, by what the assignee's console recorded;
 * pushes to anyone else and repeated pushes are counted apart. `dropped`: agents whose connection
 * dropped during the phase, and how (to say whether a loss had an excuse).
 */
export function judgePhase(
  ticketIds: readonly string[],
  assignees: ReadonlyMap<string, string | null>,
  ledger: FleetLedger,
  dropped: ReadonlyMap<string, string>,
): PhaseVerdict {
  const verdict: PhaseVerdict = {
    tickets: ticketIds.length,
    assigned: 0,
    waiting: 0,
    live: 0,
    latencies: [],
    recovered: 0,
    lost: [],
    wrongRecipient: 0,
    duplicate: 0,
    pushedButUnassigned: 0,
  };
  for (const ticketId of ticketIds) {
    const assigneeId = assignees.get(ticketId) ?? null;
    const receipts = ledger.pushes.get(ticketId) ?? [];
    if (assigneeId === null) {
      verdict.waiting++;
      verdict.pushedButUnassigned += receipts.length;
      continue;
    }
    verdict.assigned++;
    const toAssignee = receipts.filter((receipt) => receipt.agentId === assigneeId);
    verdict.wrongRecipient += receipts.length - toAssignee.length;
    verdict.duplicate += Math.max(0, toAssignee.length - 1);
    const first = toAssignee[0];
    if (first) {
      verdict.live++;
      verdict.latencies.push(first.receivedAt - first.assignedAt);
    } else if (ledger.recovered.get(ticketId)?.includes(assigneeId)) {
      verdict.recovered++;
    } else {
      verdict.lost.push({ ticketId, assigneeId, assigneeDropped: dropped.get(assigneeId) ?? null, seenInStream: ledger.streamed.get(ticketId)?.has(assigneeId) ?? false });
    }
  }
  return verdict;
}

/** True when every assigned ticket of the phase has reached its assignee, live or by pull. */
export function allAccountedFor(ticketIds: readonly string[], assignees: ReadonlyMap<string, string | null>, ledger: FleetLedger): boolean {
  return ticketIds.every((ticketId) => {
    const assigneeId = assignees.get(ticketId) ?? null;
    if (assigneeId === null) return true;
    return (ledger.pushes.get(ticketId) ?? []).some((receipt) => receipt.agentId === assigneeId) || (ledger.recovered.get(ticketId)?.includes(assigneeId) ?? false);
  });
}
