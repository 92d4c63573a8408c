import { CostPacer } from '../limits/cost-pacer';
import { mergeChanges, type CommittedChange } from '../sync/change-feed';
import type { DeskServer } from './socket-types';
import { streamBatchesFor } from '../sync/stream';
import { personalViewers, streamClassKey, type Viewer } from '../sync/visibility';

/**
 * Streams a committed change to this process's sockets. Sockets whose viewers see the same
 * documents form one class, and each class's batches are encoded once and written to all its
 * sockets: with hundreds of consoles in a group, encoding per socket was most of the server's
 * work. A change about an agent personally (a ticket assigned to them, a sight loss) gives that
 * agent a class of their own.
 */
export function streamChange(io: DeskServer, change: CommittedChange): void {
  const personal = personalViewers(change);

  const classes = new Map<string, { viewer: Viewer; socketIds: string[] }>();
  for (const socket of io.of('/').sockets.values()) {
    const viewer = socket.data.viewer;
    const key = streamClassKey(viewer, personal);
    const entry = classes.get(key);
    if (entry) entry.socketIds.push(socket.id);
    else classes.set(key, { viewer, socketIds: [socket.id] });
  }
  for (const { viewer, socketIds } of classes.values()) {
    for (const batch of streamBatchesFor(viewer, change)) io.local.to(socketIds).emit('sync:changed', batch);
  }
}

/**
 * Under load, changes within a window go out together: one write per socket instead of one per
 * change. The window follows what sending costs (CostPacer): sends take at most a tenth of the
 * time, so a handful of consoles gets each change within about a millisecond, and thousands see
 * windows of tens of milliseconds, at most 150 ms.
 */
const SEND_PACING = { budget: 0.1, minMs: 0, maxMs: 150 };

/**
 * The live stream of one process. A change after a quiet spell goes out on the next turn of the
 * event loop (no added latency on an ordinary desk, but after the pushes of the write that made
 * it, and together with the other writes of its group commit); while changes keep coming, they
 * are gathered for a window (above) and sent as one batch per class of viewers. Under a write
 * storm this divides the socket writes, which are most of the server's work, by the number of
 * changes per window.
 */
export class LiveStream {
  private buffered: CommittedChange[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private nextTurn: ReturnType<typeof setImmediate> | null = null;
  private readonly pacer: CostPacer;

  constructor(
    private readonly io: DeskServer,
    now: () => number = () => performance.now(),
  ) {
    this.pacer = new CostPacer(SEND_PACING, now);
  }

  push(change: CommittedChange): void {
    this.buffered.push(change);
    if (this.timer || this.nextTurn) return;
    const wait = this.pacer.waitMs();
    if (wait === 0) this.nextTurn = setImmediate(() => this.flush());
    else this.timer = setTimeout(() => this.flush(), wait);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.nextTurn) clearImmediate(this.nextTurn);
    this.flush();
  }

  /**
   * Changes may have been missed: what is buffered goes out first, then every console is told to
   * pull from its checkpoint (which reads everything from the database, the missed ones included).
   */
  resync(): void {
    this.stop();
    this.io.local.emit('sync:resync');
  }

  private flush(): void {
    this.timer = null;
    this.nextTurn = null;
    const changes = this.buffered;
    this.buffered = [];
    if (changes.length === 0) return;
    const sent = this.pacer.begin();
    streamChange(this.io, changes.length === 1 ? changes[0]! : mergeChanges(changes));
    sent();
  }
}
