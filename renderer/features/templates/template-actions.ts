import { withTags, type Template, type Ticket } from '../../../core';
import type { PendingTemplateActions } from '../../state/ui-store';
import type { Intent } from '../../sync/desk-session';

/**
 * What the reply's templates will do once it is sent, with one more template put in: its status
 * and priority replace an earlier template's, its tags join theirs. Undefined when none acts.
 */
export function withTemplateActions(pending: PendingTemplateActions | undefined, template: Pick<Template, 'name' | 'actions'>): PendingTemplateActions | undefined {
  const { status, priority, addTags } = template.actions;
  if (status === undefined && priority === undefined && !addTags?.length) return pending;
  const nextStatus = status ?? pending?.status;
  const nextPriority = priority ?? pending?.priority;
  const tags = withTags(pending?.addTags ?? [], addTags ?? []);
  return {
    from: pending ? `${pending.from}, ${template.name}` : template.name,
    ...(nextStatus ? { status: nextStatus } : {}),
    ...(nextPriority ? { priority: nextPriority } : {}),
    ...(tags.length ? { addTags: tags } : {}),
  };
}

/**
 * The intents that carry the actions out on the ticket as it now is, recorded after the reply:
 * only what changes anything (the ticket may already be Waiting, or have the tag).
 */
export function intentsOfActions(ticket: Pick<Ticket, 'id' | 'status' | 'priority' | 'tags'>, actions: PendingTemplateActions): Intent[] {
  const intents: Intent[] = [];
  if (actions.status && actions.status !== ticket.status) intents.push({ ticketId: ticket.id, type: 'setStatus', payload: { status: actions.status } });
  if (actions.priority && actions.priority !== ticket.priority) intents.push({ ticketId: ticket.id, type: 'setPriority', payload: { priority: actions.priority } });
  const tags = withTags(ticket.tags, actions.addTags ?? []);
  if (tags.length !== ticket.tags.length) intents.push({ ticketId: ticket.id, type: 'setTags', payload: { tags } });
  return intents;
}
