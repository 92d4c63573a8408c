import { z } from 'zod';
import { SPAM_REASON_CODES } from '../../core';
import { requestJson } from './json-request';

const HeldMailSchema = z.object({
  id: z.string(),
  from: z.string(),
  subject: z.string(),
  preview: z.string(),
  score: z.number(),
  reasons: z.array(z.object({ code: z.enum(SPAM_REASON_CODES), points: z.number(), detail: z.string().optional() })),
  receivedAt: z.number(),
});
export type HeldMail = z.infer<typeof HeldMailSchema>;
const HeldPageSchema = z.object({ mails: z.array(HeldMailSchema), nextCursor: z.string().nullable() });
export type HeldPage = z.infer<typeof HeldPageSchema>;
const ReleasedSchema = z.object({ outcome: z.string(), ticketNumber: z.number().nullable() });

const SpamRulesAnswerSchema = z.object({ allow: z.array(z.string()), block: z.array(z.string()), threshold: z.number() });
export type SpamRulesAnswer = z.infer<typeof SpamRulesAnswerSchema>;

export type SpamApi = {
  /** Admins: the allow and block lists and the threshold. */
  loadSpamRules(signal?: AbortSignal): Promise<SpamRulesAnswer>;
  saveSpamRules(rules: SpamRulesAnswer): Promise<SpamRulesAnswer>;
  loadHeldMail(cursor: string | null, signal?: AbortSignal): Promise<HeldPage>;
  /** Resolves with the ticket the mail opened or joined (null: it was already stored). */
  releaseHeldMail(id: string): Promise<number | null>;
  deleteHeldMail(id: string): Promise<void>;
};

export function createSpamApi({ serverUrl, token }: { serverUrl: string; token: string }): SpamApi {
  return {
    loadSpamRules: (signal) => requestJson({ serverUrl, token, method: 'GET', path: '/api/admin/spam-rules', signal }, SpamRulesAnswerSchema),
    saveSpamRules: (rules) => requestJson({ serverUrl, token, method: 'PUT', path: '/api/admin/spam-rules', body: rules }, SpamRulesAnswerSchema),
    loadHeldMail: (cursor, signal) => requestJson({ serverUrl, token, method: 'GET', path: `/api/spam${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`, signal }, HeldPageSchema),
    releaseHeldMail: async (id) => (await requestJson({ serverUrl, token, method: 'POST', path: `/api/spam/${encodeURIComponent(id)}/release` }, ReleasedSchema)).ticketNumber,
    deleteHeldMail: async (id) => {
      await requestJson({ serverUrl, token, method: 'DELETE', path: `/api/spam/${encodeURIComponent(id)}` }, z.null());
    },
  };
}
