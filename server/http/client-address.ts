import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';
import type { TrustProxy } from '../config';

/**
 * The client's address for limits and the security log, resolved the way Fastify resolves
 * `request.ip` with the same TIERDESK_TRUST_PROXY: socket.io's handshake is not a Fastify request,
 * so it needs this to agree with the HTTP side. Without trusted proxies, it is the peer's address.
 */
export function createAddressResolver(trustProxy: TrustProxy): (request: IncomingMessage) => string {
  if (trustProxy === false) return (request) => request.socket.remoteAddress ?? 'unknown';
  const trusted = proxyAddr.compile(trustProxy);
  return (request) => proxyAddr(request, trusted);
}
