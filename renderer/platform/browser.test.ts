// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { createBrowserPlatform } from './browser';

/** The Web Notifications API as far as the console uses it; records what was shown and closed. */
class FakeNotification extends EventTarget {
  static permission: NotificationPermission = 'granted';
  static instances: FakeNotification[] = [];
  static requestPermission = vi.fn(async () => FakeNotification.permission);
  onclick: ((this: FakeNotification, event: Event) => unknown) | null = null;
  closed = false;
  constructor(
    readonly title: string,
    readonly options: NotificationOptions = {},
  ) {
    super();
    FakeNotification.instances.push(this);
  }
  close(): void {
    this.closed = true;
  }
  /** Test control: the agent clicked it (the browser fires 'click', which also runs onclick). */
  click(): void {
    const event = new Event('click');
    this.onclick?.call(this, event);
    this.dispatchEvent(event);
  }
}

let focus: MockInstance<() => void>;

beforeEach(() => {
  focus = vi.spyOn(window, 'focus').mockImplementation(() => {}); // jsdom has no real focus()
  FakeNotification.permission = 'granted';
  FakeNotification.instances = [];
  vi.stubGlobal('Notification', FakeNotification);
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function onlyNotification(): FakeNotification {
  expect(FakeNotification.instances).toHaveLength(1);
  return FakeNotification.instances[0]!;
}

describe('browser platform notifications', () => {
  it('shows a notification with the title, body and tag when the agent allowed them', async () => {
    await createBrowserPlatform(window).notify({ title: 'Ticket #42 assigned', body: 'Printer on fire', tag: 'ticket:42' });
    const shown = onlyNotification();
    expect(shown.title).toBe('Ticket #42 assigned');
    expect(shown.options).toEqual({ body: 'Printer on fire', tag: 'ticket:42', renotify: true, silent: true });
  });

  it('shows it silent, also without a tag: the console plays its own tone, and none in quiet hours', async () => {
    await createBrowserPlatform(window).notify({ title: 'Escalated', body: 'L2' });
    expect(onlyNotification().options).toEqual({ body: 'L2', tag: undefined, silent: true });
  });

  it.each(['denied', 'default'] as const)('shows nothing when permission is %s', async (permission) => {
    FakeNotification.permission = permission;
    await createBrowserPlatform(window).notify({ title: 't', body: 'b', tag: 'ticket:1' });
    expect(FakeNotification.instances).toHaveLength(0);
  });

  it('does nothing, without rejecting, where the browser has no Notification API', async () => {
    vi.stubGlobal('Notification', undefined);
    await expect(createBrowserPlatform(window).notify({ title: 't', body: 'b' })).resolves.toBeUndefined();
    expect(FakeNotification.instances).toHaveLength(0);
  });

  it('does nothing, without rejecting, where the constructor is refused (Chrome on Android)', async () => {
    class RefusingNotification extends FakeNotification {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        throw new TypeError("Failed to construct 'Notification': Illegal constructor.");
      }
    }
    vi.stubGlobal('Notification', RefusingNotification);
    await expect(createBrowserPlatform(window).notify({ title: 't', body: 'b' })).resolves.toBeUndefined();
  });

  it('a click focuses the tab, closes the notification and gives every listener the tag', async () => {
    const platform = createBrowserPlatform(window);
    const first = vi.fn();
    const second = vi.fn();
    platform.onNotificationClick(first);
    platform.onNotificationClick(second);
    await platform.notify({ title: 'Ticket #42 assigned', body: 'Printer', tag: 'ticket:42' });

    const shown = onlyNotification();
    expect(shown.closed).toBe(false);
    shown.click();
    expect(focus).toHaveBeenCalledOnce();
    expect(shown.closed).toBe(true);
    expect(first.mock.calls).toEqual([['ticket:42']]);
    expect(second.mock.calls).toEqual([['ticket:42']]);
  });

  it('a click on a notification without a tag focuses and closes, and calls no listener', async () => {
    const platform = createBrowserPlatform(window);
    const listener = vi.fn();
    platform.onNotificationClick(listener);
    await platform.notify({ title: 'Escalated', body: 'L2' });

    const shown = onlyNotification();
    shown.click();
    expect(focus).toHaveBeenCalledOnce();
    expect(shown.closed).toBe(true);
    expect(listener).not.toHaveBeenCalled();
  });

  it('unsubscribe removes exactly that subscription', async () => {
    const platform = createBrowserPlatform(window);
    const kept = vi.fn();
    const removed = vi.fn();
    platform.onNotificationClick(kept);
    const unsubscribe = platform.onNotificationClick(removed);
    // The same function subscribed twice is two subscriptions: removing one keeps the other.
    const unsubscribeKeptAgain = platform.onNotificationClick(kept);
    unsubscribe();
    unsubscribeKeptAgain();
    unsubscribeKeptAgain();

    await platform.notify({ title: 't', body: 'b', tag: 'ticket:5' });
    onlyNotification().click();
    expect(removed).not.toHaveBeenCalled();
    expect(kept.mock.calls).toEqual([['ticket:5']]);
  });
});

describe('browser platform idle time', () => {
  it('is unknown: a page cannot see input outside itself', async () => {
    await expect(createBrowserPlatform(window).idleSeconds()).resolves.toBeNull();
  });
});
