// @vitest-environment jsdom
import { BehaviorSubject } from 'rxjs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { TEST_AGENT } from '../../app/testing/fake-desk-session';
import type { ConnectionState, ConnectionStatus } from '../../sync/desk-session';
import { groupCacheKey, readCachedGroups, writeCachedGroups, type GroupName } from './group-cache';
import { createGroupDirectory } from './group-directory';
import { BILLING, NETWORK } from './routing-testing';

const SERVER = 'http://desk.test';
const KEY = groupCacheKey(SERVER, TEST_AGENT.id);
const names = (...groups: GroupName[]) => groups.map(({ id, name }) => ({ id, name }));

beforeEach(() => localStorage.clear());

const state = (status: ConnectionStatus): ConnectionState => ({ status, pending: 0, refusal: null });

function openDirectory(initial: ConnectionStatus, loadGroups: (signal: AbortSignal) => Promise<readonly GroupName[]>) {
  const connection = new BehaviorSubject(state(initial));
  const directory = createGroupDirectory({ cacheKey: KEY, connection$: connection }, { loadGroups, storage: localStorage });
  const seen: (readonly GroupName[])[] = [];
  const subscription = directory.groups$.subscribe((groups) => seen.push(groups));
  const close = () => {
    subscription.unsubscribe();
    directory.close();
  };
  return { connection, seen, close };
}

describe('group directory', () => {
  it('fetches once connected, caches the names, and fetches again after an offline spell', async () => {
    const loadGroups = vi.fn(async () => [NETWORK]);
    const { connection, seen, close } = openDirectory('offline', loadGroups);

    expect(seen).toEqual([[]]);
    expect(loadGroups).not.toHaveBeenCalled();

    connection.next(state('syncing'));
    await vi.waitFor(() => expect(seen.at(-1)).toEqual(names(NETWORK)));
    // Only what the console shows is kept: no members or categories in the cache.
    expect(JSON.parse(localStorage.getItem(KEY) ?? 'null')).toEqual(names(NETWORK));

    connection.next(state('online'));
    expect(loadGroups).toHaveBeenCalledTimes(1);

    loadGroups.mockResolvedValue([NETWORK, BILLING]);
    connection.next(state('offline'));
    connection.next(state('online'));
    await vi.waitFor(() => expect(seen.at(-1)).toEqual(names(NETWORK, BILLING)));
    expect(readCachedGroups(localStorage, KEY)).toEqual(names(NETWORK, BILLING));
    close();
  });

  it('starts from the cache and keeps it when the server cannot be reached', async () => {
    writeCachedGroups(localStorage, KEY, [BILLING]);
    const loadGroups = vi.fn(async () => Promise.reject(new TypeError('Failed to fetch')));
    const { seen, close } = openDirectory('online', loadGroups);

    expect(seen).toEqual([names(BILLING)]);
    await vi.waitFor(() => expect(loadGroups).toHaveBeenCalledTimes(1));
    await Promise.resolve();
    expect(seen).toEqual([names(BILLING)]);
    expect(readCachedGroups(localStorage, KEY)).toEqual(names(BILLING));
    close();
  });

  it("ignores an unreadable cache and another agent's or server's cache", () => {
    localStorage.setItem(KEY, '{not json');
    writeCachedGroups(localStorage, groupCacheKey('http://other.test', TEST_AGENT.id), [NETWORK]);
    writeCachedGroups(localStorage, groupCacheKey(SERVER, '00000000-0000-4000-8000-0000000000ff'), [NETWORK]);
    const { seen, close } = openDirectory('offline', vi.fn(async () => [NETWORK]));

    expect(seen).toEqual([[]]);
    expect(groupCacheKey(`${SERVER}/`, TEST_AGENT.id)).toBe(KEY);
    close();
  });

  it('drops a list that arrives after close', async () => {
    let answer: (groups: GroupName[]) => void = () => undefined;
    const loadGroups = vi.fn(() => new Promise<GroupName[]>((resolve) => (answer = resolve)));
    const { seen, close } = openDirectory('online', loadGroups);

    close();
    answer([NETWORK]);
    await Promise.resolve();
    expect(seen).toEqual([[]]);
    expect(readCachedGroups(localStorage, KEY)).toBeNull();
  });
});
