import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useUiStore } from '../../state/ui-store';

/** Ctrl+K (⌘K on a Mac) from anywhere in the console, like the search of most work tools. */
const isSearchShortcut = (event: KeyboardEvent) => (event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k';

/**
 * The one search box, in the header. Typing lists what the local database holds (the left pane
 * shows results while it is not blank); Escape clears it and gives the queue back.
 */
export function SearchBox() {
  const { t } = useTranslation();
  const text = useUiStore((state) => state.searchText);
  const setText = useUiStore((state) => state.setSearchText);
  const showScreen = useUiStore((state) => state.showScreen);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isSearchShortcut(event)) return;
      event.preventDefault();
      showScreen('desk');
      input.current?.focus();
      input.current?.select();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [showScreen]);

  return (
    <div role="search" className="search-box">
      <label htmlFor="desk-search" className="visually-hidden">
        {t('search.label')}
      </label>
      <input
        ref={input}
        id="desk-search"
        type="search"
        value={text}
        placeholder={t('search.placeholder')}
        aria-keyshortcuts="Control+K Meta+K"
        autoComplete="off"
        maxLength={200}
        onChange={(event) => {
          setText(event.target.value);
          showScreen('desk');
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') setText('');
        }}
      />
    </div>
  );
}
