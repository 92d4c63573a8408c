import { useTranslation } from 'react-i18next';
import { ARTICLE_LANGUAGES } from '../../../core';

/** The `<option>`s of the knowledge base's languages, named in the agent's language. */
export function LanguageOptions() {
  const { t } = useTranslation();
  return (
    <>
      {ARTICLE_LANGUAGES.map((code) => (
        <option key={code} value={code}>
          {t(`knowledge.languages.${code}`)}
        </option>
      ))}
    </>
  );
}
