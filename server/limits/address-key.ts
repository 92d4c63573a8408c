import net from 'node:net';

/**
 * The key a per-address limit counts under. IPv4 (also IPv4-mapped IPv6, as a dual-stack socket
 * reports it) is the address itself. IPv6 is its /64 network: one host commonly holds a whole /64
 * (privacy addresses rotate inside it), so counting single addresses would let one client pass as
 * millions. Anything unparsable is used as given.
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (net.isIPv4(address)) return address;
  const withoutZone = address.split('%')[0] ?? address;
  if (!net.isIPv6(withoutZone)) return address;
  const hextets = expandIpv6(withoutZone);
  return hextets ? `${hextets.slice(0, 4).join(':')}::/64` : address;
}

/** The eight hextets of an IPv6 address (a trailing dotted IPv4 part becomes the last two). */
function expandIpv6(address: string): string[] | null {
  const lastColon = address.lastIndexOf(':');
  const tail = address.slice(lastColon + 1);
  let text = address;
  if (net.isIPv4(tail)) {
    const [a = 0, b = 0, c = 0, d = 0] = tail.split('.').map(Number);
    text = `${address.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', rest] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = rest === undefined ? [] : rest ? rest.split(':') : [];
  const missing = 8 - left.length - right.length;
  if (missing < 0 || (rest === undefined && missing !== 0)) return null;
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((part) => Number.parseInt(part, 16).toString(16));
}
