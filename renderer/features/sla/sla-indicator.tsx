import { useTranslation } from 'react-i18next';
import type { Ticket } from '../../../core';
import { formatDateTime } from '../../i18n/format';
import { describeSla } from './format-sla';
import { readSla, slaTone } from './sla-reading';

type SlaIndicatorProps = {
  ticket: Pick<Ticket, 'status' | 'firstResponseAt' | 'sla'>;
  /** The ticking clock of the screen (useNow), so every row reads at the same instant. */
  now: number;
};

/**
 * Time left on the ticket's nearer SLA clock, coloured green / amber / red / grey. The words
 * carry the meaning; the colour only repeats it. `data-sla` names the state for tests and styles.
 */
export function SlaIndicator({ ticket, now }: SlaIndicatorProps) {
  const { t, i18n } = useTranslation();
  const reading = readSla(ticket, now);
  const title =
    reading.clock !== null && reading.dueAt !== null
      ? t('sla.dueTitle', { clock: t(`sla.clock.${reading.clock}`), time: formatDateTime(i18n.language, reading.dueAt) })
      : undefined;

  return (
    <span
      className={`sla-indicator sla-indicator--${slaTone(reading.state)}`}
      data-testid="sla-indicator"
      data-sla={reading.state}
      title={title}
    >
      {describeSla(t, reading)}
    </span>
  );
}
