import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { allowedTransitions, type TicketStatus } from '../../../core';
import type { TicketView } from '../../sync/desk-session';
import { HoldForm } from './hold-form';
import type { RecordIntent } from './use-record-intent';

/** Statuses that need one more answer before they are recorded. */
type AskingFor = 'canceled' | 'hold';

/**
 * The Status select offers the current status plus exactly the transitions core allows an agent,
 * so a change the rules forbid cannot be picked. Canceling asks which ticket this one duplicates;
 * Hold asks until when (optional: 30 days when left empty).
 */
export function StatusControl({ ticket, record }: { ticket: TicketView; record: RecordIntent }) {
  const { t } = useTranslation();
  const selectId = useId();
  const [asking, setAsking] = useState<AskingFor | null>(null);
  const options: TicketStatus[] = [ticket.status, ...allowedTransitions(ticket.status)];

  const choose = (status: TicketStatus) => {
    if (status === ticket.status) return;
    if (status === 'canceled' || status === 'hold') {
      setAsking(status);
      return;
    }
    void record('setStatus', { status });
  };

  return (
    <div className="status-control">
      <div className="field">
        <label htmlFor={selectId}>{t('ticket.status')}</label>
        <select
          id={selectId}
          value={asking ?? ticket.status}
          disabled={options.length === 1 || asking !== null}
          onChange={(event) => choose(event.target.value as TicketStatus)}
        >
          {options.map((status) => (
            <option key={status} value={status}>
              {t(`status.${status}`)}
            </option>
          ))}
        </select>
      </div>
      {asking === 'canceled' && (
        <DuplicateForm
          ticketNumber={ticket.number}
          onConfirm={async (duplicateOf) => {
            if (await record('setStatus', { status: 'canceled', duplicateOf })) setAsking(null);
          }}
          onKeep={() => setAsking(null)}
        />
      )}
      {asking === 'hold' && (
        <HoldForm
          onConfirm={async (holdUntil) => {
            const payload = holdUntil === null ? { status: 'hold' } : { status: 'hold', holdUntil };
            if (await record('setStatus', payload)) setAsking(null);
          }}
          onKeep={() => setAsking(null)}
        />
      )}
    </div>
  );
}

type DuplicateFormProps = {
  ticketNumber: number;
  onConfirm(duplicateOf: number): Promise<void>;
  onKeep(): void;
};

function DuplicateForm({ ticketNumber, onConfirm, onKeep }: DuplicateFormProps) {
  const { t } = useTranslation();
  const inputId = useId();
  const hintId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState('');
  const [invalid, setInvalid] = useState(false);

  // The agent just chose "Canceled": the next thing they need to type is the number.
  useEffect(() => input.current?.focus(), []);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const duplicateOf = Number(value.trim().replace(/^#/, ''));
    if (!Number.isInteger(duplicateOf) || duplicateOf <= 0 || duplicateOf === ticketNumber) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    void onConfirm(duplicateOf);
  };

  return (
    <form className="duplicate-form" onSubmit={submit}>
      <p id={hintId} className="field__hint">
        {t('ticket.duplicateHint')}
      </p>
      <div className="field">
        <label htmlFor={inputId}>{t('ticket.duplicateOf')}</label>
        <input
          ref={input}
          id={inputId}
          inputMode="numeric"
          autoComplete="off"
          value={value}
          aria-describedby={hintId}
          aria-invalid={invalid || undefined}
          onChange={(event) => setValue(event.target.value)}
        />
      </div>
      {invalid && (
        <p className="notice notice--error" role="alert">
          {t('ticket.duplicateInvalid')}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="button button--danger">
          {t('ticket.confirmCancel')}
        </button>
        <button type="button" className="button" onClick={onKeep}>
          {t('ticket.keepTicket')}
        </button>
      </div>
    </form>
  );
}
