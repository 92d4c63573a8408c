import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { login, logout } from './api/auth';
import { App } from './app/app';
import { createDeskAuth } from './app/desk-auth';
import { openAgentDirectory } from './features/directory/agent-directory';
import { rememberedPresence } from './features/presence/presence-settings';
import { initI18n, preferredLanguage } from './i18n/i18n';
import { detectPlatform } from './platform';
import { useUiStore } from './state/ui-store';
import { openDeskSession } from './sync/open-desk-session';
import './styles/index.css';

/** Entry point: wiring only. The language is known before the first render so nothing flickers. */
async function start(root: HTMLElement): Promise<void> {
  const platform = detectPlatform();
  const savedLanguage = await platform.loadLanguage().catch(() => null);
  initI18n(savedLanguage ?? preferredLanguage(navigator.languages));

  const auth = createDeskAuth({
    platform,
    openSession: openDeskSession,
    openDirectory: openAgentDirectory,
    api: { login, logout },
    onSignedOut: () => useUiStore.getState().resetSelection(),
    initialPresence: rememberedPresence,
  });
  void auth.restore();

  createRoot(root).render(
    <StrictMode>
      <App platform={platform} auth={auth} />
    </StrictMode>,
  );
}

const root = document.getElementById('root');
if (root) {
  start(root).catch((error: unknown) => {
    // Nothing rendered: say so in plain text rather than leave a blank window.
    root.textContent = `Tierdesk could not start: ${error instanceof Error ? error.message : String(error)}`;
    console.error(error);
  });
}
