// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KpiHistory } from '../../../core';
import { createFakeDeskSession, TEST_AGENT } from '../../app/testing/fake-desk-session';
import { createFakeDeskApi, renderInDesk, resetUiState } from '../../app/testing/render-desk';
import { useUiStore } from '../../state/ui-store';
import type { SessionAgent } from '../../sync/desk-session';
import { DeskScreen } from '../desk/desk-screen';
import { resetSupervisorView } from './supervisor-view-store';
import { GROUPS, makeAgentKpi, makeSnapshot } from './supervisor-testing';

const SUPERVISOR: SessionAgent = { ...TEST_AGENT, id: '00000000-0000-4000-8000-0000000000b1', name: 'Sam Supervisor', role: 'supervisor', level: 3 };

beforeEach(() => {
  resetUiState();
  resetSupervisorView();
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function openWorkload() {
  const fake = createFakeDeskSession({ agent: SUPERVISOR });
  const api = createFakeDeskApi({ loadGroups: async () => GROUPS, loadKpiHistory: vi.fn(() => new Promise<KpiHistory>(() => undefined)) });
  renderInDesk(<DeskScreen />, { session: fake.session, api });
  act(() => useUiStore.getState().showScreen('workload'));
  return fake;
}

describe('workload screen', () => {
  it('opens from the desk with the live figures and goes back', () => {
    const fake = openWorkload();
    expect(screen.getByRole('heading', { name: 'Workload', level: 2 })).toBeTruthy();
    act(() => fake.kpi.next(makeSnapshot([makeAgentKpi({ agentId: '00000000-0000-4000-8000-0000000000e1', name: 'Lee' })], [])));
    expect(screen.getByRole('listitem', { name: 'Lee' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Back to desk' }));
    expect(useUiStore.getState().screen).toBe('desk');
  });

  it('switches tabs with the arrow keys, keeping one tab in the tab order', () => {
    openWorkload();
    const live = screen.getByRole('tab', { name: 'Live' });
    expect(live.getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('tabpanel', { name: 'Live' })).toBeTruthy();

    fireEvent.keyDown(live, { key: 'ArrowRight' });
    const history = screen.getByRole('tab', { name: 'History' });
    expect(history.getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(history);
    expect(history.tabIndex).toBe(0);
    expect(live.tabIndex).toBe(-1);
    expect(screen.getByRole('tabpanel', { name: 'History' })).toBeTruthy();
    expect(screen.getByText('Loading figures…')).toBeTruthy();
  });
});
