// @vitest-environment jsdom
import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TicketViewer } from '../../../core';
import { createFakeDeskSession } from '../../app/testing/fake-desk-session';
import { renderInDesk, resetUiState } from '../../app/testing/render-desk';
import { changeLanguage, initI18n } from '../../i18n/i18n';
import { TicketViewers } from './ticket-viewers';

const TICKET = '00000000-0000-4000-8000-00000000aaaa';
const ELSEWHERE = '00000000-0000-4000-8000-00000000bbbb';
const viewer = (agentId: string, name: string, typing = false, ticketId = TICKET): TicketViewer => ({ ticketId, agentId, name, typing });

const anna = viewer('a', 'Anna');
const boris = viewer('b', 'Boris', true);
const clara = viewer('c', 'Clara', false, ELSEWHERE);

const typingLine = () => screen.queryByTestId('ticket-viewers-typing')?.textContent ?? null;
const viewingLine = () => screen.queryByTestId('ticket-viewers-viewing')?.textContent ?? null;

beforeEach(resetUiState);
afterEach(() => {
  cleanup();
  initI18n('en');
});

describe('ticket viewers', () => {
  it("names who views and who types in this ticket only, live, in a polite live region", () => {
    const fake = createFakeDeskSession();
    renderInDesk(<TicketViewers ticketId={TICKET} />, { session: fake.session });
    const region = screen.getByTestId('ticket-viewers');
    expect(region.getAttribute('aria-live')).toBe('polite');
    expect(region.textContent).toBe('');

    act(() => fake.viewers.next([anna, boris, clara]));
    expect(viewingLine()).toBe('Anna is viewing');
    expect(typingLine()).toBe('Boris is typing…');
    expect(region.textContent).not.toContain('Clara');

    act(() => fake.viewers.next([anna, { ...boris, typing: false }]));
    expect(typingLine()).toBeNull();
    expect(viewingLine()).toBe('Anna and Boris are viewing');

    act(() => fake.viewers.next([clara]));
    expect(region.textContent).toBe('');
  });

  it('combines many names and counts the rest', () => {
    const fake = createFakeDeskSession();
    fake.viewers.next(['Anna', 'Boris', 'Clara', 'Dmitri', 'Eva'].map((name) => viewer(name, name, true)));
    renderInDesk(<TicketViewers ticketId={TICKET} />, { session: fake.session });
    expect(typingLine()).toBe('Anna, Boris, and 3 others are typing…');
    expect(screen.getAllByTestId('viewer-avatar').map((avatar) => avatar.textContent)).toEqual(['A', 'B', 'C', 'D', 'E']);
  });

  it('speaks the agent language', async () => {
    const fake = createFakeDeskSession();
    fake.viewers.next([viewer('a', 'Анна'), viewer('d', 'Дмитрий'), viewer('b', 'Борис', true)]);
    renderInDesk(<TicketViewers ticketId={TICKET} />, { session: fake.session });
    await act(() => changeLanguage('ru'));
    expect(viewingLine()).toBe('Анна и Дмитрий просматривают');
    expect(typingLine()).toBe('Борис печатает…');
  });
});
