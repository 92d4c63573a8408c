import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { Logger } from '../logger';
import type { ChangeRelay, CommittedChange } from '../sync/change-feed';
import type { BusTransport } from './cluster-bus';

/** How long a shutdown waits for Redis to answer what is still pending. */
const CLOSE_WAIT_MS = 3_000;

export type RedisFanout = {
  /** socket.io's Redis adapter: room emits and disconnects reach sockets on every process. */
  adapter: ReturnType<typeof createAdapter>;
  /** Committed changes go to every process, which filters them for its own sockets. */
  relay: ChangeRelay;
  /** The cluster bus's wire: presence and visibility signals between processes. */
  busTransport: BusTransport;
  close(): Promise<void>;
};

/**
 * Scale-out plumbing over one Redis. `prefix` keeps several Tierdesk installations (or test
 * runs) on one Redis apart.
 */
export async function connectRedisFanout(url: string, prefix: string, logger: Logger): Promise<RedisFanout> {
  const publisher = createClient({ url });
  const adapterSubscriber = publisher.duplicate();
  const changeSubscriber = publisher.duplicate();
  for (const client of [publisher, adapterSubscriber, changeSubscriber]) {
    client.on('error', (error: Error) => logger.error({ err: error }, 'redis connection error'));
  }
  await Promise.all([publisher.connect(), adapterSubscriber.connect(), changeSubscriber.connect()]);
  // A connection that drops and comes back ('reconnecting', then 'ready') lost whatever was
  // published meanwhile: to this process, or by it for the others.
  const recoveredListeners: (() => void)[] = [];
  let closing = false;
  for (const client of [publisher, changeSubscriber]) {
    let dropped = false;
    client.on('reconnecting', () => (dropped = true));
    client.on('ready', () => {
      if (!dropped || closing) return;
      dropped = false;
      recoveredListeners.forEach((listener) => listener());
    });
  }

  const channel = `${prefix}:changes`;
  const listeners: ((change: CommittedChange) => void)[] = [];
  await changeSubscriber.subscribe(channel, (message) => {
    const change = JSON.parse(message) as CommittedChange;
    for (const listener of listeners) listener(change);
  });
  const busChannel = `${prefix}:bus`;
  const busListeners: ((message: string) => void)[] = [];
  await changeSubscriber.subscribe(busChannel, (message) => busListeners.forEach((listener) => listener(message)));

  return {
    adapter: createAdapter(publishingSafely(publisher, logger), adapterSubscriber, { key: `${prefix}:socket.io` }),
    relay: {
      send(change) {
        publisher.publish(channel, JSON.stringify(change)).catch((error: Error) => logger.error({ err: error }, 'could not relay a change'));
      },
      onReceive(deliver) {
        listeners.push(deliver);
      },
      onRecovered(recovered) {
        recoveredListeners.push(recovered);
      },
    },
    busTransport: {
      send(message) {
        publisher.publish(busChannel, message).catch((error: Error) => logger.error({ err: error }, 'could not publish on the cluster bus'));
      },
      onMessage(deliver) {
        busListeners.push(deliver);
      },
    },
    async close() {
      closing = true;
      const clients = [changeSubscriber, adapterSubscriber, publisher];
      // Waits for pending commands, but not for ever: after a Redis restart a command can stay
      // unanswered, and a server must still shut down. What is left is then dropped.
      // Dropping rejects what is still pending, this wait included: nobody is left to care.
      const closed = Promise.all(clients.map((client) => client.close().catch(() => undefined)));
      const late = await Promise.race([closed.then(() => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(true), CLOSE_WAIT_MS).unref())]);
      if (late) {
        logger.warn('redis connections did not close in time: dropping them');
        clients.forEach((client) => client.destroy());
      }
    },
  };
}

/**
 * The client as socket.io's Redis adapter gets it: the adapter publishes without waiting for the
 * answer, so a publish in flight when Redis goes away (ECONNRESET) rejected with nobody listening,
 * and the unhandled rejection killed the process. Here a failed publish is logged instead: the
 * emit is lost as any emit to a socket that is away is, and sync brings the state.
 */
export function publishingSafely<C extends { publish(channel: string, message: string): Promise<number> }>(client: C, logger: Pick<Logger, 'error'>): C {
  return new Proxy(client, {
    get(target, key) {
      if (key === 'publish') {
        return (channel: string, message: string) =>
          target.publish(channel, message).catch((error: Error) => {
            logger.error({ err: error }, 'could not publish a socket.io emit to the other processes');
            return 0;
          });
      }
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
