import { expect, it, vi } from 'vitest';
import { fakeElectron, FakeBrowserWindow, resetFakeElectron } from './testing/fake-electron';

vi.mock('electron', async () => (await import('./testing/fake-electron')).fakeElectronModule);

it('quits at once, opening nothing, when another desk already holds the single-instance lock', async () => {
  resetFakeElectron();
  fakeElectron.app.hasSingleInstanceLock = false;
  await import('./index');
  expect(fakeElectron.app.quit).toHaveBeenCalledOnce();

  // Electron still emits ready while quitting; nothing must start on it.
  fakeElectron.app.becomeReady();
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(FakeBrowserWindow.instances).toHaveLength(0);
  expect(fakeElectron.ipcMain.handlers.size).toBe(0);
  expect(fakeElectron.protocol.handlers.size).toBe(0);
});
