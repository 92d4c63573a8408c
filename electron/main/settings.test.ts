import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeElectron, resetFakeElectron } from './testing/fake-electron';

vi.mock('electron', async () => (await import('./testing/fake-electron')).fakeElectronModule);

const { defaultServerUrl, openSettingsStore } = await import('./settings');

let userData: string;
const noEnv = {};
const settingsFile = () => path.join(userData, 'settings.json');

beforeEach(async () => {
  resetFakeElectron();
  userData = await mkdtemp(path.join(tmpdir(), 'tierdesk-settings-'));
  fakeElectron.app.userDataPath = userData;
});

afterEach(async () => {
  await rm(userData, { recursive: true, force: true });
});

describe('defaultServerUrl', () => {
  it('is localhost:8080 without TIERDESK_SERVER_URL', () => {
    expect(defaultServerUrl({})).toBe('http://localhost:8080');
    expect(defaultServerUrl({ TIERDESK_SERVER_URL: '  ' })).toBe('http://localhost:8080');
  });

  it('takes a valid TIERDESK_SERVER_URL', () => {
    expect(defaultServerUrl({ TIERDESK_SERVER_URL: 'https://desk.example.com' })).toBe('https://desk.example.com');
  });

  it('ignores a TIERDESK_SERVER_URL that is not http(s)', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(defaultServerUrl({ TIERDESK_SERVER_URL: 'file:///etc/passwd' })).toBe('http://localhost:8080');
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
  });
});

describe('settings store', () => {
  it('reads defaults on first start, in the userData folder', () => {
    const settings = openSettingsStore({ env: { TIERDESK_SERVER_URL: 'http://desk.lan:9000' } });
    expect(settings.read()).toEqual({ serverUrl: 'http://desk.lan:9000', language: null });
    expect(settings.readWindowBounds()).toBeNull();
  });

  it('persists server URL, language and window bounds across restarts', async () => {
    const first = openSettingsStore({ env: noEnv });
    first.setServerUrl('https://desk.example.com');
    first.setLanguage('pl');
    first.saveWindowBounds({ x: 10, y: 20, width: 1000, height: 700, maximized: true });

    const onDisk = JSON.parse(await readFile(settingsFile(), 'utf8')) as Record<string, unknown>;
    expect(onDisk).toMatchObject({ serverUrl: 'https://desk.example.com', language: 'pl' });

    const reopened = openSettingsStore({ env: noEnv });
    expect(reopened.read()).toEqual({ serverUrl: 'https://desk.example.com', language: 'pl' });
    expect(reopened.readWindowBounds()).toEqual({ x: 10, y: 20, width: 1000, height: 700, maximized: true });
  });

  it('does not write the env default, so a later TIERDESK_SERVER_URL still applies until the agent chooses', () => {
    openSettingsStore({ env: { TIERDESK_SERVER_URL: 'http://old.lan' } }).setLanguage('en');
    const later = openSettingsStore({ env: { TIERDESK_SERVER_URL: 'http://new.lan' } });
    expect(later.read().serverUrl).toBe('http://new.lan');
  });

  it('refuses invalid writes and keeps the previous value', () => {
    const settings = openSettingsStore({ env: noEnv });
    settings.setServerUrl('http://good.example.com');
    expect(() => settings.setServerUrl('ftp://bad.example.com')).toThrow();
    // @ts-expect-error: a value outside Language, as a buggy caller might send
    expect(() => settings.setLanguage('de')).toThrow();
    expect(openSettingsStore({ env: noEnv }).read()).toEqual({ serverUrl: 'http://good.example.com', language: null });
  });

  it('reads hand-edited or corrupt values as defaults instead of failing', async () => {
    await writeFile(
      settingsFile(),
      JSON.stringify({ serverUrl: 'javascript:alert(1)', language: 'xx', windowBounds: { x: 'left' } }),
    );
    const settings = openSettingsStore({ env: noEnv });
    expect(settings.read()).toEqual({ serverUrl: 'http://localhost:8080', language: null });
    expect(settings.readWindowBounds()).toBeNull();
  });

  it('starts with defaults when the file is not even JSON', async () => {
    await writeFile(settingsFile(), '{ not json');
    expect(openSettingsStore({ env: noEnv }).read()).toEqual({ serverUrl: 'http://localhost:8080', language: null });
  });
});
