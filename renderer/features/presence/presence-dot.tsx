import { useTranslation } from 'react-i18next';
import type { Presence } from '../../../core';

type PresenceDotProps = {
  presence: Presence;
  /** visible: the word shows beside the dot; hidden (default): only screen readers read it. */
  label?: 'visible' | 'hidden';
};

/**
 * A coloured dot for online / away / offline, always with the word for it: colour alone would
 * leave screen-reader and colour-blind users guessing. Reusable wherever an agent is listed.
 */
export function PresenceDot({ presence, label = 'hidden' }: PresenceDotProps) {
  const { t } = useTranslation();
  return (
    <span className="presence" data-testid="presence" data-presence={presence}>
      <span className={`presence__dot presence__dot--${presence}`} aria-hidden="true" />
      <span className={label === 'visible' ? 'presence__label' : 'visually-hidden'}>{t(`presence.${presence}`)}</span>
    </span>
  );
}
