import { useMemo, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeskSession } from '../../app/app-context';
import { useObservable } from '../../state/use-observable';
import { useUiStore } from '../../state/ui-store';
import { HistoryView } from './history-view';
import { LivePanel } from './live-panel';
import { ScopeFilters } from './scope-filters';
import { useSupervisorView, type SupervisorTab } from './supervisor-view-store';

const TABS: readonly SupervisorTab[] = ['live', 'history'];

/**
 * The supervisors' workload screen: the scope (group and line) on top, then Live (the session's
 * live KPIs and the local queue, so it keeps showing what it can offline) or History (a period's
 * KPIs from the server, online only).
 */
export function SupervisorScreen() {
  const { t } = useTranslation();
  const session = useDeskSession();
  const showScreen = useUiStore((state) => state.showScreen);
  const tab = useSupervisorView((state) => state.tab);
  const showTab = useSupervisorView((state) => state.showTab);
  // One live subscription for the whole screen: the filters offer the groups it covers on both tabs.
  const kpi$ = useMemo(() => session.kpi$(), [session]);
  const snapshot = useObservable(kpi$, null);
  const tabRefs = useRef<Partial<Record<SupervisorTab, HTMLButtonElement | null>>>({});

  // The WAI-ARIA tabs pattern: arrows move between tabs (and select them), Home/End jump.
  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    const index = TABS.indexOf(tab);
    const next =
      event.key === 'ArrowRight' ? TABS[(index + 1) % TABS.length]
      : event.key === 'ArrowLeft' ? TABS[(index + TABS.length - 1) % TABS.length]
      : event.key === 'Home' ? TABS[0]
      : event.key === 'End' ? TABS[TABS.length - 1]
      : undefined;
    if (!next) return;
    event.preventDefault();
    showTab(next);
    tabRefs.current[next]?.focus();
  };

  return (
    <main className="sla-settings supervisor" aria-labelledby="supervisor-heading">
      <div className="sla-settings__top">
        <button type="button" className="button" onClick={() => showScreen('desk')}>
          <span aria-hidden="true">← </span>
          {t('supervisor.back')}
        </button>
        <h2 id="supervisor-heading">{t('supervisor.heading')}</h2>
      </div>
      <div className="supervisor__bar">
        <div role="tablist" aria-label={t('supervisor.tabs.label')} className="supervisor__tabs">
          {TABS.map((name) => (
            <button
              key={name}
              ref={(element) => {
                tabRefs.current[name] = element;
              }}
              type="button"
              role="tab"
              id={`supervisor-tab-${name}`}
              aria-controls={`supervisor-panel-${name}`}
              aria-selected={tab === name}
              tabIndex={tab === name ? 0 : -1}
              className="supervisor__tab"
              onClick={() => showTab(name)}
              onKeyDown={onTabKey}
            >
              {t(`supervisor.tabs.${name}`)}
            </button>
          ))}
        </div>
        <ScopeFilters teams={snapshot?.teams ?? null} />
      </div>
      <div role="tabpanel" id={`supervisor-panel-${tab}`} aria-labelledby={`supervisor-tab-${tab}`} className="supervisor__panel">
        {tab === 'live' ? <LivePanel snapshot={snapshot} /> : <HistoryView />}
      </div>
    </main>
  );
}
