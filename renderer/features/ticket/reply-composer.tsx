import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FINAL_STATUSES, MESSAGE_BODY_MAX } from '../../../core';
import { useDeskSession } from '../../app/app-context';
import { errorMessage } from '../../app/desk-auth';
import { EMPTY_DRAFT, draftKey, useUiStore } from '../../state/ui-store';
import type { TicketView } from '../../sync/desk-session';

/**
 * The reply box. Its text is a persisted draft (kept across reloads) and is cleared only after
 * session.record() has stored the message, so a failure never loses what the agent typed.
 */
export function ReplyComposer({ ticket }: { ticket: TicketView }) {
  const { t } = useTranslation();
  const session = useDeskSession();
  const bodyId = useId();
  const key = draftKey(session.agent.id, ticket.id);
  const draft = useUiStore((state) => state.drafts[key] ?? EMPTY_DRAFT);
  const updateDraft = useUiStore((state) => state.updateDraft);
  const clearDraftBody = useUiStore((state) => state.clearDraftBody);
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  // Closed and canceled tickets refuse public replies; the team may still document them in notes.
  const noteOnly = FINAL_STATUSES.includes(ticket.status);
  const asNote = noteOnly || draft.asNote;
  const canSend = draft.body.trim() !== '' && !sending;

  const send = async () => {
    if (!canSend) return;
    setSending(true);
    setFailure(null);
    try {
      await session.record({ ticketId: ticket.id, type: asNote ? 'note' : 'reply', payload: { body: draft.body } });
      clearDraftBody(key);
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setSending(false);
    }
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void send();
  };

  const sendOnCtrlEnter = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void send();
    }
  };

  return (
    <form className={`composer${asNote ? ' composer--note' : ''}`} onSubmit={submit}>
      <label htmlFor={bodyId} className="composer__label">
        {t('composer.reply')}
      </label>
      {noteOnly && <p className="field__hint">{t('composer.noteOnly', { status: t(`status.${ticket.status}`) })}</p>}
      <textarea
        id={bodyId}
        className="composer__body"
        rows={3}
        maxLength={MESSAGE_BODY_MAX}
        value={draft.body}
        // Read-only while recording: text typed now would be wiped when the sent text is cleared.
        readOnly={sending}
        placeholder={asNote ? t('composer.notePlaceholder') : t('composer.replyPlaceholder')}
        onChange={(event) => updateDraft(key, { body: event.target.value })}
        onKeyDown={sendOnCtrlEnter}
      />
      <div className="composer__bar">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={asNote}
            disabled={noteOnly}
            onChange={(event) => updateDraft(key, { asNote: event.target.checked })}
          />
          {t('composer.internalNote')}
        </label>
        <span className="composer__shortcut">{t('composer.shortcut')}</span>
        <button type="submit" className="button button--primary" disabled={!canSend}>
          {sending ? t('composer.sending') : t('composer.send')}
        </button>
      </div>
      {failure !== null && (
        <p className="notice notice--error" role="alert">
          {t('composer.failed', { message: failure })}
        </p>
      )}
    </form>
  );
}
