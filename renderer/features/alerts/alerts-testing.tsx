import { act, render } from '@testing-library/react';
import { StrictMode, type ReactElement } from 'react';
import { NEVER } from 'rxjs';
import { vi } from 'vitest';
import { createFakeDeskSession, makeTicket, TEST_AGENT, type FakeDeskSession } from '../../app/testing/fake-desk-session';
import { createFakePlatform, renderInDesk, resetUiState } from '../../app/testing/render-desk';
import { AppServicesContext, DeskSessionContext } from '../../app/app-context';
import type { DeskAuth } from '../../app/desk-auth';
import { initI18n } from '../../i18n/i18n';
import type { Platform } from '../../platform/platform';
import type { ConnectionStatus, DeskSession, TicketView } from '../../sync/desk-session';
import { useAcknowledgements } from './acknowledgements';
import { resetAlertPreferences } from './alert-preferences';
import { useAssignmentAlerts, type AssignmentAlertOptions } from './use-assignment-alerts';

/** Noon on a weekday, local time: outside the default quiet hours (18:00–08:00). */
export const NOON = new Date(2025, 0, 15, 12, 0).getTime();

/** Fresh UI state, preferences and acknowledgements (memory and storage) for each test. */
export function resetAlertState(): void {
  resetUiState();
  resetAlertPreferences();
  useAcknowledgements.setState({ byAgent: {} });
  localStorage.clear();
}

/** A ticket routing gave TEST_AGENT, assigned at `assignedAt` (default: a minute ago). */
export function assignedToMe(overrides: Partial<TicketView> = {}): TicketView {
  return makeTicket({ assigneeId: TEST_AGENT.id, status: 'new', assignedAt: Date.now() - 60_000, assignedBy: null, ...overrides });
}

function AlertsProbe({ options }: { options: AssignmentAlertOptions }) {
  useAssignmentAlerts(options);
  return null;
}

export type AlertsHarness = {
  fake: FakeDeskSession;
  platform: Platform & { notify: ReturnType<typeof vi.fn>; setBadgeCount: ReturnType<typeof vi.fn> };
  sound: { play: ReturnType<typeof vi.fn> };
  /** Clicks a notification with this tag, as the platform reports it. */
  click(tag: string): void;
  /** The desk shows these as My tickets now. */
  show(tickets: TicketView[]): void;
  /** The last value given to the badge. */
  badge(): unknown;
  unmount(): void;
};

type MountOptions = { attended?: () => boolean; now?: () => number; strict?: boolean; connection?: ConnectionStatus };

/** Mounts the alerts hook with a fake session, platform and sound; not attended unless told. */
export function mountAlerts(
  tickets: TicketView[] = [],
  { attended = () => false, now = () => NOON, strict = false, connection = 'online' }: MountOptions = {},
): AlertsHarness {
  const fake = createFakeDeskSession({ tickets, connection: { status: connection } });
  const clickListeners = new Set<(tag: string) => void>();
  const platform = createFakePlatform({
    onNotificationClick: vi.fn((listener: (tag: string) => void) => {
      clickListeners.add(listener);
      return () => clickListeners.delete(listener);
    }),
  }) as AlertsHarness['platform'];
  const sound = { play: vi.fn() };
  const probe = <AlertsProbe options={{ sound, isAttended: attended, now }} />;
  const { unmount } = strict ? renderStrict(probe, fake.session, platform) : renderInDesk(probe, { session: fake.session, platform });
  return {
    fake,
    platform,
    sound,
    click: (tag) => act(() => clickListeners.forEach((listener) => listener(tag))),
    show: (next) => act(() => fake.tickets.next(next)),
    badge: () => platform.setBadgeCount.mock.lastCall?.[0],
    unmount,
  };
}

/**
 * React runs effects twice only under a StrictMode at the root (a nested one, as inside
 * renderInDesk's providers, does not), so this renders the services and session beneath one.
 */
function renderStrict(ui: ReactElement, session: DeskSession, platform: Platform) {
  initI18n('en');
  const fail = () => Promise.reject(new Error('auth is not part of this test'));
  const auth: DeskAuth = { state$: NEVER, restore: fail, signIn: fail, signOut: fail, completeEnrolment: fail, passwordChanged: () => undefined };
  return render(
    <StrictMode>
      <AppServicesContext.Provider value={{ platform, auth }}>
        <DeskSessionContext.Provider value={session}>{ui}</DeskSessionContext.Provider>
      </AppServicesContext.Provider>
    </StrictMode>,
  );
}
