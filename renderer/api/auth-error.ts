/**
 * Why signing in failed, as the sign-in form distinguishes it:
 * - invalid_credentials: the server answered 401 (wrong email or password);
 * - unreachable: no answer at all (offline, wrong address, server down);
 * - server_error: any other non-2xx status;
 * - bad_response: a 2xx whose body is not a session.
 */
export type AuthFailure = 'invalid_credentials' | 'unreachable' | 'server_error' | 'bad_response';

export class AuthError extends Error {
  override readonly name = 'AuthError';

  constructor(
    readonly failure: AuthFailure,
    readonly status: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(`sign-in failed: ${failure}${status === null ? '' : ` (HTTP ${status})`}`, options);
  }
}
