// @vitest-environment jsdom
import { NEVER } from 'rxjs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { resetPresenceSettings, rememberedPresence, usePresenceSettings } from '../features/presence/presence-settings';
import { createDeskAuth, type DeskAuthDependencies, type OpenDeskSession } from './desk-auth';
import { createFakeDeskSession, TEST_AGENT } from './testing/fake-desk-session';
import { createFakePlatform } from './testing/render-desk';

const SAVED = { token: 'saved-token', agent: TEST_AGENT };

function auth(overrides: Partial<DeskAuthDependencies> = {}) {
  const openSession = vi.fn<OpenDeskSession>(async () => createFakeDeskSession().session);
  const platform = createFakePlatform({ loadSession: vi.fn(async () => SAVED) });
  const login = vi.fn(async () => ({ ...SAVED, passwordChangeRequired: false, secondFactorSetupRequired: false }));
  const deskAuth = createDeskAuth({
    platform,
    openSession,
    openDirectory: () => ({ agents$: NEVER, close: () => undefined }),
    api: { login, logout: vi.fn(async () => undefined) },
    ...overrides,
  });
  return { deskAuth, openSession };
}

beforeEach(resetPresenceSettings);

describe('the presence a desk opens with', () => {
  it('is the agent’s remembered away, asked for that agent, when a remembered session reopens', async () => {
    const initialPresence = vi.fn((agentId: string) => (agentId === TEST_AGENT.id ? 'away' : 'online') as 'away' | 'online');
    const { deskAuth, openSession } = auth({ initialPresence });

    await deskAuth.restore();

    expect(initialPresence).toHaveBeenCalledWith(TEST_AGENT.id);
    expect(openSession).toHaveBeenCalledExactlyOnceWith({ serverUrl: 'http://desk.test', token: 'saved-token', agent: TEST_AGENT, presence: 'away' });
  });

  it('is the signing-in agent’s own when signing in', async () => {
    const { deskAuth, openSession } = auth({ initialPresence: () => 'away', platform: createFakePlatform() });

    await deskAuth.signIn({ email: 'alice@example.com', password: 'secret' });

    expect(openSession).toHaveBeenCalledWith(expect.objectContaining({ agent: TEST_AGENT, presence: 'away' }));
  });

  it('is left to the session (online) without the dependency', async () => {
    const { deskAuth, openSession } = auth();
    await deskAuth.restore();
    expect(openSession.mock.calls[0]?.[0]).not.toHaveProperty('presence');
  });

  it('comes from the presence settings in the console: away only for the agent who chose it on this console', () => {
    expect(rememberedPresence(TEST_AGENT.id)).toBe('online');
    usePresenceSettings.getState().setManualAway(TEST_AGENT.id, true);
    expect(rememberedPresence(TEST_AGENT.id)).toBe('away');
    expect(rememberedPresence('00000000-0000-4000-8000-0000000000c3')).toBe('online');
    usePresenceSettings.getState().setManualAway(TEST_AGENT.id, false);
    expect(rememberedPresence(TEST_AGENT.id)).toBe('online');
  });
});
