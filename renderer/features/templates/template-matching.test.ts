import { describe, expect, it } from 'vitest';
import type { Template } from '../../../core';
import { withTemplateActions, intentsOfActions } from './template-actions';
import { insertTemplateText, matchingTemplates, slashQueryAt } from './template-matching';

const template = (name: string, actions: Template['actions'] = {}): Template => ({
  id: name,
  name,
  body: `${name} text`,
  scope: 'shared',
  ownerId: null,
  actions,
  version: 1,
  createdAt: 1,
  createdBy: 'x',
  updatedAt: 1,
  updatedBy: 'x',
  deleted: false,
});

describe('finding a template by what was typed', () => {
  const all = [template('Zwrot środków'), template('Password reset'), template('Сброс пароля'), template('Reset of the VPN token')];

  it('ranks names that begin with it, then a word that does, then names containing it; case, ё and diacritics aside', () => {
    expect(matchingTemplates(all, 'reset').map((found) => found.name)).toEqual(['Reset of the VPN token', 'Password reset']);
    expect(matchingTemplates(all, 'SROD').map((found) => found.name)).toEqual(['Zwrot środków']);
    expect(matchingTemplates(all, 'паро').map((found) => found.name)).toEqual(['Сброс пароля']);
    expect(matchingTemplates(all, 'word').map((found) => found.name)).toEqual(['Password reset']);
    expect(matchingTemplates(all, '')).toHaveLength(4);
    expect(matchingTemplates(all, 'nothing')).toEqual([]);
  });

  it('sees a /name only at the start or after a space, up to the caret', () => {
    expect(slashQueryAt('/zwr', 4)).toEqual({ start: 0, query: 'zwr' });
    expect(slashQueryAt('Hello\n/pass re', 14)).toEqual({ start: 6, query: 'pass re' });
    expect(slashQueryAt('see http://x', 12)).toBeNull();
    expect(slashQueryAt('and/or', 6)).toBeNull();
    expect(slashQueryAt('/a\nb', 4)).toBeNull();
  });

  it('puts the text in place of the /name, with the caret after it', () => {
    expect(insertTemplateText('Hi,\n/zw', 'Refund done.', { start: 4, end: 7 })).toEqual({ text: 'Hi,\nRefund done.', caret: 16 });
    expect(insertTemplateText('Thanks', 'Bye', { start: 6, end: 6 })).toEqual({ text: 'Thanks Bye', caret: 10 });
  });
});

describe('template actions waiting for the reply', () => {
  it('lets a later template’s status win and joins the tags', () => {
    const first = withTemplateActions(undefined, template('Ask', { status: 'waiting_for_customer', addTags: ['asked'] }));
    const both = withTemplateActions(first, template('Done', { status: 'fixed', priority: 'low', addTags: ['Asked', 'done'] }));
    expect(both).toEqual({ from: 'Ask, Done', status: 'fixed', priority: 'low', addTags: ['asked', 'done'] });
    expect(withTemplateActions(undefined, template('Plain'))).toBeUndefined();
  });

  it('becomes only the intents that change the ticket', () => {
    const ticket = { id: 't', status: 'fixed' as const, priority: 'normal' as const, tags: ['asked'] };
    expect(intentsOfActions(ticket, { from: 'x', status: 'fixed', priority: 'low', addTags: ['ASKED', 'done'] })).toEqual([
      { ticketId: 't', type: 'setPriority', payload: { priority: 'low' } },
      { ticketId: 't', type: 'setTags', payload: { tags: ['asked', 'done'] } },
    ]);
    expect(intentsOfActions(ticket, { from: 'x', status: 'fixed', addTags: ['asked'] })).toEqual([]);
  });
});
