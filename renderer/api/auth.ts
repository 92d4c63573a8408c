import { LoginAnswerSchema, type LoginAnswer } from '../../core/auth/account';
import { AuthError } from './auth-error';

export { AuthError, type AuthFailure } from './auth-error';

/** A hung server must not leave the agent staring at "Signing in…" forever. */
const REQUEST_TIMEOUT_MS = 15_000;

/** What the agent typed; `totp` or `recoveryCode` only on the second step, after `second_factor_required`. */
export type Credentials = { email: string; password: string; totp?: string; recoveryCode?: string };

/**
 * POST /api/auth/login. Resolves with the token, the agent and what the console must ask next
 * (a password change, a second-factor enrolment); rejects with an AuthError whose `failure` tells
 * the form what to say (see AuthFailure). Never stores anything itself.
 */
export async function login(serverUrl: string, credentials: Credentials): Promise<LoginAnswer> {
  const response = await send(`${trimSlash(serverUrl)}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  const body: unknown = await response.json().catch(() => null);
  if (response.status === 401) throw new AuthError(secondFactorFailure(body) ?? 'invalid_credentials', 401);
  if (response.status === 429) throw new AuthError('throttled', 429, { retryAfterSeconds: retryAfter(response, body) });
  if (!response.ok) throw new AuthError('server_error', response.status);

  const parsed = LoginAnswerSchema.safeParse(body);
  if (!parsed.success) throw new AuthError('bad_response', response.status, { cause: parsed.error });
  return parsed.data;
}

/**
 * POST /api/auth/logout: revokes the token on the server. Rejects with an AuthError when the
 * server cannot be reached or refuses; callers signing out locally may ignore that, because the
 * local session is cleared either way.
 */
export async function logout(serverUrl: string, token: string): Promise<void> {
  const response = await send(`${trimSlash(serverUrl)}/api/auth/logout`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  // 401: the token is already invalid, which is what logging out wants.
  if (!response.ok && response.status !== 401) throw new AuthError('server_error', response.status);
}

function secondFactorFailure(body: unknown): 'second_factor_required' | 'second_factor_invalid' | null {
  const code = typeof body === 'object' && body !== null && 'code' in body ? body.code : null;
  if (code === 'totp_required') return 'second_factor_required';
  if (code === 'totp_invalid') return 'second_factor_invalid';
  return null;
}

/** The body says it too: a cross-origin console (the desktop app) cannot read Retry-After unless it is exposed. */
function retryAfter(response: Response, body: unknown): number {
  const fromBody = typeof body === 'object' && body !== null && 'retryAfterSeconds' in body ? Number(body.retryAfterSeconds) : Number.NaN;
  const seconds = Number.isFinite(fromBody) ? fromBody : Number(response.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : 1;
}

async function send(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  } catch (error) {
    // fetch rejects only when no HTTP answer arrived: network down, DNS, refused, timeout, CORS.
    throw new AuthError('unreachable', null, { cause: error });
  }
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
