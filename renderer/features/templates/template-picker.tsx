import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Template } from '../../../core';
import { matchingTemplates } from './template-matching';

/**
 * The composer's "Templates" button: a list of the agent's templates with a filter box (type to
 * narrow, arrows to choose, Enter to insert, Escape to close). Works offline: the templates are local.
 */
export function TemplatePicker({ templates, onChoose, disabled }: { templates: readonly Template[]; onChoose: (template: Template) => void; disabled?: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [filter, setFilter] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const matches = matchingTemplates(templates, filter, 50);
  const current = Math.min(active, Math.max(0, matches.length - 1));

  const close = () => {
    setOpen(false);
    setFilter('');
    setActive(0);
    button.current?.focus();
  };
  const choose = (template: Template) => {
    setOpen(false);
    setFilter('');
    setActive(0);
    onChoose(template);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') setActive(current + 1 >= matches.length ? 0 : current + 1);
    else if (event.key === 'ArrowUp') setActive(current === 0 ? Math.max(0, matches.length - 1) : current - 1);
    else if (event.key === 'Enter' && matches[current]) choose(matches[current]);
    else if (event.key === 'Escape') close();
    else return;
    event.preventDefault();
  };

  return (
    <span className="template-picker">
      <button ref={button} type="button" className="button" aria-expanded={open} disabled={disabled} onClick={() => (open ? close() : setOpen(true))}>
        {t('templates.insert')}
      </button>
      {open && (
        <div className="template-picker__panel" data-testid="template-picker">
          <input
            type="search"
            // The panel opens for typing: focus goes straight to its filter.
            autoFocus
            role="combobox"
            aria-expanded="true"
            aria-controls={listId}
            aria-activedescendant={matches.length ? `${listId}-${current}` : undefined}
            aria-label={t('templates.filter')}
            placeholder={t('templates.filter')}
            value={filter}
            onChange={(event) => {
              setFilter(event.target.value);
              setActive(0);
            }}
            onKeyDown={onKeyDown}
          />
          {templates.length === 0 ? (
            <p className="pane-message">{t('templates.noneYet')}</p>
          ) : matches.length === 0 ? (
            <p className="pane-message">{t('templates.noMatch', { text: filter })}</p>
          ) : (
            <ul id={listId} role="listbox" aria-label={t('templates.title')} className="template-list">
              {matches.map((template, index) => (
                <li
                  key={template.id}
                  id={`${listId}-${index}`}
                  role="option"
                  aria-selected={index === current}
                  className={index === current ? 'template-list__option template-list__option--active' : 'template-list__option'}
                  onMouseDown={(event) => event.preventDefault()}
                  onClick={() => choose(template)}
                >
                  <span className="template-list__name">{template.name}</span>
                  {template.scope === 'personal' && <span className="badge">{t('templates.personal')}</span>}
                  <span className="template-list__preview">{template.body.slice(0, 120)}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </span>
  );
}
