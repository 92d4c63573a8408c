import { randomBytes } from 'node:crypto';
import { firstValueFrom, type Observable } from 'rxjs';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { openDeskSession, type OpenedDeskSession } from '../../renderer/sync/open-desk-session';
import type { SignedIn } from './test-server';

/**
 * A real console data layer (RxDB + replication + outbox) in Node, on RxDB's memory storage.
 * `presence: 'away'` keeps routing from handing this agent work, for tests about something else.
 */
export function openTestDesk(serverUrl: string, signedIn: SignedIn, options: { presence?: 'online' | 'away'; databaseName?: string } = {}): Promise<OpenedDeskSession> {
  return openDeskSession({
    serverUrl,
    token: signedIn.token,
    agent: signedIn.agent,
    storage: getRxStorageMemory(),
    databaseName: options.databaseName ?? `desk_${randomBytes(6).toString('hex')}`,
    presence: options.presence,
  });
}

/** The current value of a desk observable (they all emit on subscription). */
export const current = <T>(observable: Observable<T>): Promise<T> => firstValueFrom(observable);
