import { SlaSettingsSchema, type SlaSettings } from '../../core';
import { requestJson } from './json-request';

export { ApiRequestError as SlaSettingsError } from './json-request';

/** GET /api/admin/sla (supervisors and admins). Resolves with validated settings; rejects with ApiRequestError. */
export function fetchSlaSettings(serverUrl: string, token: string, signal?: AbortSignal): Promise<SlaSettings> {
  return requestJson({ serverUrl, token, method: 'GET', path: '/api/admin/sla', signal }, SlaSettingsSchema);
}

/**
 * PUT /api/admin/sla (admins). Resolves with the settings the server stored; rejects with
 * ApiRequestError, whose message is the server's own explanation on a 400.
 */
export function saveSlaSettings(serverUrl: string, token: string, settings: SlaSettings, signal?: AbortSignal): Promise<SlaSettings> {
  return requestJson({ serverUrl, token, method: 'PUT', path: '/api/admin/sla', body: settings, signal }, SlaSettingsSchema);
}
