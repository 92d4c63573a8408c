import { useTranslation } from 'react-i18next';
import { PRIORITIES } from '../../../core';

/** The `<option>`s of the priorities, urgent first, named in the agent's language. */
export function PriorityOptions() {
  const { t } = useTranslation();
  return (
    <>
      {PRIORITIES.map((priority) => (
        <option key={priority} value={priority}>
          {t(`priority.${priority}`)}
        </option>
      ))}
    </>
  );
}
