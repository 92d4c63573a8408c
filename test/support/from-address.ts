import { Agent, fetch as undiciFetch } from 'undici';

const agents = new Map<string, Agent>();

/**
 * HTTP requests from a chosen loopback address (127.0.0.2, 127.0.0.3, …): distinct clients for
 * per-address limits, on one machine. Returns status, headers and the parsed JSON body.
 */
export async function fromAddress(
  localAddress: string,
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<{ status: number; headers: Headers; body: any }> {
  let dispatcher = agents.get(localAddress);
  if (!dispatcher) {
    // undici 7 takes the source address as a client option (inside `connect` it is overwritten).
    dispatcher = new Agent({ localAddress });
    agents.set(localAddress, dispatcher);
  }
  const response = await undiciFetch(url, {
    method: init.method ?? 'GET',
    dispatcher,
    headers: { ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers as unknown as Headers, body: text ? JSON.parse(text) : null };
}

export async function closeAddressAgents(): Promise<void> {
  await Promise.all([...agents.values()].map((agent) => agent.close()));
  agents.clear();
}
