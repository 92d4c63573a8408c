import { create } from 'zustand';
import type { Level } from '../../../core';
import { NATURAL_DIRECTION, type AgentSort, type AgentSortKey, type SortDirection } from './agent-sort';
import type { KpiScope } from './kpi-scope';
import type { PeriodKind } from './period';

export type SupervisorTab = 'live' | 'history';

/**
 * What the supervisor chose on the workload screen, kept while the console runs so that opening a
 * ticket and coming back keeps the scope, sort and period. Not persisted: a new day starts clean.
 */
export type SupervisorViewState = {
  tab: SupervisorTab;
  scope: KpiScope;
  sort: AgentSort;
  period: PeriodKind;
  /** The custom period's date inputs ("YYYY-MM-DD"), empty until chosen. */
  customFirstDay: string;
  customLastDay: string;
  showTab(tab: SupervisorTab): void;
  setGroup(groupId: string | null): void;
  setLevel(level: Level | null): void;
  /** A new key starts in its natural direction (the busiest first for load). */
  setSortKey(key: AgentSortKey): void;
  setSortDirection(direction: SortDirection): void;
  choosePeriod(period: PeriodKind): void;
  setCustomDays(firstDay: string, lastDay: string): void;
};

const INITIAL = {
  tab: 'live',
  scope: { groupId: null, level: null },
  sort: { key: 'name', direction: 'ascending' },
  period: 'today',
  customFirstDay: '',
  customLastDay: '',
} satisfies Partial<SupervisorViewState>;

export const useSupervisorView = create<SupervisorViewState>()((set) => ({
  ...INITIAL,
  showTab: (tab) => set({ tab }),
  setGroup: (groupId) => set((state) => ({ scope: { ...state.scope, groupId } })),
  setLevel: (level) => set((state) => ({ scope: { ...state.scope, level } })),
  setSortKey: (key) => set({ sort: { key, direction: NATURAL_DIRECTION[key] } }),
  setSortDirection: (direction) => set((state) => ({ sort: { ...state.sort, direction } })),
  choosePeriod: (period) => set({ period }),
  setCustomDays: (customFirstDay, customLastDay) => set({ customFirstDay, customLastDay }),
}));

/** Tests: back to the defaults. */
export function resetSupervisorView(): void {
  useSupervisorView.setState({ ...INITIAL, scope: { ...INITIAL.scope }, sort: { ...INITIAL.sort } });
}
