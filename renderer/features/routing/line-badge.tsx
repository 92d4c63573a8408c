import { useTranslation } from 'react-i18next';
import type { Level } from '../../../core';

/**
 * The ticket's line as a compact badge ("L2", titled "Line 2"). Not interactive, so it may sit
 * inside a queue row's button.
 */
export function LineBadge({ level }: { level: Level }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge--line badge--line-${level}`} title={t('routing.lineTitle', { level })} data-testid="line-badge">
      {t('routing.lineBadge', { level })}
    </span>
  );
}
