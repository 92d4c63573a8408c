import type { SlaSettings } from '../../core';
import { fetchSlaSettings, saveSlaSettings } from './sla-settings';

/**
 * Server requests a signed-in screen makes directly (online only, nothing replicated), already
 * bound to the server and the session's token so that no component ever holds the token.
 */
export type DeskApi = {
  loadSlaSettings(signal?: AbortSignal): Promise<SlaSettings>;
  saveSlaSettings(settings: SlaSettings, signal?: AbortSignal): Promise<SlaSettings>;
};

export type OpenDeskApi = (options: { serverUrl: string; token: string }) => DeskApi;

export const createDeskApi: OpenDeskApi = ({ serverUrl, token }) => ({
  loadSlaSettings: (signal) => fetchSlaSettings(serverUrl, token, signal),
  saveSlaSettings: (settings, signal) => saveSlaSettings(serverUrl, token, settings, signal),
});
