import { ApiRequestError } from './json-request';

/** Files once opened stay readable offline: kept in the browser's Cache Storage under their id (their bytes never change). */
const CACHE_NAME = 'tierdesk-attachments';
const REQUEST_TIMEOUT_MS = 60_000;

/**
 * The bytes of one attachment, with the session's token. A file opened before comes from the
 * local cache (also offline); a new one is fetched and kept. Where Cache Storage is missing
 * (an insecure origin), files are fetched each time.
 */
export async function fetchAttachment(serverUrl: string, token: string, url: string, id: string): Promise<Blob> {
  const cache = typeof caches === 'undefined' ? null : await caches.open(CACHE_NAME).catch(() => null);
  const key = `${serverUrl.replace(/\/+$/, '')}/__attachments/${id}`;
  const cached = await cache?.match(key);
  if (cached) return cached.blob();
  let response: Response;
  try {
    response = await fetch(`${serverUrl.replace(/\/+$/, '')}${url}`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  } catch (error) {
    throw new ApiRequestError('unreachable', 'the file is not on this device and the server cannot be reached', null, { cause: error });
  }
  if (!response.ok) throw new ApiRequestError('refused', `the server refused the file (${response.status})`, response.status);
  const blob = await response.blob();
  await cache?.put(key, new Response(blob, { headers: { 'content-type': response.headers.get('content-type') ?? 'application/octet-stream' } })).catch(() => undefined);
  return blob;
}

/** Signing out wipes the files kept for offline reading with the rest of the agent's local data. */
export async function forgetAttachments(): Promise<void> {
  if (typeof caches !== 'undefined') await caches.delete(CACHE_NAME).catch(() => undefined);
}
