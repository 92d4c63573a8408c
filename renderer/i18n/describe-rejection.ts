import type { TFunction } from 'i18next';
import { REJECTION_CODES, TICKET_STATUSES, type Rejection, type RejectionCode, type TicketStatus } from '../../core';

/**
 * The agent-readable reason for a refusal, in the current language. Status params (from/to) are
 * shown by their translated names. A code this console does not know (a newer server) falls back
 * to the server's English message rather than showing a raw key.
 */
export function describeRejection(t: TFunction, rejection: Rejection): string {
  if (!isKnownRejectionCode(rejection.code)) {
    return t('rejections.fallback', { message: rejection.message });
  }
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(rejection.params ?? {})) {
    params[name] = isTicketStatus(value) ? t(`status.${value}`) : value;
  }
  return t(`rejection.${rejection.code}`, params);
}

function isKnownRejectionCode(code: string): code is RejectionCode {
  return (REJECTION_CODES as readonly string[]).includes(code);
}

function isTicketStatus(value: unknown): value is TicketStatus {
  return typeof value === 'string' && (TICKET_STATUSES as readonly string[]).includes(value);
}
