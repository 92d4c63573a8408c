import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FINAL_STATUSES, mayWork, TICKET_TAGS_MAX, withTags } from '../../../core';
import { useDeskSession } from '../../app/app-context';
import type { TicketView } from '../../sync/desk-session';
import { useRecordIntent } from './use-record-intent';

/** How many of the desk's tags the field suggests. */
const SUGGESTED_TAGS = 8;

/**
 * The ticket's tags: shown to everyone who sees it, changed by whoever may work it (a setTags
 * intent, offline too). The field suggests the tags already used on this desk, most used first,
 * so the team keeps one spelling.
 */
export function TagEditor({ ticket }: { ticket: TicketView }) {
  const { t } = useTranslation();
  const session = useDeskSession();
  const { record, failure } = useRecordIntent(ticket.id);
  const [text, setText] = useState('');
  const inputId = useId();
  const listId = useId();
  const editable = !FINAL_STATUSES.includes(ticket.status) && mayWork(ticket, session.agent) && ticket.tags.length <= TICKET_TAGS_MAX;
  const suggestions = editable ? session.tagSuggestions(text, SUGGESTED_TAGS + ticket.tags.length).filter((tag) => !ticket.tags.some((has) => has.toLowerCase() === tag.toLowerCase())).slice(0, SUGGESTED_TAGS) : [];

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const tag = text.trim().slice(0, 60);
    if (tag === '') return;
    if (await record('setTags', { tags: withTags(ticket.tags, [tag]) })) setText('');
  };
  const remove = (tag: string) => void record('setTags', { tags: ticket.tags.filter((has) => has !== tag) });

  return (
    <div className="tag-editor" data-testid="ticket-tags">
      <span className="tag-editor__label">{t('ticket.tags')}</span>
      {ticket.tags.length === 0 && <span className="field__hint">{t('ticket.noTags')}</span>}
      <ul className="tag-editor__list" aria-label={t('ticket.tags')}>
        {ticket.tags.map((tag) => (
          <li key={tag} className="badge tag-editor__tag">
            {tag}
            {editable && (
              <button type="button" className="button button--link" aria-label={t('ticket.removeTag', { tag })} onClick={() => remove(tag)}>
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      {editable && (
        <form className="tag-editor__add" onSubmit={(event) => void add(event)}>
          <label htmlFor={inputId} className="visually-hidden">
            {t('ticket.addTag')}
          </label>
          <input id={inputId} list={listId} value={text} maxLength={60} placeholder={t('ticket.addTag')} onChange={(event) => setText(event.target.value)} />
          <datalist id={listId}>
            {suggestions.map((tag) => (
              <option key={tag} value={tag} />
            ))}
          </datalist>
          <button type="submit" className="button" disabled={text.trim() === ''}>
            {t('ticket.addTagButton')}
          </button>
        </form>
      )}
      {failure !== null && (
        <p className="notice notice--error" role="alert">
          {failure}
        </p>
      )}
    </div>
  );
}
