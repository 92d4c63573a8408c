import type { Ticket } from '../../../core';
import { nextCounterValue } from '../../store/counters';
import type { Executor } from '../../store/database';
import { outsidersOf, scopedViewers } from '../../store/routing-repository';
import { insertSightLosses } from '../../store/sight-repository';
import { listMessages, restampMessage } from '../../store/tickets-repository';
import type { CommittedChange } from '../../sync/change-feed';

const NONE: Pick<CommittedChange, 'messages' | 'losses'> = { messages: [], losses: [] };

/**
 * When a ticket moves (another group, or an assignee outside the group), some agents lose sight of
 * it and some gain it. Losers get a loss record at a new feed position, which their pull and
 * stream turn into a removal marker. Gainers need the ticket's older messages, whose feed
 * positions they are already past: the messages are re-stamped at new positions so that every
 * console that may now see them pulls them (consoles that had them simply receive them again).
 */
export async function recordSightChanges(trx: Executor, before: Ticket, after: Ticket): Promise<Pick<CommittedChange, 'messages' | 'losses'>> {
  if (before.groupId === after.groupId && before.assigneeId === after.assigneeId) return NONE;
  const { lost, gained } = before.groupId === after.groupId ? await assigneeChangeWithinGroup(trx, before, after) : await viewersCompared(trx, before, after);

  const losses: CommittedChange['losses'] = [];
  if (lost.length > 0) {
    const firstSeq = await nextCounterValue(trx, 'seq', lost.length);
    lost.forEach((agentId, index) => losses.push({ agentId, ticket: after, seq: firstSeq + index }));
    await insertSightLosses(trx, losses.map((loss) => ({ seq: loss.seq, agentId: loss.agentId, ticketId: after.id })));
  }

  const messages: CommittedChange['messages'] = [];
  if (gained) {
    const existing = await listMessages(trx, after.id);
    if (existing.length > 0) {
      const firstSeq = await nextCounterValue(trx, 'seq', existing.length);
      for (const [index, message] of existing.entries()) {
        await restampMessage(trx, message.id, firstSeq + index);
        messages.push({ doc: message, seq: firstSeq + index, ticket: after });
      }
    }
  }
  return { messages, losses };
}

type SightDifference = { lost: string[]; gained: boolean };

/** The ticket moved to another group (or to or from none): compare everyone who could see it with everyone who can. */
async function viewersCompared(trx: Executor, before: Ticket, after: Ticket): Promise<SightDifference> {
  const [seenBefore, seenAfter] = await Promise.all([
    scopedViewers(trx, before.groupId, before.assigneeId),
    scopedViewers(trx, after.groupId, after.assigneeId),
  ]);
  return {
    lost: [...seenBefore].filter((agentId) => !seenAfter.has(agentId)).sort(),
    gained: [...seenAfter].some((agentId) => !seenBefore.has(agentId)),
  };
}

/**
 * Same group, another assignee (the common case: routing, take, hand-over). The group's members
 * see it before and after, so only the two assignees can differ: the previous one loses sight
 * unless they are a member, the new one gains it unless they are. Two small reads instead of the
 * whole membership twice (thousands of rows in a large group, for every assignment).
 */
async function assigneeChangeWithinGroup(trx: Executor, before: Ticket, after: Ticket): Promise<SightDifference> {
  const assignees = [before.assigneeId, after.assigneeId].filter((agentId): agentId is string => agentId !== null);
  const outsiders = await outsidersOf(trx, before.groupId, assignees);
  const previous = before.assigneeId;
  const next = after.assigneeId;
  return {
    lost: previous !== null && outsiders.has(previous) ? [previous] : [],
    gained: next !== null && outsiders.has(next),
  };
}
