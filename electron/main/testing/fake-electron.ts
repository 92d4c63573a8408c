/**
 * A stand-in for the `electron` module in unit tests (no Electron binary exists on CI machines).
 * It fakes only the boundary the main process touches and records what was asked of it, so tests
 * assert on real calls. Use it with:
 *   vi.mock('electron', async () => (await import('./testing/fake-electron')).fakeElectronModule);
 * and call resetFakeElectron() in beforeEach.
 */
import { EventEmitter } from 'node:events';
import type {
  BrowserWindowConstructorOptions,
  HandlerDetails,
  NotificationConstructorOptions,
  Rectangle,
  WindowOpenHandlerResponse,
} from 'electron';
import { vi } from 'vitest';

/** Emits an Electron-style cancellable event; returns whether a listener called preventDefault. */
export function emitCancellable(emitter: EventEmitter, name: string, ...args: unknown[]): boolean {
  let prevented = false;
  const event = { preventDefault: () => (prevented = true) };
  emitter.emit(name, event, ...args);
  return prevented;
}

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: HandlerDetails) => WindowOpenHandlerResponse) | null = null;
  /** Every webContents.send, in order: what the page would have received. */
  readonly sent: [channel: string, ...args: unknown[]][] = [];
  loading = false;
  destroyed = false;
  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('fake webContents.send: object has been destroyed');
    this.sent.push([channel, ...args]);
  }
  isLoading(): boolean {
    return this.loading;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Test control: the page finished loading (Electron emits 'did-finish-load'). */
  finishLoad(): void {
    this.loading = false;
    this.emit('did-finish-load');
  }
  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void {
    this.windowOpenHandler = handler;
  }
  /** What Chromium would do for window.open / target=_blank: ask the handler. */
  openWindow(url: string): WindowOpenHandlerResponse {
    if (this.windowOpenHandler === null) return { action: 'allow' };
    return this.windowOpenHandler({ url } as HandlerDetails);
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  title: string;
  bounds: Rectangle;
  maximized = false;
  minimized = false;
  visible = false;
  focused = false;
  destroyed = false;

  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    this.title = options.title ?? '';
    this.bounds = { x: options.x ?? 100, y: options.y ?? 100, width: options.width ?? 800, height: options.height ?? 600 };
    FakeBrowserWindow.instances.push(this);
  }
  /** Starts loading, as Electron does: the page counts as loading until webContents.finishLoad(). */
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.webContents.loading = true;
    return Promise.resolve();
  }
  getNormalBounds(): Rectangle {
    return { ...this.bounds };
  }
  setTitle(title: string): void {
    this.title = title;
  }
  getTitle(): string {
    return this.title;
  }
  maximize(): void {
    this.maximized = true;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  minimize(): void {
    this.minimized = true;
    this.focused = false;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  show(): void {
    this.visible = true;
  }
  focus(): void {
    this.focused = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Closes the window for good, as Electron's destroy() does: window and page are gone, 'closed' fires. */
  destroy(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

export class FakeNotification extends EventEmitter {
  static instances: FakeNotification[] = [];
  static supported = true;
  static isSupported(): boolean {
    return FakeNotification.supported;
  }
  shown = false;
  constructor(readonly options: NotificationConstructorOptions) {
    super();
    FakeNotification.instances.push(this);
  }
  show(): void {
    this.shown = true;
  }
}

export class FakeTray extends EventEmitter {
  static instances: FakeTray[] = [];
  toolTip = '';
  title = '';
  constructor(readonly image: unknown) {
    super();
    FakeTray.instances.push(this);
  }
  setToolTip(toolTip: string): void {
    this.toolTip = toolTip;
  }
  setTitle(title: string): void {
    this.title = title;
  }
}

type InvokeHandler = (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => unknown;
type PermissionRequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: { requestingUrl: string; isMainFrame: boolean },
) => void;
type PermissionCheckHandler = (contents: unknown, permission: string, requestingOrigin: string, details: object) => boolean;

class FakeApp extends EventEmitter {
  userDataPath = '/nonexistent';
  hasSingleInstanceLock = true;
  private markReady: () => void = () => {};
  private ready = new Promise<void>((resolve) => (this.markReady = resolve));
  readonly setBadgeCount = vi.fn((_count?: number) => true);
  readonly quit = vi.fn();
  readonly exit = vi.fn();
  getPath(name: string): string {
    if (name !== 'userData') throw new Error(`fake app.getPath: unexpected ${name}`);
    return this.userDataPath;
  }
  getVersion(): string {
    return '0.0.0-test';
  }
  requestSingleInstanceLock(): boolean {
    return this.hasSingleInstanceLock;
  }
  whenReady(): Promise<void> {
    return this.ready;
  }
  /** Test control: fire 'ready' (resolves whenReady). */
  becomeReady(): void {
    this.markReady();
    this.emit('ready');
  }
  resetState(): void {
    this.removeAllListeners();
    this.userDataPath = '/nonexistent';
    this.hasSingleInstanceLock = true;
    this.ready = new Promise<void>((resolve) => (this.markReady = resolve));
    this.setBadgeCount.mockClear();
    this.quit.mockClear();
    this.exit.mockClear();
  }
}

const app = new FakeApp();

const ipcMain = {
  handlers: new Map<string, InvokeHandler>(),
  handle(channel: string, handler: InvokeHandler): void {
    if (ipcMain.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    ipcMain.handlers.set(channel, handler);
  },
  removeHandler(channel: string): void {
    ipcMain.handlers.delete(channel);
  },
  // electron-store registers a sync listener; nothing in the desk uses it.
  on: vi.fn(),
  /** Test control: what ipcRenderer.invoke from a frame at senderUrl would do (null: frame gone). */
  async invoke(channel: string, senderUrl: string | null, ...args: unknown[]): Promise<unknown> {
    const handler = ipcMain.handlers.get(channel);
    if (handler === undefined) throw new Error(`No handler registered for '${channel}'`);
    return handler({ senderFrame: senderUrl === null ? null : { url: senderUrl } }, ...args);
  },
};

const protocol = {
  registerSchemesAsPrivileged: vi.fn(),
  handlers: new Map<string, (request: Request) => Response | Promise<Response>>(),
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void {
    protocol.handlers.set(scheme, handler);
  },
};

const defaultSession = {
  permissionRequestHandler: null as PermissionRequestHandler | null,
  permissionCheckHandler: null as PermissionCheckHandler | null,
  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    defaultSession.permissionRequestHandler = handler;
  },
  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    defaultSession.permissionCheckHandler = handler;
  },
};

const screen = {
  workAreas: [{ x: 0, y: 0, width: 1920, height: 1040 }] as Rectangle[],
  getAllDisplays: () => screen.workAreas.map((workArea) => ({ workArea })),
};

const powerMonitor = {
  /** Test control: what getSystemIdleTime reports. */
  idleSeconds: 0,
  getSystemIdleTime: vi.fn(() => powerMonitor.idleSeconds),
};

const shell = { openExternal: vi.fn((_url: string) => Promise.resolve()) };
const nativeImage = { createFromDataURL: vi.fn((dataUrl: string) => ({ dataUrl })) };
const contextBridge = { exposeInMainWorld: vi.fn((_key: string, _api: unknown) => {}) };
type RendererListener = (event: { sender: unknown }, ...args: unknown[]) => void;
const rendererEvents = new EventEmitter();
const ipcRenderer = {
  invoke: vi.fn((_channel: string, ..._args: unknown[]) => Promise.resolve(undefined as unknown)),
  on: vi.fn((channel: string, listener: RendererListener) => {
    rendererEvents.on(channel, listener);
    return ipcRenderer;
  }),
  removeListener: vi.fn((channel: string, listener: RendererListener) => {
    rendererEvents.removeListener(channel, listener);
    return ipcRenderer;
  }),
  /** Test control: main sent `args` on `channel` (webContents.send); the event's sender is ipcRenderer, as in Electron. */
  receiveFromMain(channel: string, ...args: unknown[]): void {
    rendererEvents.emit(channel, { sender: ipcRenderer }, ...args);
  },
  listenerCount(channel: string): number {
    return rendererEvents.listenerCount(channel);
  },
};

export const fakeElectron = {
  app,
  ipcMain,
  protocol,
  session: { defaultSession },
  screen,
  shell,
  powerMonitor,
  nativeImage,
  contextBridge,
  ipcRenderer,
  BrowserWindow: FakeBrowserWindow,
  Notification: FakeNotification,
  Tray: FakeTray,
};

/** What `import ... from 'electron'` yields under the mock (electron-store uses the default import). */
export const fakeElectronModule = { default: fakeElectron, ...fakeElectron };

export function resetFakeElectron(): void {
  app.resetState();
  ipcMain.handlers.clear();
  ipcMain.on.mockClear();
  protocol.handlers.clear();
  protocol.registerSchemesAsPrivileged.mockClear();
  defaultSession.permissionRequestHandler = null;
  defaultSession.permissionCheckHandler = null;
  screen.workAreas = [{ x: 0, y: 0, width: 1920, height: 1040 }];
  shell.openExternal.mockClear();
  nativeImage.createFromDataURL.mockClear();
  contextBridge.exposeInMainWorld.mockClear();
  ipcRenderer.invoke.mockClear();
  ipcRenderer.on.mockClear();
  ipcRenderer.removeListener.mockClear();
  rendererEvents.removeAllListeners();
  powerMonitor.idleSeconds = 0;
  powerMonitor.getSystemIdleTime.mockClear();
  FakeBrowserWindow.instances = [];
  FakeNotification.instances = [];
  FakeNotification.supported = true;
  FakeTray.instances = [];
}
