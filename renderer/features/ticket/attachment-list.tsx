import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachmentRef } from '../../../core';
import { useDeskApi } from '../../app/app-context';
import { errorMessage } from '../../app/desk-auth';
import { formatBytes } from '../../i18n/format';

/**
 * A message's files: name, type and size as text, and a button that saves the file (fetched with
 * the session's token, kept on this device once opened so it stays readable offline). Nothing a
 * file holds is rendered in the console: it is always a download.
 */
export function AttachmentList({ attachments }: { attachments: readonly AttachmentRef[] }) {
  const { t, i18n } = useTranslation();
  const api = useDeskApi();
  const [failure, setFailure] = useState<string | null>(null);

  const save = async (attachment: AttachmentRef) => {
    setFailure(null);
    try {
      const blob = await api.openAttachment(attachment);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = attachment.filename;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      setFailure(t('attachments.failed', { name: attachment.filename, message: errorMessage(error) }));
    }
  };

  return (
    <div className="attachments" data-testid="attachments">
      <ul className="attachments__list" aria-label={t('attachments.label')}>
        {attachments.map((attachment) => (
          <li key={attachment.id} className="attachments__item">
            <button type="button" className="button button--link" onClick={() => void save(attachment)}>
              {attachment.filename}
            </button>{' '}
            <span className="attachments__meta">
              {formatBytes(i18n.language, attachment.size)}
              {attachment.inline ? ` · ${t('attachments.inline')}` : ''}
            </span>
          </li>
        ))}
      </ul>
      {failure !== null && (
        <p className="notice notice--error" role="alert">
          {failure}
        </p>
      )}
    </div>
  );
}
