import { useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ATTACHMENTS_PER_MESSAGE_MAX, FINAL_STATUSES, MESSAGE_BODY_MAX } from '../../../core';
import { formatBytes } from '../../i18n/format';
import { splitList } from '../../state/split-list';
import { useDeskSession } from '../../app/app-context';
import { errorMessage } from '../../app/desk-auth';
import { useObservable } from '../../state/use-observable';
import { EMPTY_DRAFT, draftKey, useUiStore } from '../../state/ui-store';
import type { TicketView } from '../../sync/desk-session';
import { useReplyBaselines } from '../collision/reply-baselines';
import { findStaleReply, type StaleReplyReason } from '../collision/stale-reply';
import { StaleReplyWarning } from '../collision/stale-reply-warning';
import { intentsOfActions } from '../templates/template-actions';
import { TemplateActionsNote } from '../templates/template-actions-note';
import { SlashTemplateList } from '../templates/slash-template-list';
import { TemplatePicker } from '../templates/template-picker';
import { useTemplateInsertion } from '../templates/use-template-insertion';

/**
 * The reply box. Its text is a persisted draft (kept across reloads) and is cleared only after
 * session.record() has stored the message, so a failure never loses what the agent typed.
 *
 * A public reply begun before another agent replied (or the customer wrote) is not sent at once:
 * the agent is warned and chooses "Send anyway" or "Keep editing". The conversation the draft
 * answers is remembered at its first keystroke (collision/reply-baselines); notes never warn.
 *
 * Answer templates go in from the picker or by `/name`; what they also do (status, priority,
 * tags) is recorded right after the message, so it happens only if the message is sent.
 */
export function ReplyComposer({ ticket }: { ticket: TicketView }) {
  const { t, i18n } = useTranslation();
  const session = useDeskSession();
  const bodyId = useId();
  const key = draftKey(session.agent.id, ticket.id);
  const draft = useUiStore((state) => state.drafts[key] ?? EMPTY_DRAFT);
  const updateDraft = useUiStore((state) => state.updateDraft);
  const clearDraftBody = useUiStore((state) => state.clearDraftBody);
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [stale, setStale] = useState<StaleReplyReason | null>(null);
  // Files kept on this device for the next reply or note (uploaded before it is pushed, offline too).
  const [files, setFiles] = useState<{ id: string; filename: string; size: number }[]>([]);
  // Extra recipients of a public reply, as the agent types them (comma-separated).
  const [copies, setCopies] = useState('');
  const copyId = useId();
  const fileInputId = useId();
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
  const templates = useTemplateInsertion({ ticket, draftKey: key, textarea: body, setBody: changeBody });

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
      const attachmentIds = files.map((file) => file.id);
      const cc = asNote ? [] : splitList(copies);
      await session.record({
        ticketId: ticket.id,
        type: asNote ? 'note' : 'reply',
        payload: { body: draft.body, ...(attachmentIds.length ? { attachmentIds } : {}), ...(cc.length ? { cc } : {}) },
      });
      for (const intent of draft.templateActions ? intentsOfActions(ticket, draft.templateActions) : []) await session.record(intent);
      setFiles([]);
      setCopies('');
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

  const attach = async (chosen: FileList | null) => {
    const picked = [...(chosen ?? [])].slice(0, ATTACHMENTS_PER_MESSAGE_MAX - files.length);
    try {
      const kept: { id: string; filename: string; size: number }[] = [];
      for (const file of picked) kept.push(await session.attachFile(ticket.id, file, file.name));
      setFiles((current) => [...current, ...kept]);
    } catch (error) {
      setFailure(errorMessage(error));
    }
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void send('checkStale');
  };

  const onBodyKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (templates.onKeyDown(event)) return;
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
        <>
          <p className="field__hint" data-testid="composer-mailed-to">
            {t('composer.mailedTo', { email: ticket.requester.email })}
          </p>
          <div className="field field--inline">
            <label htmlFor={copyId}>{t('composer.cc')}</label>
            <input id={copyId} type="text" inputMode="email" placeholder={t('composer.ccPlaceholder')} value={copies} onChange={(event) => setCopies(event.target.value)} />
          </div>
        </>
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
        role={templates.slashList ? 'combobox' : undefined}
        aria-expanded={templates.slashList ? true : undefined}
        aria-controls={templates.slashList?.id}
        aria-activedescendant={templates.slashList ? `${templates.slashList.id}-${templates.slashList.active}` : undefined}
        onChange={(event) => {
          changeBody(event.target.value);
          templates.track(event.target);
        }}
        onSelect={(event) => templates.track(event.currentTarget)}
        onKeyDown={onBodyKeyDown}
      />
      {templates.slashList && <SlashTemplateList list={templates.slashList} onChoose={templates.insert} />}
      {draft.templateActions && <TemplateActionsNote actions={draft.templateActions} onDiscard={() => updateDraft(key, { templateActions: undefined })} />}
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
        <TemplatePicker templates={templates.templates} onChoose={templates.insert} disabled={sending} />
        <label className="button" htmlFor={fileInputId}>
          {t('composer.attach')}
        </label>
        <input
          id={fileInputId}
          type="file"
          multiple
          className="visually-hidden"
          disabled={sending || files.length >= ATTACHMENTS_PER_MESSAGE_MAX}
          onChange={(event) => {
            void attach(event.target.files);
            // The same file may be chosen again after it was removed.
            event.target.value = '';
          }}
        />
        <span className="composer__shortcut">{t('composer.shortcut')}</span>
        <button type="submit" className="button button--primary" disabled={!canSend}>
          {sending ? t('composer.sending') : t('composer.send')}
        </button>
      </div>
      {files.length > 0 && (
        <ul className="attachments__list" aria-label={t('composer.files')} data-testid="composer-files">
          {files.map((file) => (
            <li key={file.id} className="attachments__item">
              {file.filename} <span className="attachments__meta">{formatBytes(i18n.language, file.size)}</span>{' '}
              <button type="button" className="button button--link" aria-label={t('composer.removeFile', { name: file.filename })} onClick={() => setFiles((current) => current.filter((kept) => kept.id !== file.id))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
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
