import { ANY_TICKET } from '../../sync/local-search';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { BehaviorSubject, NEVER } from 'rxjs';
import { vi } from 'vitest';
import type { DirectoryAgent } from '../../api/directory';
import type { AgentDirectory } from '../../features/directory/agent-directory';
import { useEscalationDrafts } from '../../features/routing/escalation-drafts';
import { i18n, initI18n } from '../../i18n/i18n';
import type { Platform } from '../../platform/platform';
import type { DeskSession } from '../../sync/desk-session';
import { AgentDirectoryContext, AppServicesContext, DeskApiContext, DeskSessionContext } from '../app-context';
import type { DeskAuth } from '../desk-auth';
import { useQueueSort } from '../../state/queue-sort';
import { useUiStore } from '../../state/ui-store';
import type { DeskApi } from '../../api/desk-api';

/** A platform that remembers nothing and shows nothing; spies let tests assert calls. */
export function createFakePlatform(overrides: Partial<Platform> = {}): Platform {
  return {
    kind: 'browser',
    serverUrl: vi.fn(async () => 'http://desk.test'),
    loadLanguage: vi.fn(async () => null),
    saveLanguage: vi.fn(async () => undefined),
    loadSession: vi.fn(async () => null),
    saveSession: vi.fn(async () => undefined),
    clearSession: vi.fn(async () => undefined),
    notify: vi.fn(async () => undefined),
    onNotificationClick: vi.fn(() => () => undefined),
    idleSeconds: vi.fn(async () => null),
    setBadgeCount: vi.fn(async () => undefined),
    ...overrides,
  };
}

type DeskContext = { session: DeskSession; platform?: Platform; auth?: DeskAuth; directory?: AgentDirectory; api?: DeskApi };

/**
 * Renders a desk component in English with the services, session and agent directory it reads
 * from context. Without a directory, nobody's name is known (as before the first fetch).
 */
export function renderInDesk(
  ui: ReactElement,
  { session, platform = createFakePlatform(), auth, directory = fixedAgentDirectory(), api = unusedApi() }: DeskContext,
): RenderResult {
  initI18n('en');
  const services = { platform, auth: auth ?? unusedAuth() };
  return render(
    <I18nextProvider i18n={i18n}>
      <AppServicesContext.Provider value={services}>
        <DeskSessionContext.Provider value={session}>
          <AgentDirectoryContext.Provider value={directory}>
            <DeskApiContext.Provider value={api}>{ui}</DeskApiContext.Provider>
          </AgentDirectoryContext.Provider>
        </DeskSessionContext.Provider>
      </AppServicesContext.Provider>
    </I18nextProvider>,
  );
}

/** A directory that knows exactly these agents and never fetches. */
export function fixedAgentDirectory(agents: readonly DirectoryAgent[] = []): AgentDirectory {
  return { agents$: new BehaviorSubject(agents).asObservable(), close: () => undefined };
}

function unusedAuth(): DeskAuth {
  const fail = () => Promise.reject(new Error('auth is not part of this test'));
  return { state$: NEVER, restore: fail, signIn: fail, signOut: fail, completeEnrolment: fail, passwordChanged: () => undefined };
}

/** A DeskApi whose every request fails as "not part of this test", except the ones given. */
export function createFakeDeskApi(overrides: Partial<DeskApi> = {}): DeskApi {
  return { ...unusedApi(), ...overrides };
}

function unusedApi(): DeskApi {
  const fail = () => Promise.reject(new Error('the server API is not part of this test'));
  return {
    loadSlaSettings: fail,
    saveSlaSettings: fail,
    loadAgents: fail,
    addAgent: fail,
    changeAgent: fail,
    loadGroups: fail,
    addGroup: fail,
    saveGroupMembers: fail,
    loadKpiHistory: fail,
    openAttachment: fail,
    forwardTicket: fail,
    createArticle: fail,
    updateArticle: fail,
    loadArticle: fail,
    loadDrafts: fail,
    loadPrecedents: fail,
    loadSelfService: fail,
    saveSelfService: fail,
    createTemplate: fail,
    searchServerTickets: fail,
    loadServerTicket: fail,
    updateTemplate: fail,
    deleteTemplate: fail,
    loadSignature: fail,
    saveSignature: fail,
    loadHeldMail: fail,
    loadSpamRules: fail,
    saveSpamRules: fail,
    releaseHeldMail: fail,
    deleteHeldMail: fail,
    loadMailboxes: fail,
    loadMailSetup: fail,
    sendTestMail: fail,
    changeMailSettings: fail,
    putSupportAddress: fail,
    removeSupportAddress: fail,
    addMailbox: fail,
    changeMailbox: fail,
    removeMailbox: fail,
    changePassword: fail,
    loadSessions: fail,
    endOtherSessions: fail,
    loadTwoFactor: fail,
    setUpTwoFactor: fail,
    enableTwoFactor: fail,
    disableTwoFactor: fail,
    regenerateRecoveryCodes: fail,
    resetAgentPassword: fail,
    resetAgentTwoFactor: fail,
    loadSecurityLog: fail,
  };
}

/** Fresh UI state and storage for each test: drafts and selection must not leak between tests. */
export function resetUiState(): void {
  localStorage.clear();
  useUiStore.setState({ view: 'mine', statusFilter: 'open', selectedTicketId: null, screen: 'desk', drafts: {}, searchText: '', searchFilter: ANY_TICKET, selectedArticleId: null, articleDraft: null, templateDraft: null });
  useQueueSort.setState({ sort: 'priority' });
  useEscalationDrafts.setState({ reasons: {} });
}
