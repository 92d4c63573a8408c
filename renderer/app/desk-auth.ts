import { BehaviorSubject, type Observable, type Subscription } from 'rxjs';
import type { PresenceReport } from '../../core';
import { forgetAttachments } from '../api/attachments';
import type { login, logout } from '../api/auth';
import type { LoginAnswer } from '../../core/auth/account';
import { createDeskApi, type DeskApi, type OpenDeskApi } from '../api/desk-api';
import type { AgentDirectory, OpenAgentDirectory } from '../features/directory/agent-directory';
import type { Platform, StoredSession } from '../platform/platform';
import type { ConnectionStatus, DeskSession, SessionAgent } from '../sync/desk-session';

type PresenceState = PresenceReport['state'];

/** Opens the agent's desk; `presence` is what its first socket handshake announces (online when absent). */
export type OpenDeskSession = (options: { serverUrl: string; token: string; agent: SessionAgent; presence?: PresenceState }) => Promise<DeskSession>;

/** Why the agent is looking at the sign-in screen when they did not sign out themselves. */
/**
 * `session_expired`: the server ended the session (expired, idle, revoked elsewhere); `pending` is
 * how many of the agent's changes are still unsent. They stay in the local database and go out
 * after the agent signs in again on this console.
 */
export type SignedOutNotice = { kind: 'session_expired'; pending: number } | { kind: 'open_failed'; message: string };

/**
 * An admin who must set up a second factor first (TIERDESK_REQUIRE_2FA): their session may only
 * enrol. Nothing is stored and no desk opens until `completeEnrolment`.
 */
export type PendingEnrolment = { serverUrl: string; token: string; agent: SessionAgent };

export type AuthState =
  | { phase: 'restoring' }
  | { phase: 'signed_out'; notice: SignedOutNotice | null }
  | { phase: 'enrolling'; enrolment: PendingEnrolment }
  | {
      phase: 'signed_in';
      session: DeskSession;
      directory: AgentDirectory;
      api: DeskApi;
      /** The password used to sign in fails today's policy: the desk asks for a new one (until changed, at every sign-in). */
      passwordChangeRequired: boolean;
    };

/** `totp` or `recoveryCode` only on the second step, after the server asked for a second factor. */
export type SignInInput = { email: string; password: string; totp?: string; recoveryCode?: string; serverUrl?: string };

/** The server address typed in the Electron sign-in form is not an http(s) URL, or main refused it. */
export class InvalidServerUrlError extends Error {
  override readonly name = 'InvalidServerUrlError';
}

/**
 * The signed-in lifecycle, outside React so that a session is opened exactly once (StrictMode
 * double effects would otherwise open the local database twice) and can be tested without a DOM.
 */
export interface DeskAuth {
  readonly state$: Observable<AuthState>;
  /** Reopens the remembered session (works offline: the token and agent are stored locally). */
  restore(): Promise<void>;
  /** Rejects with AuthError, InvalidServerUrlError, or the error of opening the desk; state stays signed out. */
  signIn(input: SignInInput): Promise<void>;
  /** Revokes the token when the server is reachable, forgets the session, closes the desk. */
  signOut(): Promise<void>;
  /** The enrolment-only session has its second factor now (and is a full session): open the desk. */
  completeEnrolment(): Promise<void>;
  /** The password was changed: the desk stops asking for it. */
  passwordChanged(): void;
}

type ActiveSession = {
  session: DeskSession;
  directory: AgentDirectory;
  serverUrl: string;
  token: string;
  lastStatus: ConnectionStatus;
  connectionWatch: Subscription | null;
};

export type DeskAuthDependencies = {
  platform: Platform;
  openSession: OpenDeskSession;
  /** Opened with each session (it needs the token, which only this module holds) and closed with it. */
  openDirectory: OpenAgentDirectory;
  api: { login: typeof login; logout: typeof logout };
  /** The signed-in screens' direct server requests, bound to the session's token (default: the real HTTP API). */
  openApi?: OpenDeskApi;
  /** Lets the UI forget what was selected without this module knowing the UI store. */
  onSignedOut?: () => void;
  /**
   * The presence a desk opens with, per agent (their remembered "away" on this console), so the
   * very first handshake already says away and routing hands them nothing meanwhile. Online when
   * absent. Given as a function so that this module stays free of the UI's stores.
   */
  initialPresence?: (agentId: string) => PresenceState;
};

export function createDeskAuth({
  platform,
  openSession,
  openDirectory,
  api,
  openApi = createDeskApi,
  onSignedOut,
  initialPresence,
}: DeskAuthDependencies): DeskAuth {
  const state = new BehaviorSubject<AuthState>({ phase: 'restoring' });
  let active: ActiveSession | null = null;
  let enrolment: (PendingEnrolment & { passwordChangeRequired: boolean }) | null = null;
  // A new session must not open the local database while the previous one is still closing it.
  let closing: Promise<void> = Promise.resolve();

  async function start(serverUrl: string, stored: StoredSession, passwordChangeRequired = false): Promise<void> {
    await closing;
    const presence = initialPresence?.(stored.agent.id);
    const session = await openSession({ serverUrl, token: stored.token, agent: stored.agent, ...(presence ? { presence } : {}) });
    const directory = openDirectory({ serverUrl, token: stored.token, agent: stored.agent, connection$: session.connection$ });
    const entry: ActiveSession = { session, directory, serverUrl, token: stored.token, lastStatus: 'offline', connectionWatch: null };
    active = entry;
    state.next({ phase: 'signed_in', session, directory, api: openApi({ serverUrl, token: stored.token }), passwordChangeRequired });
    entry.connectionWatch = session.connection$.subscribe((connection) => {
      entry.lastStatus = connection.status;
      if (connection.refusal === 'unauthorized') void end(entry, { kind: 'session_expired', pending: connection.pending });
    });
  }

  async function end(entry: ActiveSession, notice: SignedOutNotice | null): Promise<void> {
    if (active !== entry) return;
    active = null;
    entry.connectionWatch?.unsubscribe();
    entry.directory.close();
    onSignedOut?.();
    state.next({ phase: 'signed_out', notice });
    closing = (async () => {
      // A refused token needs no revoking; an offline logout would only wait for a timeout.
      if (notice === null && entry.lastStatus !== 'offline') {
        await api.logout(entry.serverUrl, entry.token).catch(() => undefined);
      }
      await platform.clearSession().catch((error: unknown) => console.error('could not forget the session', error));
      await entry.session.close().catch((error: unknown) => console.error('could not close the desk', error));
    })();
    await closing;
  }

  return {
    state$: state.asObservable(),

    async restore() {
      const stored = await platform.loadSession().catch(() => null);
      if (!stored) {
        state.next({ phase: 'signed_out', notice: null });
        return;
      }
      try {
        await start(await platform.serverUrl(), stored);
      } catch (error) {
        // The stored session is kept: the agent's unsynced work is in that local database.
        state.next({ phase: 'signed_out', notice: { kind: 'open_failed', message: errorMessage(error) } });
      }
    },

    async signIn({ email, password, totp, recoveryCode, serverUrl }) {
      if (serverUrl !== undefined && platform.setServerUrl) {
        const address = serverUrl.trim();
        if (!/^https?:\/\/[^\s/]+/i.test(address)) throw new InvalidServerUrlError(address);
        await platform.setServerUrl(address).catch((error: unknown) => {
          throw new InvalidServerUrlError(address, { cause: error });
        });
      }
      const url = await platform.serverUrl();
      const answer: LoginAnswer = await api.login(url, { email, password, ...(totp ? { totp } : {}), ...(recoveryCode ? { recoveryCode } : {}) });
      const stored: StoredSession = { token: answer.token, agent: answer.agent };
      if (answer.secondFactorSetupRequired) {
        enrolment = { serverUrl: url, token: answer.token, agent: answer.agent, passwordChangeRequired: answer.passwordChangeRequired };
        state.next({ phase: 'enrolling', enrolment: { serverUrl: url, token: answer.token, agent: answer.agent } });
        return;
      }
      await platform.saveSession(stored);
      await start(url, stored, answer.passwordChangeRequired);
    },

    async completeEnrolment() {
      const pending = enrolment;
      if (!pending) return;
      enrolment = null;
      const stored: StoredSession = { token: pending.token, agent: pending.agent };
      await platform.saveSession(stored);
      await start(pending.serverUrl, stored, pending.passwordChangeRequired);
    },

    passwordChanged() {
      const current = state.getValue();
      if (current.phase === 'signed_in' && current.passwordChangeRequired) state.next({ ...current, passwordChangeRequired: false });
    },

    async signOut() {
      if (enrolment) {
        const pending = enrolment;
        enrolment = null;
        state.next({ phase: 'signed_out', notice: null });
        await api.logout(pending.serverUrl, pending.token).catch(() => undefined);
        return;
      }
      if (active) await end(active, null);
      // The files kept for offline reading are the agent's local data too (the next agent never sees them).
      await forgetAttachments();
    },
  };
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
