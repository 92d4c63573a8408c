import path from 'node:path';
import { app, session, type BrowserWindow } from 'electron';
import { installAppProtocol, registerAppScheme } from './app-protocol';
import { readSystemIdleSeconds } from './idle';
import { registerDesktopIpc } from './ipc/register-desktop-ipc';
import { createMainWindow, revealWindow } from './main-window';
import { createNotifier } from './notifications';
import { buildContentSecurityPolicy, hardenWebContents, installPermissionPolicy } from './security';
import { openSettingsStore } from './settings';
import { createBadgeIndicator } from './tray';

// Wiring only. This file runs as dist/electron/main.cjs (see build/bundle-electron.ts), so
// __dirname is dist/electron: the preload sits beside it and the renderer build in ../renderer.
const PRELOAD_PATH = path.join(__dirname, 'preload.cjs');
const RENDERER_DIR = path.join(__dirname, '../renderer');

// Privileged schemes can only be registered before 'ready'.
registerAppScheme();

// Hardening goes on every WebContents the moment it exists, before any page can load in it.
app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

// Module scope so 'second-instance' (registered before ready) can find the window.
let mainWindow: BrowserWindow | null = null;

if (!app.requestSingleInstanceLock()) {
  // Another desk is already running; it receives 'second-instance' and comes forward.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow !== null) revealWindow(mainWindow);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.whenReady().then(startDesk).catch((error: unknown) => {
    console.error('Tierdesk failed to start', error);
    app.exit(1);
  });
}

function startDesk(): void {
  const settings = openSettingsStore();
  installAppProtocol({
    rootDir: RENDERER_DIR,
    contentSecurityPolicy: () => buildContentSecurityPolicy(settings.read().serverUrl),
  });
  installPermissionPolicy(session.defaultSession);

  const badge = createBadgeIndicator({ getWindow: () => mainWindow, onTrayClick: showWindow });
  const notifier = createNotifier({ revealDesk: showWindow, getWindow: () => mainWindow });
  registerDesktopIpc({ settings, notifier, badge, idleSeconds: readSystemIdleSeconds });
  openWindow();
  // macOS keeps the app running without windows; clicking the dock icon brings one back.
  app.on('activate', showWindow);

  function openWindow(): void {
    const window = createMainWindow({ preloadPath: PRELOAD_PATH, settings });
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
    mainWindow = window;
    badge.attachWindow(window);
  }

  function showWindow(): void {
    if (mainWindow === null) openWindow();
    else revealWindow(mainWindow);
  }
}
