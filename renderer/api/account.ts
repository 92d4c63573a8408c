import { z } from 'zod';
import {
  AccountSessionSchema,
  RecoveryCodesSchema,
  SecurityLogPageSchema,
  TwoFactorSetupSchema,
  TwoFactorStatusSchema,
  type AccountSession,
  type SecurityLogPage,
  type TwoFactorSetup,
  type TwoFactorStatus,
} from '../../core/auth/account';
import { requestJson } from './json-request';

export type SecurityLogQuery = { limit?: number; before?: number; kind?: string };

/**
 * The signed-in agent's own account (password, second factor, sessions) and the admins' account
 * tools (password reset, security log), bound to a server and a token so no component holds it.
 * Every method rejects with ApiRequestError; a refusal carries the server's reason.
 */
export type AccountApi = {
  changePassword(currentPassword: string, newPassword: string, signal?: AbortSignal): Promise<{ sessionsEnded: number }>;
  loadSessions(signal?: AbortSignal): Promise<AccountSession[]>;
  endOtherSessions(signal?: AbortSignal): Promise<{ ended: number }>;
  loadTwoFactor(signal?: AbortSignal): Promise<TwoFactorStatus>;
  setUpTwoFactor(signal?: AbortSignal): Promise<TwoFactorSetup>;
  /** Resolves with the recovery codes, shown once. */
  enableTwoFactor(code: string, signal?: AbortSignal): Promise<string[]>;
  disableTwoFactor(password: string, code: string, signal?: AbortSignal): Promise<void>;
  regenerateRecoveryCodes(code: string, signal?: AbortSignal): Promise<string[]>;
  /** Admins: a new password for another agent; every session of theirs ends. */
  resetAgentPassword(agentId: string, newPassword: string, signal?: AbortSignal): Promise<{ sessionsEnded: number }>;
  /** Admins: removes another agent's second factor (lost phone and codes); every session of theirs ends. */
  resetAgentTwoFactor(agentId: string, signal?: AbortSignal): Promise<void>;
  /** Admins: the security log, newest first. */
  loadSecurityLog(query: SecurityLogQuery, signal?: AbortSignal): Promise<SecurityLogPage>;
  loadSignature(signal?: AbortSignal): Promise<string>;
  saveSignature(signature: string, signal?: AbortSignal): Promise<string>;
};

const SessionsEndedSchema = z.object({ sessionsEnded: z.number().int().nonnegative() });
const EndedSchema = z.object({ ended: z.number().int().nonnegative() });
const SignatureAnswerSchema = z.object({ signature: z.string() });
// 204 answers have no body: requestJson reads it as null.
const NoContentSchema = z.null();

export function createAccountApi({ serverUrl, token }: { serverUrl: string; token: string }): AccountApi {
  const call = <T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, schema: z.ZodType<T>, body?: unknown, signal?: AbortSignal) =>
    requestJson({ serverUrl, token, method, path, body, signal }, schema);
  return {
    changePassword: (currentPassword, newPassword, signal) => call('POST', '/api/account/password', SessionsEndedSchema, { currentPassword, newPassword }, signal),
    loadSessions: (signal) => call('GET', '/api/account/sessions', z.array(AccountSessionSchema), undefined, signal),
    endOtherSessions: (signal) => call('DELETE', '/api/account/sessions/others', EndedSchema, undefined, signal),
    loadTwoFactor: (signal) => call('GET', '/api/account/2fa', TwoFactorStatusSchema, undefined, signal),
    setUpTwoFactor: (signal) => call('POST', '/api/account/2fa/setup', TwoFactorSetupSchema, undefined, signal),
    enableTwoFactor: async (code, signal) => (await call('POST', '/api/account/2fa/enable', RecoveryCodesSchema, { code }, signal)).recoveryCodes,
    disableTwoFactor: async (password, code, signal) => {
      await call('POST', '/api/account/2fa/disable', NoContentSchema, { password, code }, signal);
    },
    regenerateRecoveryCodes: async (code, signal) => (await call('POST', '/api/account/2fa/recovery-codes', RecoveryCodesSchema, { code }, signal)).recoveryCodes,
    resetAgentPassword: (agentId, newPassword, signal) => call('POST', `/api/agents/${encodeURIComponent(agentId)}/password`, SessionsEndedSchema, { newPassword }, signal),
    resetAgentTwoFactor: async (agentId, signal) => {
      await call('DELETE', `/api/agents/${encodeURIComponent(agentId)}/2fa`, NoContentSchema, undefined, signal);
    },
    loadSignature: async (signal) => (await call('GET', '/api/account/signature', SignatureAnswerSchema, undefined, signal)).signature,
    saveSignature: async (signature, signal) => (await call('PUT', '/api/account/signature', SignatureAnswerSchema, { signature }, signal)).signature,
    loadSecurityLog: (query, signal) => {
      const params = new URLSearchParams();
      if (query.limit !== undefined) params.set('limit', String(query.limit));
      if (query.before !== undefined) params.set('before', String(query.before));
      if (query.kind) params.set('kind', query.kind);
      const search = params.toString();
      return call('GET', `/api/admin/security-log${search ? `?${search}` : ''}`, SecurityLogPageSchema, undefined, signal);
    },
  };
}
