import { useTranslation } from 'react-i18next';
import type { TicketViewer } from '../../../core';
import { joinNames } from './viewer-names';
import { ViewerAvatar } from './viewer-avatar';

/** Avatars shown in a queue row before the rest collapse into "+N". */
const MAX_AVATARS = 3;

/**
 * Small initials avatars for the colleagues viewing one ticket, typing ones marked. The row is a
 * button, so the names are said in visually hidden text that joins the button's name (an
 * aria-label on a plain span would be ignored there); the title shows them on hover.
 */
export function QueueRowViewers({ viewers }: { viewers: readonly TicketViewer[] }) {
  const { t, i18n } = useTranslation();
  if (viewers.length === 0) return null;

  const label = t('collision.rowLabel', {
    names: joinNames(
      t,
      i18n.language,
      viewers.map((viewer) => (viewer.typing ? t('collision.typingName', { name: viewer.name }) : viewer.name)),
    ),
  });
  const shown = viewers.slice(0, MAX_AVATARS);
  const hidden = viewers.length - shown.length;

  return (
    <span className="row-viewers" data-testid="row-viewers" title={label}>
      {shown.map((viewer) => (
        <ViewerAvatar key={viewer.agentId} viewer={viewer} />
      ))}
      {hidden > 0 && (
        <span className="row-viewers__more" aria-hidden="true">
          +{hidden}
        </span>
      )}
      <span className="visually-hidden">{label}</span>
    </span>
  );
}
