import { z } from 'zod';
import { TagSchema, TICKET_TAGS_MAX, type Ticket } from '../domain/ticket';
import { reject } from '../workflow/rejection';
import { accepted, refused, type ApplyContext, type ApplyResult } from './context';
import { checkMayWork, checkNotFinal } from './permissions';

/** The ticket's whole tag list after the change (a template adds to it, an agent edits it). */
export const SetTagsPayloadSchema = z.object({ tags: z.array(TagSchema).max(TICKET_TAGS_MAX, `at most ${TICKET_TAGS_MAX} tags`) }).strict();

/** Tags compare without case: `Billing` and `billing` are one tag, kept as first written. */
function distinctTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  return tags.filter((tag) => {
    const key = tag.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function applySetTags(ticket: Ticket, payload: z.infer<typeof SetTagsPayloadSchema>, ctx: ApplyContext): ApplyResult {
  const refusal = checkNotFinal(ticket) ?? checkMayWork(ticket, ctx);
  if (refusal) return refused(refusal);
  const tags = distinctTags(payload.tags);
  const had = new Set(ticket.tags.map((tag) => tag.toLowerCase()));
  const has = new Set(tags.map((tag) => tag.toLowerCase()));
  const added = tags.filter((tag) => !had.has(tag.toLowerCase()));
  const removed = ticket.tags.filter((tag) => !has.has(tag.toLowerCase()));
  if (added.length === 0 && removed.length === 0) return refused(reject('invalid_mutation', 'the ticket already has these tags'));
  return accepted(ticket, { tags }, ctx, { type: 'ticket.tags_changed', data: { added, removed } });
}

/** The tag list with `more` added (for a template's tags): what a setTags intent carries. */
export const withTags = (tags: readonly string[], more: readonly string[]): string[] => distinctTags([...tags, ...more]);
