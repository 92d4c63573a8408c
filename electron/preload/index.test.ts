import { beforeAll, describe, expect, it, vi } from 'vitest';
import { DESKTOP_CHANNELS, type DesktopApi } from '../../core/desktop-api';
import { fakeElectron, resetFakeElectron } from '../main/testing/fake-electron';

vi.mock('electron', async () => (await import('../main/testing/fake-electron')).fakeElectronModule);

let exposedKey: unknown;
let desktop: DesktopApi;

beforeAll(async () => {
  resetFakeElectron();
  await import('./index');
  expect(fakeElectron.contextBridge.exposeInMainWorld).toHaveBeenCalledOnce();
  const [key, api] = fakeElectron.contextBridge.exposeInMainWorld.mock.calls[0]!;
  exposedKey = key;
  desktop = api as DesktopApi;
});

describe('preload', () => {
  it("exposes exactly one function per desktop channel as window.desktop", () => {
    expect(exposedKey).toBe('desktop');
    expect(Object.keys(desktop).sort()).toEqual(Object.keys(DESKTOP_CHANNELS).sort());
    for (const value of Object.values(desktop)) expect(typeof value).toBe('function');
  });

  it('never hands the page ipcRenderer or a generic invoke/send', () => {
    const exposed = Object.values(desktop) as unknown[];
    expect(exposed).not.toContain(fakeElectron.ipcRenderer);
    expect(exposed).not.toContain(fakeElectron.ipcRenderer.invoke);
    expect(desktop).not.toHaveProperty('invoke');
    expect(desktop).not.toHaveProperty('send');
    expect(desktop).not.toHaveProperty('ipcRenderer');
  });

  it('sends each method on its own channel with its argument and returns main’s answer', async () => {
    const settings = { serverUrl: 'http://localhost:8080', language: null };
    fakeElectron.ipcRenderer.invoke.mockResolvedValueOnce(settings);
    await expect(desktop.getSettings()).resolves.toEqual(settings);
    await desktop.setServerUrl('https://desk.example.com');
    await desktop.setLanguage('pl');
    await desktop.showNotification({ title: 'New ticket', body: 'Printer' });
    await desktop.setBadgeCount(4);
    expect(fakeElectron.ipcRenderer.invoke.mock.calls).toEqual([
      [DESKTOP_CHANNELS.getSettings],
      [DESKTOP_CHANNELS.setServerUrl, 'https://desk.example.com'],
      [DESKTOP_CHANNELS.setLanguage, 'pl'],
      [DESKTOP_CHANNELS.showNotification, { title: 'New ticket', body: 'Printer' }],
      [DESKTOP_CHANNELS.setBadgeCount, 4],
    ]);
  });

  it('passes main’s refusal through as a rejected promise', async () => {
    fakeElectron.ipcRenderer.invoke.mockRejectedValueOnce(new Error('badge:set-count: invalid argument'));
    await expect(desktop.setBadgeCount(-1)).rejects.toThrow('badge:set-count: invalid argument');
  });
});
