import type { Catalog } from '../../i18n/en';

/** The sign-in screen's second step and its refusals (en, ru and pl hold the same keys). */
export const secondFactorStrings = {
  en: {
    title: 'Enter your sign-in code',
    hint: 'Open your authenticator app and enter the six-digit code it shows for Tierdesk.',
    code: 'Code',
    recoveryCode: 'Recovery code',
    recoveryHint: 'One of the recovery codes you saved when you set up two-factor sign-in. Each works once.',
    useRecoveryCode: 'Use a recovery code instead',
    useAppCode: 'Use a code from the app instead',
    submit: 'Verify',
    back: 'Back',
    invalid: 'That code did not work. Enter the current code (each code works once).',
    throttled: 'Too many failed attempts. Try again in {{seconds}} s.',
  },
  ru: {
    title: 'Введите код для входа',
    hint: 'Откройте приложение-аутентификатор и введите шестизначный код, который оно показывает для Tierdesk.',
    code: 'Код',
    recoveryCode: 'Резервный код',
    recoveryHint: 'Один из резервных кодов, сохранённых при настройке двухфакторного входа. Каждый действует один раз.',
    useRecoveryCode: 'Войти с резервным кодом',
    useAppCode: 'Войти с кодом из приложения',
    submit: 'Подтвердить',
    back: 'Назад',
    invalid: 'Код не подошёл. Введите текущий код (каждый код действует один раз).',
    throttled: 'Слишком много неудачных попыток. Повторите через {{seconds}} с.',
  },
  pl: {
    title: 'Wpisz kod logowania',
    hint: 'Otwórz aplikację uwierzytelniającą i wpisz sześciocyfrowy kod, który pokazuje dla Tierdesk.',
    code: 'Kod',
    recoveryCode: 'Kod zapasowy',
    recoveryHint: 'Jeden z kodów zapasowych zapisanych przy konfiguracji logowania dwuskładnikowego. Każdy działa raz.',
    useRecoveryCode: 'Użyj kodu zapasowego',
    useAppCode: 'Użyj kodu z aplikacji',
    submit: 'Potwierdź',
    back: 'Wstecz',
    invalid: 'Ten kod nie zadziałał. Wpisz bieżący kod (każdy kod działa raz).',
    throttled: 'Zbyt wiele nieudanych prób. Spróbuj ponownie za {{seconds}} s.',
  },
} satisfies Record<'en' | 'ru' | 'pl', Catalog>;
