import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Delivery, MessageMail } from '../../../core';
import { purified } from '../safe-html/safe-html';

/**
 * What a message's mail said on its envelope (from, to, cc, subject), where its delivery to the
 * customer stands, and, when quoted history was cut from a customer's mail, a toggle to the full
 * text. Everything is shown as text: nothing a mail carries is rendered as markup.
 */
export function MailEnvelope({ mail }: { mail: MessageMail }) {
  const { t } = useTranslation();
  return (
    <dl className="mail-envelope" data-testid="mail-envelope">
      <dt>{t('mail.from')}</dt>
      <dd>{mail.from}</dd>
      {mail.to.length > 0 && (
        <>
          <dt>{t('mail.to')}</dt>
          <dd>{mail.to.join(', ')}</dd>
        </>
      )}
      {mail.cc.length > 0 && (
        <>
          <dt>{t('mail.cc')}</dt>
          <dd>{mail.cc.join(', ')}</dd>
        </>
      )}
      {mail.subject !== '' && (
        <>
          <dt>{t('mail.subject')}</dt>
          <dd>{mail.subject}</dd>
        </>
      )}
    </dl>
  );
}

export function DeliveryState({ delivery }: { delivery: Delivery }) {
  const { t } = useTranslation();
  const text =
    delivery.state === 'sent'
      ? t('mail.delivery.sent')
      : delivery.state === 'failed'
        ? t('mail.delivery.failed', { error: delivery.error ?? '' })
        : delivery.attempts > 0
          ? t('mail.delivery.retrying', { attempts: delivery.attempts, error: delivery.error ?? '' })
          : t('mail.delivery.queued');
  return (
    <span className={`delivery delivery--${delivery.state}`} data-testid="delivery" data-state={delivery.state} role={delivery.state === 'failed' ? 'alert' : undefined}>
      {text}
    </span>
  );
}

type MailView = 'new' | 'full' | 'formatted';

/**
 * The customer's new words, with the full mail (quotes and signature included) and, when the mail
 * had HTML, its formatted form one click away.
 */
export function MailBody({ body, mail }: { body: string; mail: MessageMail }) {
  const { t } = useTranslation();
  const [view, setView] = useState<MailView>('new');
  const toggle = (next: MailView) => setView(view === next ? 'new' : next);
  return (
    <>
      {view === 'formatted' && mail.html ? (
        <span className="message__html" data-testid="mail-html" dangerouslySetInnerHTML={{ __html: purified(mail.html) }} />
      ) : (
        <span className="message__text">{view === 'full' && mail.fullText ? mail.fullText : body}</span>
      )}
      {mail.trimmed && (
        <button type="button" className="button button--link mail-toggle" aria-pressed={view === 'full'} onClick={() => toggle('full')}>
          {view === 'full' ? t('mail.showNew') : t('mail.showFull')}
        </button>
      )}
      {mail.html && (
        <button type="button" className="button button--link mail-toggle" aria-pressed={view === 'formatted'} onClick={() => toggle('formatted')}>
          {view === 'formatted' ? t('mail.showText') : t('mail.showFormatted')}
        </button>
      )}
    </>
  );
}
