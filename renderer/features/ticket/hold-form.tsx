import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_HOLD_MS } from '../../../core';

type HoldFormProps = {
  /** null: no end date chosen, the server holds for the longest time allowed (30 days). */
  onConfirm(holdUntil: number | null): Promise<void>;
  onKeep(): void;
};

/**
 * Until when the customer asked to pause. The hold ends at the start of the chosen day in the
 * agent's time zone; the picker offers tomorrow up to 30 days ahead, as the server allows.
 */
export function HoldForm({ onConfirm, onKeep }: HoldFormProps) {
  const { t } = useTranslation();
  const inputId = useId();
  const hintId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [now] = useState(() => Date.now());

  useEffect(() => input.current?.focus(), []);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (value === '') {
      setInvalid(false);
      void onConfirm(null);
      return;
    }
    const holdUntil = holdEndFor(value, Date.now());
    setInvalid(holdUntil === null);
    if (holdUntil !== null) void onConfirm(holdUntil);
  };

  return (
    // noValidate: our own message (in the agent's language) explains a day out of range.
    <form className="hold-form" noValidate onSubmit={submit}>
      <p id={hintId} className="field__hint">
        {t('ticket.holdHint')}
      </p>
      <div className="field">
        <label htmlFor={inputId}>{t('ticket.holdUntil')}</label>
        <input
          ref={input}
          id={inputId}
          type="date"
          min={localDate(now + DAY_MS)}
          max={localDate(now + MAX_HOLD_MS)}
          value={value}
          aria-describedby={hintId}
          aria-invalid={invalid || undefined}
          onChange={(event) => setValue(event.target.value)}
        />
      </div>
      {invalid && (
        <p className="notice notice--error" role="alert">
          {t('ticket.holdInvalid')}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="button button--primary">
          {t('ticket.confirmHold')}
        </button>
        <button type="button" className="button" onClick={onKeep}>
          {t('ticket.keepStatus')}
        </button>
      </div>
    </form>
  );
}

const DAY_MS = 24 * 3_600_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 'YYYY-MM-DD' of an instant in the agent's time zone, as a date input reads and writes it. */
export function localDate(instant: number): string {
  const date = new Date(instant);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * The instant a hold chosen as `date` ends: the start of that day, local time. null when that is
 * not after `now` or is past the 30-day limit by more than a DST hour (then it is clamped to the
 * limit, so picking the last day offered always works).
 */
export function holdEndFor(date: string, now: number): number | null {
  const match = DATE.exec(date);
  if (!match) return null;
  const start = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])).getTime();
  if (Number.isNaN(start) || start <= now) return null;
  if (localDate(start) > localDate(now + MAX_HOLD_MS)) return null;
  return Math.min(start, now + MAX_HOLD_MS);
}
