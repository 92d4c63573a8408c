import { Agent, fetch } from 'undici';
import type { ApiResponse } from './http-expectations';

/**
 * HTTP calls from a chosen loopback source address (127.0.0.2, 127.0.0.3, …), so that per-address
 * limits can be tested as distinct clients would meet them. Close the pool's agents in afterAll.
 */
export function addressPool() {
  const agents = new Map<string, Agent>();
  const agentFor = (address: string) => {
    let agent = agents.get(address);
    if (!agent) {
      // undici 7 takes the source address as the client option `localAddress`: the connector
      // overrides `connect.localAddress` with it (null), so `{connect: {localAddress}}` binds nothing.
      agent = new Agent({ localAddress: address });
      agents.set(address, agent);
    }
    return agent;
  };
  return {
    async api(
      url: string,
      address: string,
      method: string,
      path: string,
      options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
    ): Promise<ApiResponse & { headers: Headers }> {
      const response = await fetch(`${url}${path}`, {
        method,
        dispatcher: agentFor(address),
        headers: {
          ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...options.headers,
        },
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers as unknown as Headers };
    },
    async closeAll() {
      await Promise.all([...agents.values()].map((agent) => agent.close()));
      agents.clear();
    },
  };
}
