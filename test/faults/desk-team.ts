import { randomBytes } from 'node:crypto';
import type { Level, Role } from '../../core';
import { ADMIN } from '../support/test-server';
import { httpExpect } from './http';

/**
 * The desk every fault run starts from: two groups, agents at different lines in them, a
 * supervisor, an admin, and an agent without a console (assignments to someone offline).
 * Capacities are small so tickets queue up, wait, and are handed out as capacity frees.
 *
 *   Alpha: ana (L1), ben (L2), cal (L1, no console)     Beta: ben (L1), sue (supervisor, L2)
 *   adm: admin, sees everything. General keeps only the first admin: its tickets wait there.
 *
 * Four consoles, because RxDB's free version opens at most 13 collections in one process (three
 * per console, which are opened without the library: the runs are about tickets).
 */
export type AgentName = 'ana' | 'ben' | 'cal' | 'sue' | 'adm';
export const CONSOLE_AGENTS: readonly AgentName[] = ['ana', 'ben', 'sue', 'adm'];
export const ALL_AGENTS: readonly AgentName[] = ['ana', 'ben', 'cal', 'sue', 'adm'];
export type GroupName = 'alpha' | 'beta' | 'general';
export const GROUP_NAMES: readonly GroupName[] = ['alpha', 'beta', 'general'];

export type DeskAgent = { name: AgentName; id: string; token: string; role: Role; level: Level; displayName: string; email: string };
export type DeskGroup = { name: GroupName; id: string; /** The intake tag that routes a ticket here; null for General (no tag). */ tag: string | null };
export type DeskTeam = { agents: Record<AgentName, DeskAgent>; groups: Record<GroupName, DeskGroup>; adminToken: string };

const PROFILES: Record<AgentName, { role: Role; level: Level; displayName: string }> = {
  ana: { role: 'agent', level: 1, displayName: 'Ana Alpha' },
  ben: { role: 'agent', level: 2, displayName: 'Ben Both' },
  cal: { role: 'agent', level: 1, displayName: 'Cal Console-less' },
  sue: { role: 'supervisor', level: 2, displayName: 'Sue Supervisor' },
  adm: { role: 'admin', level: 3, displayName: 'Adm Admin' },
};
const PASSWORD = 'fault-run-password-1';

export async function createDeskTeam(serverUrl: string): Promise<DeskTeam> {
  const { token: adminToken } = await httpExpect(serverUrl, 'POST', '/api/auth/login', 200, { body: ADMIN });
  const suffix = randomBytes(3).toString('hex');
  const agents = {} as Record<AgentName, DeskAgent>;
  for (const name of ALL_AGENTS) {
    const profile = PROFILES[name];
    const email = `${name}.${suffix}@faults.test`;
    await httpExpect(serverUrl, 'POST', '/api/agents', 201, { token: adminToken, body: { email, name: profile.displayName, password: PASSWORD, role: profile.role, level: profile.level } });
    const signedIn = await httpExpect(serverUrl, 'POST', '/api/auth/login', 200, { body: { email, password: PASSWORD } });
    agents[name] = { name, id: signedIn.agent.id, token: signedIn.token, email, ...profile };
  }

  const group = async (name: 'alpha' | 'beta'): Promise<DeskGroup> => {
    const tag = `${name}-${suffix}`;
    const { id } = await httpExpect(serverUrl, 'POST', '/api/groups', 201, { token: adminToken, body: { name: `${name} ${suffix}`, categories: [tag] } });
    return { name, id, tag };
  };
  const alpha = await group('alpha');
  const beta = await group('beta');
  const member = (name: AgentName, level: Level, capacity = 3) => ({ agentId: agents[name].id, level, capacity });
  await httpExpect(serverUrl, 'PUT', `/api/groups/${alpha.id}/members`, 200, { token: adminToken, body: [member('ana', 1), member('ben', 2), member('cal', 1)] });
  await httpExpect(serverUrl, 'PUT', `/api/groups/${beta.id}/members`, 200, { token: adminToken, body: [member('ben', 1), member('sue', 2)] });

  const groups = (await httpExpect(serverUrl, 'GET', '/api/groups', 200, { token: adminToken })) as { id: string; name: string; members: { agentId: string }[] }[];
  const general = groups.find((entry) => entry.name === 'General');
  if (!general) throw new Error('there is no General group');
  const ours = new Set(ALL_AGENTS.map((name) => agents[name].id));
  await httpExpect(serverUrl, 'PUT', `/api/groups/${general.id}/members`, 200, {
    token: adminToken,
    body: general.members.filter((entry) => !ours.has(entry.agentId)),
  });
  return { agents, groups: { alpha, beta, general: { name: 'general', id: general.id, tag: null } }, adminToken };
}
