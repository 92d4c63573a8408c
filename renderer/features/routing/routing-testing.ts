import { createFakeDeskApi } from '../../app/testing/render-desk';
import type { DeskApi } from '../../api/desk-api';
import type { TeamGroup } from '../../api/team';
import type { SessionAgent } from '../../sync/desk-session';

/** Shared fixtures of the routing tests (test code only). */

export const SUPERVISOR: SessionAgent = {
  id: '00000000-0000-4000-8000-0000000000b1',
  name: 'Sam Supervisor',
  email: 'sam@example.com',
  role: 'supervisor',
  level: 2,
};

export const EXPERT: SessionAgent = {
  id: '00000000-0000-4000-8000-0000000000b3',
  name: 'Eve Expert',
  email: 'eve@example.com',
  role: 'agent',
  level: 3,
};

export const OTHER_AGENT_ID = '00000000-0000-4000-8000-0000000000c9';

export const NETWORK: TeamGroup = { id: '00000000-0000-4000-8000-0000000000d1', name: 'Network', categories: ['vpn'], members: [] };
export const BILLING: TeamGroup = { id: '00000000-0000-4000-8000-0000000000d2', name: 'Billing', categories: ['invoice'], members: [] };
export const GENERAL: TeamGroup = { id: '00000000-0000-4000-8000-0000000000d3', name: 'General', categories: [], members: [] };

/** A DeskApi whose only working request is GET /api/groups, answered by `loadGroups`. */
export function groupsApi(loadGroups: DeskApi['loadGroups']): DeskApi {
  return createFakeDeskApi({ loadGroups });
}
