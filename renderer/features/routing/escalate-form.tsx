import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ESCALATION_REASON_MAX, isEscalatable, mayWork, nextLine, type Level } from '../../../core';
import { useDeskSession } from '../../app/app-context';
import { draftKey } from '../../state/ui-store';
import type { TicketView } from '../../sync/desk-session';
import type { RecordIntent } from '../ticket/use-record-intent';
import { useEscalationDrafts } from './escalation-drafts';

/**
 * "Escalate to L2": asks for the reason, then records `escalate`. Offered exactly when core would
 * accept it; an agent who may not work the ticket sees the button disabled with the reason why.
 * Once open, the form stays while the agent types even if the ticket changes hands meanwhile
 * (their text is not thrown away; the server's refusal would then explain itself). The reason is
 * kept per agent and ticket (escalation-drafts) until recorded or cancelled: an agent who opens
 * another ticket, or reloads, finds the form open again with their text.
 */
export function EscalateControl({ ticket, record }: { ticket: TicketView; record: RecordIntent }) {
  const { t } = useTranslation();
  const { agent } = useDeskSession();
  const explanationId = useId();
  const key = draftKey(agent.id, ticket.id);
  // 'kept': reopened with a kept reason when the ticket is shown again (focus stays where it is);
  // 'asked': the agent just pressed the button.
  const [open, setOpen] = useState<'kept' | 'asked' | null>(() => (Object.hasOwn(useEscalationDrafts.getState().reasons, key) ? 'kept' : null));
  const clearReason = useEscalationDrafts((state) => state.clear);

  if (!isEscalatable(ticket)) return null;
  const nextLevel = nextLine(ticket.level);

  if (open) {
    return (
      <EscalateForm
        draftKey={key}
        focusOnOpen={open === 'asked'}
        nextLevel={nextLevel}
        onConfirm={async (reason) => {
          if (!(await record('escalate', { reason }))) return;
          clearReason(key);
          setOpen(null);
        }}
        onCancel={() => {
          clearReason(key);
          setOpen(null);
        }}
      />
    );
  }

  const allowed = mayWork(ticket, agent);
  return (
    <div className="escalate-control">
      <button
        type="button"
        className="button"
        disabled={!allowed}
        aria-describedby={allowed ? undefined : explanationId}
        onClick={() => setOpen('asked')}
      >
        {t('routing.escalate.open', { level: nextLevel })}
      </button>
      {!allowed && (
        <p id={explanationId} className="field__hint">
          {t('routing.escalate.notYours')}
        </p>
      )}
    </div>
  );
}

type EscalateFormProps = {
  /** Where the reason being typed is kept (draftKey of agent and ticket). */
  draftKey: string;
  focusOnOpen: boolean;
  nextLevel: Level;
  /** Receives the trimmed, non-empty reason. */
  onConfirm(reason: string): Promise<void>;
  onCancel(): void;
};

function EscalateForm({ draftKey: key, focusOnOpen, nextLevel, onConfirm, onCancel }: EscalateFormProps) {
  const { t } = useTranslation();
  const reasonId = useId();
  const hintId = useId();
  const errorId = useId();
  const input = useRef<HTMLTextAreaElement>(null);
  // A second click while the first is being stored would escalate twice (L1→L2→L3).
  const sending = useRef(false);
  const [busy, setBusy] = useState(false);
  const reason = useEscalationDrafts((state) => state.reasons[key] ?? '');
  const setReason = useEscalationDrafts((state) => state.setReason);
  const [invalid, setInvalid] = useState(false);

  // The agent just asked to escalate: the next thing they need to type is why.
  // Not when it reopens by itself with a kept reason: showing a ticket must not steal the focus.
  useEffect(() => {
    if (focusOnOpen) input.current?.focus();
  }, [focusOnOpen]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (sending.current) return;
    const trimmed = reason.trim();
    if (trimmed === '') {
      setInvalid(true);
      input.current?.focus();
      return;
    }
    setInvalid(false);
    sending.current = true;
    setBusy(true);
    try {
      await onConfirm(trimmed);
    } finally {
      sending.current = false;
      setBusy(false);
    }
  };

  return (
    // noValidate: our own message (in the agent's language) explains an empty reason.
    <form className="escalate-form" noValidate onSubmit={(event) => void submit(event)}>
      <p id={hintId} className="field__hint">
        {t('routing.escalate.hint', { level: nextLevel })}
      </p>
      <div className="field">
        <label htmlFor={reasonId}>{t('routing.escalate.reason')}</label>
        <textarea
          ref={input}
          id={reasonId}
          rows={3}
          required
          maxLength={ESCALATION_REASON_MAX}
          value={reason}
          aria-describedby={invalid ? `${hintId} ${errorId}` : hintId}
          aria-invalid={invalid || undefined}
          onChange={(event) => {
            setReason(key, event.target.value);
            if (invalid && event.target.value.trim() !== '') setInvalid(false);
          }}
        />
      </div>
      {invalid && (
        <p id={errorId} className="notice notice--error" role="alert">
          {t('routing.escalate.reasonRequired')}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('routing.escalate.submit')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('routing.escalate.cancel')}
        </button>
      </div>
    </form>
  );
}
