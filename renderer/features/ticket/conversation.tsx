import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeskSession } from '../../app/app-context';
import { formatDateTime } from '../../i18n/format';
import { useObservable } from '../../state/use-observable';
import type { ConnectionStatus, MessageView, TicketView } from '../../sync/desk-session';
import { useConnection } from '../connection/use-connection';
import { AttachmentList } from './attachment-list';
import { DeliveryState, MailBody, MailEnvelope } from './mail-details';

/**
 * Customer messages, public replies (the agents' and the automatic ones), internal notes and
 * system lines, oldest first, each styled by kind. The note of an escalation (`escalatedTo`)
 * reads "Escalated to L2: <reason>" in the agent's language.
 */
export function Conversation({ ticket }: { ticket: TicketView }) {
  const { t, i18n } = useTranslation();
  const session = useDeskSession();
  const { status } = useConnection();
  const messages$ = useMemo(() => session.messages$(ticket.id), [session, ticket.id]);
  const messages = useObservable(messages$, null);

  // The request text is the ticket's description. Show it as the opening message unless the
  // server already stored it as a customer message, so that it is neither missing nor doubled.
  const description = ticket.description.trim();
  const showRequest =
    messages !== null && description !== '' && !messages.some((m) => m.kind === 'customer' && m.body.trim() === description);

  return (
    <section className="conversation" aria-labelledby="conversation-heading">
      <h3 id="conversation-heading" className="visually-hidden">
        {t('conversation.label')}
      </h3>
      {messages !== null && messages.length === 0 && !showRequest && (
        <p className="pane-message">{t('conversation.empty')}</p>
      )}
      <ol className="conversation__list">
        {showRequest && (
          <li className="message message--customer" data-testid="message" data-kind="customer">
            <div className="message__meta">
              <span className="message__author">{ticket.requester.name || ticket.requester.email}</span>
              <span className="message__kind">{t('conversation.request')}</span>
              <time dateTime={new Date(ticket.createdAt).toISOString()}>{formatDateTime(i18n.language, ticket.createdAt)}</time>
            </div>
            <p className="message__body">{ticket.description}</p>
          </li>
        )}
        {messages?.map((message) => (
          <MessageItem key={message.id} message={message} connection={status} />
        ))}
      </ol>
    </section>
  );
}

function MessageItem({ message, connection }: { message: MessageView; connection: ConnectionStatus }) {
  const { t, i18n } = useTranslation();
  // Something the system did (a hold ended, a duplicate was linked): a slim line, not a message.
  if (message.kind === 'system') {
    return (
      <li className="message-system" data-testid="message" data-kind="system">
        <span className="message-system__body">{message.body}</span>{' '}
        <time dateTime={new Date(message.createdAt).toISOString()}>{formatDateTime(i18n.language, message.createdAt)}</time>
        {message.delivery && (
          <>
            {' '}
            <DeliveryState delivery={message.delivery} />
          </>
        )}
      </li>
    );
  }
  return (
    <li
      className={`message message--${message.kind}${message.pending ? ' message--pending' : ''}`}
      data-testid="message"
      data-kind={message.kind}
    >
      <div className="message__meta">
        <span className="message__author">{message.authorName}</span>
        <span className="message__kind">{t(`conversation.kind.${message.kind}`)}</span>
        <time dateTime={new Date(message.createdAt).toISOString()}>{formatDateTime(i18n.language, message.createdAt)}</time>
        {message.pending && (
          <span className="message__pending" data-testid="message-pending">
            {connection === 'offline' ? t('conversation.waitingForConnection') : t('conversation.sending')}
          </span>
        )}
        {message.delivery && <DeliveryState delivery={message.delivery} />}
      </div>
      {message.mail && (message.kind === 'customer' || message.kind === 'reply') && <MailEnvelope mail={message.mail} />}
      <p className="message__body">
        {message.escalatedTo !== undefined && (
          // The server stores the reason and the line; each console words the lead-in in its language.
          <span className="message__lead" data-testid="message-escalation">
            {t('conversation.escalatedTo', { level: message.escalatedTo })}
            {': '}
          </span>
        )}
        {message.mail?.trimmed || message.mail?.html ? <MailBody body={message.body} mail={message.mail} /> : message.body}
      </p>
      {message.attachments && message.attachments.length > 0 && <AttachmentList attachments={message.attachments} />}
    </li>
  );
}
