import { z } from 'zod';
import { AgentSchema } from '../../core';

/** One colleague as the directory lists them: enough to show a name and offer them as assignee; no email. */
export const DirectoryAgentSchema = AgentSchema.pick({ id: true, name: true, role: true, level: true, active: true });
export type DirectoryAgent = z.infer<typeof DirectoryAgentSchema>;

export const DirectoryListSchema = z.array(DirectoryAgentSchema);

/** Names are a convenience: a slow server must not keep a request (and its socket) open for long. */
const REQUEST_TIMEOUT_MS = 15_000;

/**
 * GET /api/directory/agents with the agent's token. Resolves with every agent, active or not;
 * rejects (network failure, timeout, abort, non-2xx, a body that is not a list of agents) with an
 * Error saying which. Never caches anything itself.
 */
export async function fetchAgentDirectory(serverUrl: string, token: string, signal?: AbortSignal): Promise<DirectoryAgent[]> {
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  const response = await fetch(`${serverUrl.replace(/\/+$/, '')}/api/directory/agents`, {
    headers: { authorization: `Bearer ${token}` },
    signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
  });
  if (!response.ok) throw new Error(`agent directory: HTTP ${response.status}`);
  const parsed = DirectoryListSchema.safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw new Error('agent directory: unexpected response', { cause: parsed.error });
  return parsed.data;
}
