import type { IpcMainInvokeEvent } from 'electron';
import { isAppUrl } from '../app-protocol';

/**
 * Throws unless the message comes from a frame showing the desk itself (app://tierdesk). The
 * preload is only in our window, but a frame that navigated elsewhere, or an injected iframe,
 * still shares its process; checking the frame's URL is what keeps them off the API.
 */
export function assertTrustedSender(event: IpcMainInvokeEvent, channel: string): void {
  const frame = event.senderFrame;
  if (frame === null) {
    throw new Error(`${channel}: refused, the sending frame is gone`);
  }
  if (!isAppUrl(frame.url)) {
    throw new Error(`${channel}: refused, sender ${JSON.stringify(frame.url)} is not the Tierdesk app`);
  }
}
