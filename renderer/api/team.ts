import { z } from 'zod';
import { requestJson } from './json-request';
import { AgentSchema, GroupMemberSchema, GroupSchema, type Agent, type GroupMember, type Level, type Role } from '../../core';

export type TeamAgent = Agent;
export const TeamGroupSchema = GroupSchema.extend({ members: z.array(GroupMemberSchema) });
export type TeamGroup = z.infer<typeof TeamGroupSchema>;

export type NewTeamAgent = { email: string; name: string; password: string; role: Role; level: Level };
export type TeamAgentChanges = { name?: string; role?: Role; level?: Level; active?: boolean };
export type NewTeamGroup = { name: string; categories?: string[] };

const CreatedSchema = z.object({ id: z.string() });

export { ApiRequestError as TeamRequestError } from './json-request';

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

/** 409 answers carry the reason: a duplicate email or group name, or an admin deactivating or demoting themselves. */
function request<T>(
  serverUrl: string,
  token: string,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT',
  path: string,
  body: unknown,
  schema: z.ZodType<T>,
  signal?: AbortSignal,
): Promise<T> {
  return requestJson({ serverUrl, token, method, path, body, signal }, schema);
}
