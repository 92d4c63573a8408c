import fs from 'node:fs';
import { openFileLimit } from './push-server';

/** Headroom of file descriptors beyond one per socket: HTTP connections, the database, stdio. */
const FD_HEADROOM = 512;

/** Stops a run early, with what to change, when this machine cannot hold `agents` sockets. */
export function checkMachine(agents: number, setting: string): void {
  const limit = openFileLimit();
  if (limit < agents + FD_HEADROOM) {
    throw new Error(
      `ulimit -n is ${limit}, but ${agents} sockets need at least ${agents + FD_HEADROOM} open files in the benchmark and in the server process: ` +
        `raise it (ulimit -n ${agents + FD_HEADROOM}) or lower ${setting}`,
    );
  }
  const [low, high] = fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
  if (low !== undefined && high !== undefined && high - low < agents * 1.2) {
    throw new Error(`only ${high - low} local ports (net.ipv4.ip_local_port_range ${low}-${high}) for ${agents} sockets plus reconnects`);
  }
}
