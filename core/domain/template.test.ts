import { describe, expect, it } from 'vitest';
import { fillPlaceholders, templateValues } from '../workflow/placeholders';
import { canManageTemplate, mayUseTemplate, TemplateCreateSchema, TemplatePatchSchema } from './template';

const ticket = { number: 1042, subject: 'Drukarka nie drukuje', requester: { name: 'Jan Kowalski', email: 'jan@example.pl' } };

describe('answer templates', () => {
  it('fills every placeholder a template may use for the ticket and the agent answering', () => {
    const body = 'Dzień dobry {{customer.name}} ({{customer.email}}),\nzgłoszenie #{{ticket.number}} „{{ticket.subject}}”.\n{{agent.firstName}} / {{ agent.name }}';
    expect(TemplateCreateSchema.safeParse({ name: 'Powitanie', body, scope: 'shared' }).success).toBe(true);
    expect(fillPlaceholders(body, templateValues(ticket, { name: 'Anna Nowak' }))).toBe(
      'Dzień dobry Jan Kowalski (jan@example.pl),\nzgłoszenie #1042 „Drukarka nie drukuje”.\nAnna / Anna Nowak',
    );
  });

  it('greets a requester without a name by their address', () => {
    expect(templateValues({ ...ticket, requester: { name: '  ', email: 'jan@example.pl' } }, { name: 'Anna' })['customer.name']).toBe('jan@example.pl');
  });

  it('refuses an unknown placeholder when saved, naming it and the ones allowed', () => {
    const created = TemplateCreateSchema.safeParse({ name: 'Oops', body: 'Hi {{customer.firstName}}, {{agent.email}}', scope: 'personal' });
    expect(created.success).toBe(false);
    const message = created.error!.issues[0]!.message;
    expect(message).toContain('{{customer.firstName}}, {{agent.email}}');
    expect(message).toContain('{{ticket.number}}');
    expect(TemplatePatchSchema.safeParse({ body: 'Hi {{ticket.id}}' }).success).toBe(false);
  });

  it('takes only the actions a template may carry', () => {
    const base = { name: 'Done', body: 'Fixed.', scope: 'shared' };
    expect(TemplateCreateSchema.safeParse({ ...base, actions: { status: 'fixed', priority: 'low', addTags: ['solved'] } }).success).toBe(true);
    expect(TemplateCreateSchema.safeParse({ ...base, actions: { status: 'canceled' } }).success).toBe(false);
    expect(TemplateCreateSchema.safeParse({ ...base, actions: { assigneeId: 'x' } }).success).toBe(false);
    expect(TemplateCreateSchema.safeParse({ ...base, body: '   ' }).success).toBe(false);
    expect(TemplatePatchSchema.safeParse({ scope: 'personal' }).success).toBe(false);
  });

  it('lets supervisors and admins keep shared templates, and everyone their own', () => {
    const agent = { id: 'a', role: 'agent' as const };
    const supervisor = { id: 's', role: 'supervisor' as const };
    expect(canManageTemplate(agent, { scope: 'shared', ownerId: null })).toBe(false);
    expect(canManageTemplate(supervisor, { scope: 'shared', ownerId: null })).toBe(true);
    expect(canManageTemplate(agent, { scope: 'personal', ownerId: 'a' })).toBe(true);
    expect(canManageTemplate(supervisor, { scope: 'personal', ownerId: 'a' })).toBe(false);
    expect(mayUseTemplate('a', { scope: 'shared', ownerId: null })).toBe(true);
    expect(mayUseTemplate('s', { scope: 'personal', ownerId: 'a' })).toBe(false);
  });
});
