import { PASSWORD_SUGGESTIONS_EN, PASSWORD_WARNINGS_EN } from '../../../core/auth/password-feedback';
import type { Catalog } from '../../i18n/en';

/**
 * The password-strength library's feedback keys (core/auth/password-feedback.ts), which the live
 * verdict under a new password shows: English reuses the texts the server answers with; ru and pl
 * translate the same keys (renderer/i18n/catalogs.test.tsx checks the parity).
 */
export const passwordFeedbackStrings = {
  en: {
    warnings: { ...PASSWORD_WARNINGS_EN },
    suggestions: { ...PASSWORD_SUGGESTIONS_EN },
  },
  ru: {
  warnings: {
    straightRow: 'Ряды клавиш подряд легко угадать.',
    keyPattern: 'Короткие узоры на клавиатуре легко угадать.',
    simpleRepeat: 'Повторы символов вроде «aaa» легко угадать.',
    extendedRepeat: 'Повторяющиеся последовательности вроде «abcabcabc» легко угадать.',
    sequences: 'Обычные последовательности вроде «abc» легко угадать.',
    recentYears: 'Недавние годы легко угадать.',
    dates: 'Даты легко угадать.',
    topTen: 'Это один из самых популярных паролей.',
    topHundred: 'Это очень часто используемый пароль.',
    common: 'Это распространённый пароль.',
    similarToCommon: 'Это похоже на распространённый пароль.',
    wordByItself: 'Одно слово легко угадать.',
    namesByThemselves: 'Одно имя или фамилию легко угадать.',
    commonNames: 'Распространённые имена и фамилии легко угадать.',
    userInputs: 'Пароль не должен содержать личных данных, например имени или email.',
    pwned: 'Этот пароль утёк в сеть в результате взлома.',
  },
  suggestions: {
    l33t: 'Избегайте предсказуемых замен букв, например «@» вместо «a».',
    reverseWords: 'Не пишите обычные слова задом наперёд.',
    allUppercase: 'Сделайте заглавными некоторые, но не все буквы.',
    capitalization: 'Сделайте заглавной не только первую букву.',
    dates: 'Избегайте дат и годов, связанных с вами.',
    recentYears: 'Избегайте недавних годов.',
    associatedYears: 'Избегайте годов, связанных с вами.',
    sequences: 'Избегайте обычных последовательностей символов.',
    repeated: 'Избегайте повторов слов и символов.',
    longerKeyboardPattern: 'Используйте более длинные узоры на клавиатуре и несколько раз меняйте направление.',
    anotherWord: 'Добавьте ещё слова, лучше редкие.',
    useWords: 'Используйте несколько слов, но не известные фразы.',
    noNeed: 'Надёжный пароль можно составить и без символов, цифр и заглавных букв.',
    pwned: 'Если вы используете этот пароль где-то ещё, смените его.',
  },
  },
  pl: {
  warnings: {
    straightRow: 'Rzędy sąsiednich klawiszy łatwo odgadnąć.',
    keyPattern: 'Krótkie wzory na klawiaturze łatwo odgadnąć.',
    simpleRepeat: 'Powtórzenia znaków, takie jak „aaa”, łatwo odgadnąć.',
    extendedRepeat: 'Powtarzające się ciągi, takie jak „abcabcabc”, łatwo odgadnąć.',
    sequences: 'Typowe ciągi znaków, takie jak „abc”, łatwo odgadnąć.',
    recentYears: 'Niedawne lata łatwo odgadnąć.',
    dates: 'Daty łatwo odgadnąć.',
    topTen: 'To jedno z najczęściej używanych haseł.',
    topHundred: 'To bardzo często używane hasło.',
    common: 'To popularne hasło.',
    similarToCommon: 'To hasło przypomina popularne hasło.',
    wordByItself: 'Pojedyncze słowa łatwo odgadnąć.',
    namesByThemselves: 'Pojedyncze imiona lub nazwiska łatwo odgadnąć.',
    commonNames: 'Popularne imiona i nazwiska łatwo odgadnąć.',
    userInputs: 'Hasło nie powinno zawierać danych osobowych, takich jak imię czy e-mail.',
    pwned: 'To hasło wyciekło do internetu w wyniku włamania.',
  },
  suggestions: {
    l33t: 'Unikaj przewidywalnych zamian liter, np. „@” zamiast „a”.',
    reverseWords: 'Unikaj popularnych słów pisanych od tyłu.',
    allUppercase: 'Zmień na wielkie niektóre, ale nie wszystkie litery.',
    capitalization: 'Zmień na wielką nie tylko pierwszą literę.',
    dates: 'Unikaj dat i lat związanych z tobą.',
    recentYears: 'Unikaj niedawnych lat.',
    associatedYears: 'Unikaj lat związanych z tobą.',
    sequences: 'Unikaj typowych ciągów znaków.',
    repeated: 'Unikaj powtarzania słów i znaków.',
    longerKeyboardPattern: 'Używaj dłuższych wzorów na klawiaturze i kilka razy zmieniaj kierunek.',
    anotherWord: 'Dodaj więcej słów, najlepiej rzadkich.',
    useWords: 'Używaj kilku słów, ale unikaj znanych zwrotów.',
    noNeed: 'Silne hasło można ułożyć bez symboli, cyfr i wielkich liter.',
    pwned: 'Jeśli używasz tego hasła gdzie indziej, zmień je.',
  },
  },
} satisfies Record<'en' | 'ru' | 'pl', Catalog>;
