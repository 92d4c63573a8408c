import { createAccountApi, type AccountApi } from './account';
import type { GroupMember, KpiHistory, KpiHistoryQuery, SlaSettings } from '../../core';
import { z } from 'zod';
import { fetchAttachment } from './attachments';
import { requestJson } from './json-request';
import { fetchKpiHistory } from './kpi';
import { createKnowledgeApi, type KnowledgeApi } from './knowledge';
import { createMailboxApi, type MailboxApi } from './mailboxes';
import { createSpamApi, type SpamApi } from './spam';
import { createTemplatesApi, type TemplatesApi } from './templates';
import { createServerSearchApi, type ServerSearchApi } from './server-search';
import { fetchSlaSettings, saveSlaSettings } from './sla-settings';
import {
  createAgent,
  createGroup,
  fetchAgents,
  fetchGroups,
  replaceGroupMembers,
  updateAgent,
  type NewTeamAgent,
  type NewTeamGroup,
  type TeamAgent,
  type TeamAgentChanges,
  type TeamGroup,
} from './team';

/**
 * Server requests a signed-in screen makes directly (online only, nothing replicated), already
 * bound to the server and the session's token so that no component ever holds the token.
 */
export type DeskApi = AccountApi &
  SpamApi &
  MailboxApi &
  KnowledgeApi &
  TemplatesApi &
  ServerSearchApi & {
  loadSlaSettings(signal?: AbortSignal): Promise<SlaSettings>;
  saveSlaSettings(settings: SlaSettings, signal?: AbortSignal): Promise<SlaSettings>;
  loadAgents(signal?: AbortSignal): Promise<TeamAgent[]>;
  /** Resolves with the new agent's id. */
  addAgent(agent: NewTeamAgent, signal?: AbortSignal): Promise<string>;
  changeAgent(id: string, changes: TeamAgentChanges, signal?: AbortSignal): Promise<TeamAgent>;
  loadGroups(signal?: AbortSignal): Promise<TeamGroup[]>;
  /** Resolves with the new group's id. */
  addGroup(group: NewTeamGroup, signal?: AbortSignal): Promise<string>;
  /** Replaces the whole member list. */
  saveGroupMembers(groupId: string, members: GroupMember[], signal?: AbortSignal): Promise<GroupMember[]>;
  /** Supervisors and admins: KPIs of a period (their groups only for supervisors). */
  loadKpiHistory(query: KpiHistoryQuery, signal?: AbortSignal): Promise<KpiHistory>;
  /** A file of a message (cached once opened, so it stays readable offline). */
  openAttachment(attachment: { id: string }): Promise<Blob>;
  /** Mails the ticket's public conversation to an outside address (online only). */
  forwardTicket(number: number, to: string, note?: string): Promise<void>;
};

export type OpenDeskApi = (options: { serverUrl: string; token: string }) => DeskApi;

export const createDeskApi: OpenDeskApi = ({ serverUrl, token }) => ({
  ...createAccountApi({ serverUrl, token }),
  ...createSpamApi({ serverUrl, token }),
  ...createMailboxApi({ serverUrl, token }),
  ...createKnowledgeApi({ serverUrl, token }),
  ...createTemplatesApi({ serverUrl, token }),
  ...createServerSearchApi({ serverUrl, token }),
  loadSlaSettings: (signal) => fetchSlaSettings(serverUrl, token, signal),
  saveSlaSettings: (settings, signal) => saveSlaSettings(serverUrl, token, settings, signal),
  loadAgents: (signal) => fetchAgents(serverUrl, token, signal),
  addAgent: (agent, signal) => createAgent(serverUrl, token, agent, signal),
  changeAgent: (id, changes, signal) => updateAgent(serverUrl, token, id, changes, signal),
  loadGroups: (signal) => fetchGroups(serverUrl, token, signal),
  addGroup: (group, signal) => createGroup(serverUrl, token, group, signal),
  saveGroupMembers: (groupId, members, signal) => replaceGroupMembers(serverUrl, token, groupId, members, signal),
  loadKpiHistory: (query, signal) => fetchKpiHistory(serverUrl, token, query, signal),
  forwardTicket: async (number, to, note) => {
    await requestJson({ serverUrl, token, method: 'POST', path: `/api/tickets/${number}/forward`, body: { to, ...(note ? { note } : {}) } }, z.object({ id: z.string() }));
  },
  openAttachment: (attachment) => fetchAttachment(serverUrl, token, `/api/attachments/${attachment.id}`, attachment.id),
});
