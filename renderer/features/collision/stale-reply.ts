import type { Message } from '../../../core';

/** agent: another agent replied publicly; customer: the customer wrote; both: both happened. */
export type StaleReplyReason = 'agent' | 'customer' | 'both';

export type StaleReply = {
  reason: StaleReplyReason;
  /** What arrived meanwhile and matters to the customer-facing answer, in conversation order. */
  messages: readonly Message[];
};

/**
 * Was a reply composed against an older conversation? Compares the conversation as it is now with
 * the message ids it held when the agent began the draft: a public reply by another agent or a new
 * customer message means the draft may answer something already answered (or miss what the
 * customer just added). Notes, automatic replies, system lines and the agent's own messages (from
 * this or another console) never make a draft stale.
 *
 * Ids rather than "after the latest message": the conversation is ordered by creation time, so a
 * message written offline and synced late can land before the one that was latest.
 */
export function findStaleReply(seenMessageIds: readonly string[], conversation: readonly Message[], myAgentId: string): StaleReply | null {
  const seen = new Set(seenMessageIds);
  const missed = conversation.filter(
    (message) =>
      !seen.has(message.id) &&
      ((message.kind === 'reply' && message.authorId !== myAgentId) || message.kind === 'customer'),
  );
  if (missed.length === 0) return null;
  const byAgent = missed.some((message) => message.kind === 'reply');
  const byCustomer = missed.some((message) => message.kind === 'customer');
  return { reason: byAgent && byCustomer ? 'both' : byAgent ? 'agent' : 'customer', messages: missed };
}
