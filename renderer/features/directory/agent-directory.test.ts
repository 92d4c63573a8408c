// @vitest-environment jsdom
import { BehaviorSubject } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fetchAgentDirectory, type DirectoryAgent } from '../../api/directory';
import { TEST_AGENT } from '../../app/testing/fake-desk-session';
import type { ConnectionState, ConnectionStatus } from '../../sync/desk-session';
import { createAgentDirectory } from './agent-directory';
import { directoryCacheKey, readCachedDirectory } from './directory-cache';

const SERVER = 'http://desk.test';
const IVAN: DirectoryAgent = { id: '00000000-0000-4000-8000-0000000000c1', name: 'Ivan Petrov', role: 'agent', level: 2, active: true };
const ANNA: DirectoryAgent = { id: '00000000-0000-4000-8000-0000000000c2', name: 'Anna Nowak', role: 'supervisor', level: 3, active: true };

beforeEach(() => localStorage.clear());
afterEach(() => vi.unstubAllGlobals());

const state = (status: ConnectionStatus): ConnectionState => ({ status, pending: 0, refusal: null });

function openDirectory(initial: ConnectionStatus, fetchAgents: (serverUrl: string, token: string) => Promise<DirectoryAgent[]>) {
  const connection = new BehaviorSubject(state(initial));
  const directory = createAgentDirectory(
    { serverUrl: SERVER, token: 'token-1', agent: TEST_AGENT, connection$: connection },
    { fetchAgents, storage: localStorage },
  );
  const seen: (readonly DirectoryAgent[])[] = [];
  const subscription = directory.agents$.subscribe((agents) => seen.push(agents));
  const close = () => {
    subscription.unsubscribe();
    directory.close();
  };
  return { connection, seen, close };
}

describe('agent directory', () => {
  it('fetches once connected, caches per server and agent, and fetches again after an offline spell', async () => {
    const fetchAgents = vi.fn(async () => [IVAN]);
    const { connection, seen, close } = openDirectory('offline', fetchAgents);

    expect(seen).toEqual([[]]);
    expect(fetchAgents).not.toHaveBeenCalled();

    connection.next(state('syncing'));
    await vi.waitFor(() => expect(seen.at(-1)).toEqual([IVAN]));
    expect(fetchAgents).toHaveBeenCalledWith(SERVER, 'token-1', expect.any(AbortSignal));
    expect(readCachedDirectory(localStorage, directoryCacheKey(SERVER, TEST_AGENT.id))).toEqual([IVAN]);

    // Still connected: no refetch on every sync burst.
    connection.next(state('online'));
    connection.next(state('syncing'));
    expect(fetchAgents).toHaveBeenCalledTimes(1);

    fetchAgents.mockResolvedValue([IVAN, ANNA]);
    connection.next(state('offline'));
    connection.next(state('online'));
    await vi.waitFor(() => expect(seen.at(-1)).toEqual([IVAN, ANNA]));
    expect(fetchAgents).toHaveBeenCalledTimes(2);
    close();
  });

  it('starts from the cache and keeps it when the server cannot be reached', async () => {
    localStorage.setItem(directoryCacheKey(SERVER, TEST_AGENT.id), JSON.stringify([ANNA]));
    const fetchAgents = vi.fn(async () => Promise.reject(new TypeError('Failed to fetch')));
    const { seen, close } = openDirectory('online', fetchAgents);

    expect(seen).toEqual([[ANNA]]);
    await vi.waitFor(() => expect(fetchAgents).toHaveBeenCalledTimes(1));
    await Promise.resolve();
    expect(seen).toEqual([[ANNA]]);
    expect(readCachedDirectory(localStorage, directoryCacheKey(SERVER, TEST_AGENT.id))).toEqual([ANNA]);
    close();
  });

  it("ignores an unreadable cache and another agent's or server's cache", () => {
    localStorage.setItem(directoryCacheKey(SERVER, TEST_AGENT.id), '{not json');
    localStorage.setItem(directoryCacheKey('http://other.test', TEST_AGENT.id), JSON.stringify([IVAN]));
    localStorage.setItem(directoryCacheKey(SERVER, IVAN.id), JSON.stringify([IVAN]));
    const { seen, close } = openDirectory('offline', vi.fn(async () => [IVAN]));

    expect(seen).toEqual([[]]);
    close();
  });

  it('drops a list that arrives after close', async () => {
    let answer: (agents: DirectoryAgent[]) => void = () => undefined;
    const fetchAgents = vi.fn(() => new Promise<DirectoryAgent[]>((resolve) => (answer = resolve)));
    const { seen, close } = openDirectory('online', fetchAgents);

    close();
    answer([IVAN]);
    await Promise.resolve();
    expect(seen).toEqual([[]]);
    expect(readCachedDirectory(localStorage, directoryCacheKey(SERVER, TEST_AGENT.id))).toBeNull();
  });
});

describe('GET /api/directory/agents', () => {
  it('sends the bearer token and returns the validated list', async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify([IVAN]), { status: 200, headers: { 'content-type': 'application/json' } }));
    vi.stubGlobal('fetch', fetchMock);

    await expect(fetchAgentDirectory(`${SERVER}/`, 'token-1')).resolves.toEqual([IVAN]);
    expect(fetchMock).toHaveBeenCalledWith(
      `${SERVER}/api/directory/agents`,
      expect.objectContaining({ headers: { authorization: 'Bearer token-1' } }),
    );
  });

  it('rejects on an error status or a body that is not a list of agents', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('{}', { status: 401 })));
    await expect(fetchAgentDirectory(SERVER, 'token-1')).rejects.toThrow('HTTP 401');

    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify([{ id: 'x', name: '' }]), { status: 200 })));
    await expect(fetchAgentDirectory(SERVER, 'token-1')).rejects.toThrow('unexpected response');
  });
});
