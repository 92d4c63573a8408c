import { useTranslation } from 'react-i18next';
import type { Template } from '../../../core';
import type { SlashList } from './use-template-insertion';

/**
 * The templates matching the `/name` being typed, under the reply box. The box keeps the focus
 * (it points at the chosen option with aria-activedescendant); a click inserts too.
 */
export function SlashTemplateList({ list, onChoose }: { list: SlashList; onChoose: (template: Template) => void }) {
  const { t } = useTranslation();
  return (
    <ul id={list.id} role="listbox" aria-label={t('templates.matching')} className="template-list template-list--slash" data-testid="slash-templates">
      {list.matches.map((template, index) => (
        <li
          key={template.id}
          id={`${list.id}-${index}`}
          role="option"
          aria-selected={index === list.active}
          className={index === list.active ? 'template-list__option template-list__option--active' : 'template-list__option'}
          // Keep the reply box focused: the click inserts into it.
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => onChoose(template)}
        >
          <span className="template-list__name">{template.name}</span>
          {template.scope === 'personal' && <span className="badge">{t('templates.personal')}</span>}
        </li>
      ))}
    </ul>
  );
}
