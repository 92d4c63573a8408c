import type { PageLanguage } from '../../channels/request-page/request-page-strings';

export type ArticlePageStrings = {
  updated: string;
  otherLanguages: string;
  missingTitle: string;
  missing: string;
  languageNames: Record<PageLanguage, string>;
};

/** The article page's own words (the article is in its own language), en/ru/pl. */
export const ARTICLE_PAGE_STRINGS: Record<PageLanguage, ArticlePageStrings> = {
  en: {
    updated: 'Updated',
    otherLanguages: 'Also in',
    missingTitle: 'Article not found',
    missing: 'This article does not exist or is no longer published. Search the help pages or write to us.',
    languageNames: { en: 'English', ru: 'Russian', pl: 'Polish' },
  },
  ru: {
    updated: 'Обновлено',
    otherLanguages: 'Также на языках',
    missingTitle: 'Статья не найдена',
    missing: 'Такой статьи нет или она больше не опубликована. Поищите в справке или напишите нам.',
    languageNames: { en: 'английский', ru: 'русский', pl: 'польский' },
  },
  pl: {
    updated: 'Zaktualizowano',
    otherLanguages: 'Także w językach',
    missingTitle: 'Nie znaleziono artykułu',
    missing: 'Ten artykuł nie istnieje lub nie jest już opublikowany. Poszukaj w pomocy albo napisz do nas.',
    languageNames: { en: 'angielski', ru: 'rosyjski', pl: 'polski' },
  },
};
