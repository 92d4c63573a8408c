import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isTimeZone, WEEK_ORDER, weekdayName, type IntervalDraft, type SettingsDraft, type WeekdayKey } from './settings-draft';

type CalendarDraft = Pick<SettingsDraft, 'timeZone' | 'weeklyHours' | 'holidays'>;

/** The calendar schema allows this many openings per day. */
const MAX_INTERVALS = 4;
const NEW_INTERVAL: IntervalDraft = { start: '09:00', end: '18:00' };

/** When the desk is open: the time zone, the opening hours of each weekday, and holidays. */
export function CalendarEditor({ draft, onChange }: { draft: CalendarDraft; onChange(changes: Partial<CalendarDraft>): void }) {
  const { t } = useTranslation();
  const zoneId = useId();
  const zoneHintId = useId();
  const zoneValid = isTimeZone(draft.timeZone);

  const setDay = (day: WeekdayKey, intervals: IntervalDraft[]) => onChange({ weeklyHours: { ...draft.weeklyHours, [day]: intervals } });

  return (
    <>
      <section className="sla-settings__section" aria-labelledby={`${zoneId}-heading`}>
        <h3 id={`${zoneId}-heading`}>{t('slaAdmin.calendarHeading')}</h3>
        <div className="field">
          <label htmlFor={zoneId}>{t('slaAdmin.timeZone')}</label>
          <input
            id={zoneId}
            value={draft.timeZone}
            autoComplete="off"
            spellCheck={false}
            aria-describedby={zoneHintId}
            aria-invalid={!zoneValid || undefined}
            onChange={(event) => onChange({ timeZone: event.target.value })}
          />
          <p id={zoneHintId} className={zoneValid ? 'field__hint' : 'field__hint field__hint--error'}>
            {zoneValid ? t('slaAdmin.timeZoneHint') : t('slaAdmin.timeZoneInvalid')}
          </p>
        </div>
        <h4>{t('slaAdmin.weeklyHeading')}</h4>
        <p className="field__hint">{t('slaAdmin.midnightHint')}</p>
        <ul className="sla-week">
          {WEEK_ORDER.map((day) => (
            <DayHours key={day} day={day} intervals={draft.weeklyHours[day]} onChange={(intervals) => setDay(day, intervals)} />
          ))}
        </ul>
      </section>
      <HolidaysEditor holidays={draft.holidays} onChange={(holidays) => onChange({ holidays })} />
    </>
  );
}

function DayHours({ day, intervals, onChange }: { day: WeekdayKey; intervals: IntervalDraft[]; onChange(intervals: IntervalDraft[]): void }) {
  const { t, i18n } = useTranslation();
  const name = weekdayName(i18n.language, day);
  const update = (index: number, changes: Partial<IntervalDraft>) =>
    onChange(intervals.map((interval, at) => (at === index ? { ...interval, ...changes } : interval)));

  return (
    <li className="sla-week__day" data-testid="sla-weekday" data-day={day}>
      <span className="sla-week__name">{name}</span>
      <span className="sla-week__intervals">
        {intervals.length === 0 && <span className="field__hint">{t('slaAdmin.closed')}</span>}
        {intervals.map((interval, index) => (
          <span className="sla-week__interval" key={index}>
            <input
              type="time"
              aria-label={t('slaAdmin.opens', { day: name })}
              value={interval.start}
              onChange={(event) => update(index, { start: event.target.value })}
            />
            <span aria-hidden="true">–</span>
            <input
              type="time"
              aria-label={t('slaAdmin.closes', { day: name })}
              value={interval.end}
              onChange={(event) => update(index, { end: event.target.value })}
            />
            <button
              type="button"
              className="button button--small"
              aria-label={t('slaAdmin.removeHours', { day: name, start: interval.start, end: interval.end })}
              onClick={() => onChange(intervals.filter((_, at) => at !== index))}
            >
              {t('slaAdmin.remove')}
            </button>
          </span>
        ))}
      </span>
      <button
        type="button"
        className="button button--small"
        aria-label={t('slaAdmin.addHoursFor', { day: name })}
        disabled={intervals.length >= MAX_INTERVALS}
        onClick={() => onChange([...intervals, { ...NEW_INTERVAL }])}
      >
        {t('slaAdmin.addHours')}
      </button>
    </li>
  );
}

function HolidaysEditor({ holidays, onChange }: { holidays: string[]; onChange(holidays: string[]): void }) {
  const { t } = useTranslation();
  const inputId = useId();
  const [date, setDate] = useState('');

  const add = () => {
    if (date === '' || holidays.includes(date)) return;
    onChange([...holidays, date].sort());
    setDate('');
  };

  return (
    <section className="sla-settings__section" aria-labelledby={`${inputId}-heading`}>
      <h3 id={`${inputId}-heading`}>{t('slaAdmin.holidaysHeading')}</h3>
      {holidays.length === 0 ? (
        <p className="field__hint">{t('slaAdmin.noHolidays')}</p>
      ) : (
        <ul className="sla-holidays">
          {holidays.map((holiday) => (
            <li key={holiday} data-testid="sla-holiday">
              <time dateTime={holiday}>{holiday}</time>
              <button
                type="button"
                className="button button--small"
                aria-label={t('slaAdmin.removeHoliday', { date: holiday })}
                onClick={() => onChange(holidays.filter((entry) => entry !== holiday))}
              >
                {t('slaAdmin.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="field field--inline">
        <label htmlFor={inputId}>{t('slaAdmin.holiday')}</label>
        <input id={inputId} type="date" value={date} onChange={(event) => setDate(event.target.value)} />
        <button type="button" className="button button--small" onClick={add} disabled={date === ''}>
          {t('slaAdmin.addHoliday')}
        </button>
      </div>
    </section>
  );
}
