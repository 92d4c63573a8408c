import { z } from 'zod';
import { AgentSchema, GroupMemberSchema, GroupSchema, type Agent, type GroupMember, type Level, type Role } from '../../core';

/** An admin screen should not hang on a server that does not answer. */
const REQUEST_TIMEOUT_MS = 15_000;

export type TeamAgent = Agent;
export const TeamGroupSchema = GroupSchema.extend({ members: z.array(GroupMemberSchema) });
export type TeamGroup = z.infer<typeof TeamGroupSchema>;

export type NewTeamAgent = { email: string; name: string; password: string; role: Role; level: Level };
export type TeamAgentChanges = { name?: string; role?: Role; level?: Level; active?: boolean };
export type NewTeamGroup = { name: string; categories?: string[] };

const CreatedSchema = z.object({ id: z.string() });

/**
 * Why a team request failed:
 * - unreachable: no HTTP answer (offline, timeout, aborted);
 * - refused: the server answered 4xx/5xx; `message` is its `{ error }` text when it sent one
 *   (409: duplicate email or group name, or an admin deactivating/demoting themselves);
 * - bad_response: a 2xx whose body is not what the endpoint promises.
 */
export class TeamRequestError extends Error {
  override readonly name = 'TeamRequestError';

  constructor(
    readonly failure: 'unreachable' | 'refused' | 'bad_response',
    message: string,
    readonly status: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** GET /api/agents (supervisors and admins): every agent, active or not, with email. */
export function fetchAgents(serverUrl: string, token: string, signal?: AbortSignal): Promise<TeamAgent[]> {
  return request(serverUrl, token, 'GET', '/api/agents', undefined, z.array(AgentSchema), signal);
}

/** POST /api/agents (admins). Resolves with the new agent's id. */
export async function createAgent(serverUrl: string, token: string, agent: NewTeamAgent, signal?: AbortSignal): Promise<string> {
  return (await request(serverUrl, token, 'POST', '/api/agents', agent, CreatedSchema, signal)).id;
}

/** PATCH /api/agents/:id (admins). Resolves with the agent as stored; deactivation signs them out on the server. */
export function updateAgent(serverUrl: string, token: string, id: string, changes: TeamAgentChanges, signal?: AbortSignal): Promise<TeamAgent> {
  return request(serverUrl, token, 'PATCH', `/api/agents/${encodeURIComponent(id)}`, changes, AgentSchema, signal);
}

/** GET /api/groups (any signed-in agent): groups with their members. */
export function fetchGroups(serverUrl: string, token: string, signal?: AbortSignal): Promise<TeamGroup[]> {
  return request(serverUrl, token, 'GET', '/api/groups', undefined, z.array(TeamGroupSchema), signal);
}

/** POST /api/groups (admins). Resolves with the new group's id. */
export async function createGroup(serverUrl: string, token: string, group: NewTeamGroup, signal?: AbortSignal): Promise<string> {
  return (await request(serverUrl, token, 'POST', '/api/groups', group, CreatedSchema, signal)).id;
}

/** PUT /api/groups/:id/members (admins): replaces the whole member list; resolves with what was stored. */
export function replaceGroupMembers(serverUrl: string, token: string, groupId: string, members: GroupMember[], signal?: AbortSignal): Promise<GroupMember[]> {
  return request(serverUrl, token, 'PUT', `/api/groups/${encodeURIComponent(groupId)}/members`, members, z.array(GroupMemberSchema), signal);
}

async function request<T>(
  serverUrl: string,
  token: string,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT',
  path: string,
  body: unknown,
  schema: z.ZodType<T>,
  signal?: AbortSignal,
): Promise<T> {
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  const init: RequestInit = { method, headers, signal: signal ? AbortSignal.any([signal, timeout]) : timeout };
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(`${serverUrl.replace(/\/+$/, '')}${path}`, init);
  } catch (error) {
    throw new TeamRequestError('unreachable', error instanceof Error ? error.message : String(error), null, { cause: error });
  }
  const answer: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const serverText = typeof answer === 'object' && answer !== null && 'error' in answer && typeof answer.error === 'string' ? answer.error : null;
    throw new TeamRequestError('refused', serverText ?? `HTTP ${response.status}`, response.status);
  }
  const parsed = schema.safeParse(answer);
  if (!parsed.success) throw new TeamRequestError('bad_response', 'unexpected response', response.status, { cause: parsed.error });
  return parsed.data;
}
