import type { TicketViewer } from '../../../core';
import { initialsOf } from './viewers';

/** Enough hues to tell a handful of colleagues apart; the same agent always gets the same one. */
const HUES = 6;

function hueOf(agentId: string): number {
  let hash = 0;
  for (const char of agentId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash % HUES;
}

/**
 * A colleague's initials in a coloured circle; a typing colleague's circle is marked. Decorative
 * (aria-hidden): the surrounding component says the names in words.
 */
export function ViewerAvatar({ viewer }: { viewer: TicketViewer }) {
  return (
    <span
      className={`viewer-avatar viewer-avatar--hue-${hueOf(viewer.agentId)}${viewer.typing ? ' viewer-avatar--typing' : ''}`}
      data-testid="viewer-avatar"
      data-typing={viewer.typing ? 'true' : 'false'}
      aria-hidden="true"
    >
      {initialsOf(viewer.name)}
    </span>
  );
}
