import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../../../core';
import { useAppServices } from '../../app/app-context';
import { changeLanguage } from '../../i18n/i18n';

/** Each language is named in itself, so these names are deliberately not in the catalogs. */
const AUTONYMS: Record<Language, string> = { en: 'English', ru: 'Русский', pl: 'Polski' };

/** EN / RU / PL toggle; the choice is remembered by the platform for the next start. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const { platform } = useAppServices();

  const choose = (language: Language) => {
    void changeLanguage(language);
    platform.saveLanguage(language).catch((error: unknown) => console.error('could not remember the language', error));
  };

  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          title={AUTONYMS[language]}
          aria-pressed={i18n.resolvedLanguage === language}
          onClick={() => choose(language)}
        >
          {language.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
