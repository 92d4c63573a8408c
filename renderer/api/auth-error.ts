/**
 * Why signing in failed, as the sign-in form distinguishes it:
 * - invalid_credentials: the server answered 401 (wrong email or password);
 * - second_factor_required: the password was right; the server wants a code (401 `totp_required`);
 * - second_factor_invalid: the code was wrong, expired or already used (401 `totp_invalid`);
 * - throttled: too many failed attempts (429); `retryAfterSeconds` says when to try again;
 * - unreachable: no answer at all (offline, wrong address, server down);
 * - server_error: any other non-2xx status;
 * - bad_response: a 2xx whose body is not a session.
 */
export type AuthFailure =
  | 'invalid_credentials'
  | 'second_factor_required'
  | 'second_factor_invalid'
  | 'throttled'
  | 'unreachable'
  | 'server_error'
  | 'bad_response';

export class AuthError extends Error {
  override readonly name = 'AuthError';

  constructor(
    readonly failure: AuthFailure,
    readonly status: number | null = null,
    options?: { cause?: unknown; retryAfterSeconds?: number },
  ) {
    super(`sign-in failed: ${failure}${status === null ? '' : ` (HTTP ${status})`}`, options);
    this.retryAfterSeconds = options?.retryAfterSeconds ?? null;
  }

  readonly retryAfterSeconds: number | null;
}
