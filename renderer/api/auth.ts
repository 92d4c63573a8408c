import { z } from 'zod';
import type { StoredSession } from '../platform/platform';
import { SessionAgentSchema } from '../platform/stored-session';
import { AuthError } from './auth-error';

export { AuthError, type AuthFailure } from './auth-error';

const LoginResponseSchema = z.object({ token: z.string().min(1), agent: SessionAgentSchema });

/** A hung server must not leave the agent staring at "Signing in…" forever. */
const REQUEST_TIMEOUT_MS = 15_000;

/**
 * POST /api/auth/login. Resolves with the token and agent; rejects with an AuthError whose
 * `failure` tells the form what to say (see AuthFailure). Never stores anything itself.
 */
export async function login(serverUrl: string, email: string, password: string): Promise<StoredSession> {
  const response = await send(`${trimSlash(serverUrl)}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status === 401) throw new AuthError('invalid_credentials', 401);
  if (!response.ok) throw new AuthError('server_error', response.status);

  const body: unknown = await response.json().catch(() => null);
  const parsed = LoginResponseSchema.safeParse(body);
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
