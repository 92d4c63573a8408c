// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTicket } from '../../app/testing/fake-desk-session';
import { changeLanguage, i18n, initI18n } from '../../i18n/i18n';
import type { TicketView } from '../../sync/desk-session';
import { SlaIndicator } from './sla-indicator';

afterEach(cleanup);

const MIN = 60_000;
const HOUR = 60 * MIN;
const NOW = Date.UTC(2026, 2, 10, 12, 0);

function runningTicket(startedAgo: number, overrides: Partial<TicketView['sla']> = {}, status: TicketView['status'] = 'in_progress'): TicketView {
  const base = makeTicket({ status });
  const since = NOW - startedAgo;
  return { ...base, sla: { ...base.sla, runningSince: since, firstResponseDueAt: since + 4 * HOUR, resolutionDueAt: since + 27 * HOUR, ...overrides } };
}

function renderIndicator(ticket: TicketView, now = NOW) {
  initI18n('en');
  render(
    <I18nextProvider i18n={i18n}>
      <SlaIndicator ticket={ticket} now={now} />
    </I18nextProvider>,
  );
  return screen.getByTestId('sla-indicator');
}

describe('SLA indicator', () => {
  it('shows time left in green while under 80% of the target', () => {
    const indicator = renderIndicator(runningTicket(HOUR + 45 * MIN));
    expect(indicator.textContent).toBe('2 h 15 min left');
    expect(indicator.getAttribute('data-sla')).toBe('ok');
    expect(indicator.className).toContain('sla-indicator--green');
    expect(indicator.getAttribute('title')).toMatch(/^First response due /);
  });

  it('turns amber from 80% and red once overdue', () => {
    const warning = renderIndicator(runningTicket(3 * HOUR + 30 * MIN));
    expect([warning.textContent, warning.getAttribute('data-sla'), warning.className]).toEqual(['30 min left', 'warning', 'sla-indicator sla-indicator--amber']);
    cleanup();
    const overdue = renderIndicator(runningTicket(4 * HOUR + 20 * MIN));
    expect([overdue.textContent, overdue.getAttribute('data-sla'), overdue.className]).toEqual(['overdue 20 min', 'overdue', 'sla-indicator sla-indicator--red']);
  });

  it('says paused with the time left, and SLA met / breached in the end states', () => {
    const waiting = makeTicket({ status: 'waiting_for_customer' });
    const paused = renderIndicator({ ...waiting, sla: { ...waiting.sla, elapsedMs: 50 * MIN } });
    expect([paused.textContent, paused.getAttribute('data-sla'), paused.className]).toEqual(['paused · 3 h 10 min left', 'paused', 'sla-indicator sla-indicator--grey']);
    cleanup();
    expect(renderIndicator(makeTicket({ status: 'fixed', firstResponseAt: NOW })).textContent).toBe('SLA met');
    cleanup();
    const breached = renderIndicator(runningTicket(HOUR, { firstResponseBreachedAt: NOW }));
    expect([breached.textContent, breached.getAttribute('data-sla'), breached.className]).toEqual(['SLA breached', 'breached', 'sla-indicator sla-indicator--red']);
  });

  it('speaks the agent’s language', async () => {
    initI18n('en');
    await changeLanguage('ru');
    render(
      <I18nextProvider i18n={i18n}>
        <SlaIndicator ticket={runningTicket(HOUR + 45 * MIN)} now={NOW} />
      </I18nextProvider>,
    );
    expect(screen.getByTestId('sla-indicator').textContent).toBe('осталось 2 ч 15 мин');
    await changeLanguage('en');
  });
});
