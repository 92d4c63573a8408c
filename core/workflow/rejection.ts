/**
 * Why the server (or the console's optimistic view) refused an intent. `code` is stable and is
 * translated by the console; `message` is English for logs and HTTP clients.
 */
export const REJECTION_CODES = [
  'invalid_mutation',
  'ticket_not_found',
  'forbidden',
  'transition_not_allowed',
  'already_assigned',
  'not_assigned',
  'duplicate_required',
  'duplicate_of_itself',
  'duplicate_not_found',
  'unknown_agent',
  'ticket_final',
  'hold_out_of_range',
  'cannot_escalate',
  'unknown_group',
  'not_solved',
  'conversation_full',
  'attachment_not_found',
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

export type Rejection = {
  code: RejectionCode;
  message: string;
  params?: Record<string, string | number>;
};

export const reject = (
  code: RejectionCode,
  message: string,
  params?: Rejection['params'],
): Rejection => (params ? { code, message, params } : { code, message });
