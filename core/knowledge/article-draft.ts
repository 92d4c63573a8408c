import type { Message } from '../domain/message';
import type { Ticket } from '../domain/ticket';

/** The headings of a draft written from a ticket, in the writer's language. */
export type DraftHeadings = { problem: string; solution: string };

/**
 * An article draft from a solved ticket (or an L3 precedent): its subject as the title, the
 * customer's first message as the problem and the desk's last public reply as the solution (the
 * last internal note when nobody replied: an expert's finding is often written there). The writer
 * edits it before anyone reads it: it starts as a draft, internal until they choose otherwise.
 */
export function articleDraftFromTicket(ticket: Pick<Ticket, 'subject'>, messages: readonly Pick<Message, 'kind' | 'body' | 'createdAt'>[], headings: DraftHeadings): { title: string; body: string } {
  const inOrder = [...messages].sort((a, b) => a.createdAt - b.createdAt);
  const problem = inOrder.find((message) => message.kind === 'customer')?.body.trim() ?? '';
  const lastOf = (kind: Message['kind']) => inOrder.filter((message) => message.kind === kind).at(-1)?.body.trim();
  const solution = lastOf('reply') ?? lastOf('note') ?? '';
  return { title: ticket.subject.trim(), body: `## ${headings.problem}\n\n${problem}\n\n## ${headings.solution}\n\n${solution}\n` };
}
