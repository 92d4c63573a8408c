import type { z } from 'zod';

/** A screen should not hang on a server that does not answer. */
const REQUEST_TIMEOUT_MS = 15_000;

/**
 * Why an authenticated API request failed:
 * - unreachable: no HTTP answer (offline, timeout, aborted);
 * - refused: the server answered 4xx/5xx; `message` is its `{ error }` text when it sent one;
 * - bad_response: a 2xx whose body is not what the endpoint promises.
 */
export class ApiRequestError extends Error {
  override readonly name = 'ApiRequestError';

  constructor(
    readonly failure: 'unreachable' | 'refused' | 'bad_response',
    message: string,
    readonly status: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** One bearer-authenticated JSON request whose answer is validated by `schema`; rejects with ApiRequestError. */
export async function requestJson<T>(
  request: { serverUrl: string; token: string; method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'; path: string; body?: unknown; signal?: AbortSignal; headers?: Record<string, string> },
  schema: z.ZodType<T>,
): Promise<T> {
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  const headers: Record<string, string> = { ...request.headers, authorization: `Bearer ${request.token}` };
  const init: RequestInit = { method: request.method, headers, signal: request.signal ? AbortSignal.any([request.signal, timeout]) : timeout };
  if (request.body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(request.body);
  }
  let response: Response;
  try {
    response = await fetch(`${request.serverUrl.replace(/\/+$/, '')}${request.path}`, init);
  } catch (error) {
    throw new ApiRequestError('unreachable', error instanceof Error ? error.message : String(error), null, { cause: error });
  }
  const answer: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const serverText = typeof answer === 'object' && answer !== null && 'error' in answer && typeof answer.error === 'string' ? answer.error : null;
    throw new ApiRequestError('refused', serverText ?? `HTTP ${response.status}`, response.status);
  }
  const parsed = schema.safeParse(answer);
  if (!parsed.success) throw new ApiRequestError('bad_response', 'unexpected response', response.status, { cause: parsed.error });
  return parsed.data;
}
