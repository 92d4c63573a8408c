import { z } from 'zod';
import type { DeskMailSettings, MailboxPatch, MailboxSettings } from '../../core';
import { requestJson } from './json-request';

const MailboxViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  host: z.string(),
  port: z.number(),
  tls: z.boolean(),
  tlsVerify: z.boolean(),
  user: z.string(),
  folder: z.string(),
  afterProcessing: z.enum(['flag', 'move']),
  moveTo: z.string().optional(),
  enabled: z.boolean(),
  passwordSet: z.literal(true),
  lastPolledAt: z.number().nullable(),
  lastError: z.string().nullable(),
  idle: z.boolean().nullable(),
});
export type MailboxListing = z.infer<typeof MailboxViewSchema>;

const SourceSchema = z.enum(['env', 'console']);
const MailSetupSchema = z.object({
  from: z.string(),
  fromSource: SourceSchema,
  addresses: z.array(z.string()),
  supportAddresses: z.array(z.object({ address: z.string(), groupId: z.string().nullable(), source: SourceSchema })),
  smtpPort: z.number().nullable(),
  relay: z.string().nullable(),
  relaySource: SourceSchema,
  publicUrl: z.string(),
  rspamd: z.boolean(),
});
export type MailSetup = z.infer<typeof MailSetupSchema>;

export type MailboxApi = {
  loadMailSetup(signal?: AbortSignal): Promise<MailSetup>;
  /** Sets the From address and the relay over the environment's (null: the environment's again); answers the new setup. */
  changeMailSettings(settings: DeskMailSettings): Promise<MailSetup>;
  /** Adds a support address, or changes the group its new tickets go to. */
  putSupportAddress(address: string, groupId: string | null): Promise<MailSetup>;
  removeSupportAddress(address: string): Promise<MailSetup>;
  /** Sends a test mail through the relay now; rejects with the relay's own words when it refuses. */
  sendTestMail(to: string): Promise<void>;
  loadMailboxes(signal?: AbortSignal): Promise<MailboxListing[]>;
  addMailbox(settings: MailboxSettings): Promise<MailboxListing>;
  changeMailbox(id: string, patch: MailboxPatch): Promise<MailboxListing>;
  removeMailbox(id: string): Promise<void>;
};

/** Admins' IMAP mailboxes (README "Email"): the password goes in, never comes back. */
export function createMailboxApi({ serverUrl, token }: { serverUrl: string; token: string }): MailboxApi {
  return {
    loadMailSetup: (signal) => requestJson({ serverUrl, token, method: 'GET', path: '/api/admin/mail', signal }, MailSetupSchema),
    changeMailSettings: (settings) => requestJson({ serverUrl, token, method: 'PATCH', path: '/api/admin/mail', body: settings }, MailSetupSchema),
    putSupportAddress: (address, groupId) => requestJson({ serverUrl, token, method: 'PUT', path: `/api/admin/mail/addresses/${encodeURIComponent(address)}`, body: { groupId } }, MailSetupSchema),
    removeSupportAddress: (address) => requestJson({ serverUrl, token, method: 'DELETE', path: `/api/admin/mail/addresses/${encodeURIComponent(address)}` }, MailSetupSchema),
    sendTestMail: async (to) => {
      await requestJson({ serverUrl, token, method: 'POST', path: '/api/admin/mail/test', body: { to } }, z.object({ sent: z.literal(true) }));
    },
    loadMailboxes: async (signal) => (await requestJson({ serverUrl, token, method: 'GET', path: '/api/admin/mailboxes', signal }, z.object({ mailboxes: z.array(MailboxViewSchema) }))).mailboxes,
    addMailbox: (settings) => requestJson({ serverUrl, token, method: 'POST', path: '/api/admin/mailboxes', body: settings }, MailboxViewSchema),
    changeMailbox: (id, patch) => requestJson({ serverUrl, token, method: 'PATCH', path: `/api/admin/mailboxes/${encodeURIComponent(id)}`, body: patch }, MailboxViewSchema),
    removeMailbox: async (id) => {
      await requestJson({ serverUrl, token, method: 'DELETE', path: `/api/admin/mailboxes/${encodeURIComponent(id)}` }, z.null());
    },
  };
}
