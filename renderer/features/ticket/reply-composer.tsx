import { useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FINAL_STATUSES, MESSAGE_BODY_MAX } from '../../../core';
import { useDeskSession } from '../../app/app-context';
import { errorMessage } from '../../app/desk-auth';
import { useObservable } from '../../state/use-observable';
import { EMPTY_DRAFT, draftKey, useUiStore } from '../../state/ui-store';
import type { TicketView } from '../../sync/desk-session';
import { useReplyBaselines } from '../collision/reply-baselines';
import { findStaleReply, type StaleReplyReason } from '../collision/stale-reply';
import { StaleReplyWarning } from '../collision/stale-reply-warning';

/**
 * The reply box. Its text is a persisted draft (kept across reloads) and is cleared only after
 * session.record() has stored the message, so a failure never loses what the agent typed.
 *
 * A public reply begun before another agent replied (or the customer wrote) is not sent at once:
 * the agent is warned and chooses "Send anyway" or "Keep editing". The conversation the draft
 * answers is remembered at its first keystroke (collision/reply-baselines); notes never warn.
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
  const [stale, setStale] = useState<StaleReplyReason | null>(null);
  const body = useRef<HTMLTextAreaElement>(null);
  const messages$ = useMemo(() => session.messages$(ticket.id), [session, ticket.id]);
  const messages = useObservable(messages$, null);
  const seenMessageIds = useReplyBaselines((state) => state.seenMessageIds[key]);
  const rememberConversation = useReplyBaselines((state) => state.remember);
  const forgetConversation = useReplyBaselines((state) => state.forget);

  // Closed and canceled tickets refuse public replies; the team may still document them in notes.
  const noteOnly = FINAL_STATUSES.includes(ticket.status);
  const asNote = noteOnly || draft.asNote;
  const canSend = draft.body.trim() !== '' && !sending;

  const changeBody = (text: string) => {
    if (text === '') forgetConversation(key);
    // The first keystroke into an empty box begins a draft: remember the conversation it answers.
    // (Messages still loading: the next keystroke remembers it.)
    else if ((draft.body === '' || seenMessageIds === undefined) && messages !== null) {
      rememberConversation(key, messageIds(messages));
    }
    updateDraft(key, { body: text });
  };

  const send = async (check: 'checkStale' | 'sendAnyway') => {
    if (!canSend) return;
    if (!asNote && check === 'checkStale' && seenMessageIds !== undefined && messages !== null) {
      const staleReply = findStaleReply(seenMessageIds, messages, session.agent.id);
      if (staleReply !== null) {
        setStale(staleReply.reason);
        return;
      }
    }
    setStale(null);
    setSending(true);
    setFailure(null);
    try {
      await session.record({ ticketId: ticket.id, type: asNote ? 'note' : 'reply', payload: { body: draft.body } });
      clearDraftBody(key);
      forgetConversation(key);
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setSending(false);
    }
  };

  // The agent has seen what arrived: warn again only about what arrives after this.
  const keepEditing = () => {
    if (messages !== null) rememberConversation(key, messageIds(messages));
    setStale(null);
    body.current?.focus();
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void send('checkStale');
  };

  const sendOnCtrlEnter = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void send('checkStale');
    }
  };

  return (
    <form className={`composer${asNote ? ' composer--note' : ''}`} onSubmit={submit}>
      <label htmlFor={bodyId} className="composer__label">
        {t('composer.reply')}
      </label>
      {noteOnly && <p className="field__hint">{t('composer.noteOnly', { status: t(`status.${ticket.status}`) })}</p>}
      {!asNote && ticket.channel !== 'messenger' && (
        <p className="field__hint" data-testid="composer-mailed-to">
          {t('composer.mailedTo', { email: ticket.requester.email })}
        </p>
      )}
      <textarea
        id={bodyId}
        ref={body}
        className="composer__body"
        rows={3}
        maxLength={MESSAGE_BODY_MAX}
        value={draft.body}
        // Read-only while recording: text typed now would be wiped when the sent text is cleared.
        readOnly={sending}
        placeholder={asNote ? t('composer.notePlaceholder') : t('composer.replyPlaceholder')}
        onChange={(event) => changeBody(event.target.value)}
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
      {stale !== null && !asNote && draft.body.trim() !== '' && (
        <StaleReplyWarning reason={stale} busy={sending} onSendAnyway={() => void send('sendAnyway')} onKeepEditing={keepEditing} />
      )}
      {failure !== null && (
        <p className="notice notice--error" role="alert">
          {t('composer.failed', { message: failure })}
        </p>
      )}
    </form>
  );
}

function messageIds(messages: readonly { id: string }[]): string[] {
  return messages.map((message) => message.id);
}
