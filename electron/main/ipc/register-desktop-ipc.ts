import { ipcMain } from 'electron';
import { z } from 'zod';
import { DESKTOP_CHANNELS, type DesktopApi } from '../../../core/desktop-api';
import type { Notifier } from '../notifications';
import type { SettingsStore } from '../settings';
import type { BadgeIndicator } from '../tray';
import { DESKTOP_PAYLOAD_SCHEMAS as SCHEMAS, type DesktopMethod } from './payload-schemas';
import { assertTrustedSender } from './trusted-sender';

export type DesktopIpcDependencies = {
  settings: SettingsStore;
  notifier: Notifier;
  badge: BadgeIndicator;
  /** Seconds since the last input anywhere on the system (see idle.ts). */
  idleSeconds: () => number;
};

/** Parses the raw argument, then runs the handler; one per method, typed against DesktopApi. */
type Route<M extends DesktopMethod> = (argument: unknown, channel: string) => Awaited<ReturnType<DesktopApi[M]>>;

function route<S extends z.ZodType, R>(schema: S, handler: (payload: z.output<S>) => R) {
  return (argument: unknown, channel: string): R => {
    const parsed = schema.safeParse(argument);
    if (!parsed.success) {
      throw new Error(`${channel}: invalid argument: ${z.prettifyError(parsed.error)}`);
    }
    return handler(parsed.data);
  };
}

/**
 * Registers one ipcMain.handle per DESKTOP_CHANNELS entry. Each call is checked in order: the sender
 * must be app://tierdesk, there must be at most one argument, and it must match its schema; any
 * failure throws (the renderer's promise rejects with the message) before the handler runs, so bad
 * input changes nothing.
 */
export function registerDesktopIpc(deps: DesktopIpcDependencies): void {
  const routes: { [M in DesktopMethod]: Route<M> } = {
    getSettings: route(SCHEMAS.getSettings, () => deps.settings.read()),
    setServerUrl: route(SCHEMAS.setServerUrl, (url) => deps.settings.setServerUrl(url)),
    setLanguage: route(SCHEMAS.setLanguage, (language) => deps.settings.setLanguage(language)),
    showNotification: route(SCHEMAS.showNotification, (notification) => deps.notifier.show(notification)),
    setBadgeCount: route(SCHEMAS.setBadgeCount, (count) => deps.badge.setCount(count)),
    getIdleSeconds: route(SCHEMAS.getIdleSeconds, () => deps.idleSeconds()),
  };
  for (const method of Object.keys(DESKTOP_CHANNELS) as DesktopMethod[]) {
    const channel = DESKTOP_CHANNELS[method];
    const run = routes[method];
    ipcMain.handle(channel, (event, ...args: unknown[]) => {
      assertTrustedSender(event, channel);
      if (args.length > 1) {
        throw new Error(`${channel}: expected at most one argument, got ${args.length}`);
      }
      return run(args[0], channel);
    });
  }
}
