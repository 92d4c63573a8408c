import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REPEAT_CHOICES, useAlertPreferences } from './alert-preferences';
import { sharedAlertSound, type AlertSound } from './alert-sound';
import { quietHoursProblem } from './quiet-hours';

/**
 * How this console alerts about assignments: the sound (with a test button), quiet hours and the
 * reminder interval. Every change applies at once; a quiet-hours range that cannot work (an
 * empty or unreadable time, equal ends) is shown as an error and not stored, so the stored
 * preferences are always usable. Meant for the desk header's menu.
 */
export function AlertPreferencesPanel({ sound = sharedAlertSound() }: { sound?: AlertSound }) {
  const { t } = useTranslation();
  const id = useId();
  const preferences = useAlertPreferences();
  const [range, setRange] = useState({ start: preferences.quietHours.start, end: preferences.quietHours.end });
  const problem = quietHoursProblem(range.start, range.end);
  const problemId = `${id}-quiet-problem`;

  const changeRange = (changes: Partial<typeof range>) => {
    const next = { ...range, ...changes };
    setRange(next);
    preferences.setQuietHoursRange(next.start, next.end);
  };

  return (
    <section className="alert-preferences" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} className="alert-preferences__heading">
        {t('alerts.heading')}
      </h3>
      <div className="alert-preferences__row">
        <label className="checkbox">
          <input type="checkbox" checked={preferences.soundOn} onChange={(event) => preferences.setSoundOn(event.target.checked)} />
          {t('alerts.sound')}
        </label>
        {/* Also a user gesture, which lets browsers play later alerts. */}
        <button type="button" className="button button--small" onClick={() => sound.play()}>
          {t('alerts.testSound')}
        </button>
      </div>
      <fieldset className="alert-preferences__quiet">
        <legend>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={preferences.quietHours.enabled}
              onChange={(event) => preferences.setQuietHoursEnabled(event.target.checked)}
            />
            {t('alerts.quietHours')}
          </label>
        </legend>
        <div className="alert-preferences__range">
          <div className="field">
            <label htmlFor={`${id}-from`}>{t('alerts.quietFrom')}</label>
            <input
              id={`${id}-from`}
              type="time"
              required
              value={range.start}
              aria-invalid={problem !== null || undefined}
              aria-describedby={problemId}
              onChange={(event) => changeRange({ start: event.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-until`}>{t('alerts.quietUntil')}</label>
            <input
              id={`${id}-until`}
              type="time"
              required
              value={range.end}
              aria-invalid={problem !== null || undefined}
              aria-describedby={problemId}
              onChange={(event) => changeRange({ end: event.target.value })}
            />
          </div>
        </div>
        <p id={problemId} className={problem ? 'field__hint field__hint--error' : 'field__hint'} role={problem ? 'alert' : undefined}>
          {problem === 'invalid_time' ? t('alerts.quietInvalidTime') : problem === 'empty_range' ? t('alerts.quietEmptyRange') : t('alerts.quietHint')}
        </p>
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-repeat`}>{t('alerts.repeat')}</label>
        <select
          id={`${id}-repeat`}
          value={preferences.repeatMinutes}
          onChange={(event) => preferences.setRepeatMinutes(Number(event.target.value))}
        >
          {REPEAT_CHOICES.map((minutes) => (
            <option key={minutes} value={minutes}>
              {minutes === 0 ? t('alerts.repeatNever') : t('alerts.repeatEvery', { count: minutes })}
            </option>
          ))}
        </select>
      </div>
    </section>
  );
}
