import { render, type RenderResult } from '@testing-library/react';
import { vi } from 'vitest';
import { login, logout } from '../../api/auth';
import { openAgentDirectory } from '../../features/directory/agent-directory';
import { initI18n } from '../../i18n/i18n';
import type { Platform } from '../../platform/platform';
import { App } from '../app';
import { createDeskAuth, type DeskAuth, type OpenDeskSession } from '../desk-auth';
import { createFakeDeskSession, type FakeDeskSession } from './fake-desk-session';
import { createFakePlatform } from './render-desk';

export type RenderedApp = RenderResult & {
  auth: DeskAuth;
  platform: Platform;
  desk: FakeDeskSession;
  openSession: ReturnType<typeof vi.fn<OpenDeskSession>>;
};

/**
 * The whole console with the real auth controller, the real login/logout and agent directory
 * (tests mock fetch; the directory caches in jsdom's localStorage), a fake platform and a fake
 * DeskSession. Call `auth.restore()` to leave the "restoring" phase.
 */
export function renderApp(platformOverrides: Partial<Platform> = {}): RenderedApp {
  initI18n('en');
  const platform = createFakePlatform(platformOverrides);
  const desk = createFakeDeskSession();
  const openSession = vi.fn<OpenDeskSession>(async () => desk.session);
  const auth = createDeskAuth({ platform, openSession, openDirectory: openAgentDirectory, api: { login, logout } });
  const result = render(<App platform={platform} auth={auth} />);
  return { ...result, auth, platform, desk, openSession };
}

export function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}
