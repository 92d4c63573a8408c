import { SlaSettingsSchema, type SlaSettings } from '../../core';

/** A settings screen should not hang on a server that does not answer. */
const REQUEST_TIMEOUT_MS = 15_000;

/**
 * Why an SLA settings request failed:
 * - unreachable: no HTTP answer (offline, timeout, aborted);
 * - refused: the server answered 4xx/5xx; `message` is its `{ error }` text when it sent one
 *   (for 400 on save: what is wrong with the settings);
 * - bad_response: a 2xx whose body is not SLA settings.
 */
export class SlaSettingsError extends Error {
  override readonly name = 'SlaSettingsError';

  constructor(
    readonly failure: 'unreachable' | 'refused' | 'bad_response',
    message: string,
    readonly status: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** GET /api/admin/sla (supervisors and admins). Resolves with validated settings; rejects with SlaSettingsError. */
export async function fetchSlaSettings(serverUrl: string, token: string, signal?: AbortSignal): Promise<SlaSettings> {
  const response = await send(`${trimSlash(serverUrl)}/api/admin/sla`, { headers: { authorization: `Bearer ${token}` } }, signal);
  return readSettings(response);
}

/**
 * PUT /api/admin/sla (admins). Resolves with the settings the server stored; rejects with
 * SlaSettingsError, whose message is the server's own explanation on a 400.
 */
export async function saveSlaSettings(serverUrl: string, token: string, settings: SlaSettings, signal?: AbortSignal): Promise<SlaSettings> {
  const response = await send(
    `${trimSlash(serverUrl)}/api/admin/sla`,
    { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(settings) },
    signal,
  );
  return readSettings(response);
}

async function send(url: string, init: RequestInit, signal?: AbortSignal): Promise<Response> {
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  try {
    return await fetch(url, { ...init, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
  } catch (error) {
    throw new SlaSettingsError('unreachable', error instanceof Error ? error.message : String(error), null, { cause: error });
  }
}

async function readSettings(response: Response): Promise<SlaSettings> {
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const serverText = typeof body === 'object' && body !== null && 'error' in body && typeof body.error === 'string' ? body.error : null;
    throw new SlaSettingsError('refused', serverText ?? `HTTP ${response.status}`, response.status);
  }
  const parsed = SlaSettingsSchema.safeParse(body);
  if (!parsed.success) throw new SlaSettingsError('bad_response', 'unexpected response', response.status, { cause: parsed.error });
  return parsed.data;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
