import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';

/**
 * Small, ephemeral messages between the server processes of one installation (presence, "these
 * agents' visibility changed"): every process, the sender included, receives what any process
 * publishes. Best effort by design: nothing durable travels here (durable state is in the database).
 */
export type ClusterBus = {
  /** This process, so handlers can tell their own messages from others'. */
  readonly nodeId: string;
  publish(topic: string, payload: unknown): void;
  subscribe(topic: string, handler: (payload: unknown, fromNode: string) => void): () => void;
};

export type BusTransport = {
  send(message: string): void;
  onMessage(deliver: (message: string) => void): void;
};

type Envelope = { topic: string; node: string; payload: unknown };

/** A bus over a transport (Redis pub/sub in scale-out mode); without one, messages stay in this process. */
export function createClusterBus(transport?: BusTransport): ClusterBus {
  const nodeId = randomUUID();
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const deliver = (envelope: Envelope) => emitter.emit(envelope.topic, envelope.payload, envelope.node);
  transport?.onMessage((message) => {
    try {
      deliver(JSON.parse(message) as Envelope);
    } catch {
      // A message this version cannot read (another version mid-upgrade) is ignored.
    }
  });
  return {
    nodeId,
    publish(topic, payload) {
      const envelope: Envelope = { topic, node: nodeId, payload };
      if (transport) transport.send(JSON.stringify(envelope));
      else queueMicrotask(() => deliver(envelope));
    },
    subscribe(topic, handler) {
      emitter.on(topic, handler);
      return () => emitter.off(topic, handler);
    },
  };
}
