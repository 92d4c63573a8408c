import type { TFunction } from 'i18next';
import { AuthError } from '../../api/auth';
import { InvalidServerUrlError, errorMessage, type SignedOutNotice } from '../../app/desk-auth';

/** What the sign-in form says about a failed attempt, in the current language. */
export function describeSignInError(t: TFunction, error: unknown): string {
  if (error instanceof InvalidServerUrlError) return t('signIn.errors.invalidServerUrl');
  if (error instanceof AuthError) {
    switch (error.failure) {
      case 'invalid_credentials':
        return t('signIn.errors.invalidCredentials');
      case 'second_factor_required':
      case 'second_factor_invalid':
        return t('secondFactor.invalid');
      case 'throttled':
        return t('secondFactor.throttled', { seconds: error.retryAfterSeconds ?? 1 });
      case 'unreachable':
        return t('signIn.errors.unreachable');
      case 'server_error':
        return t('signIn.errors.serverError', { status: error.status ?? '?' });
      case 'bad_response':
        return t('signIn.errors.badResponse');
    }
  }
  // Signing in worked but the local desk (database) would not open.
  return t('signIn.errors.openFailed', { message: errorMessage(error) });
}

export function describeSignedOutNotice(t: TFunction, notice: SignedOutNotice): string {
  if (notice.kind === 'open_failed') return t('signIn.errors.openFailed', { message: notice.message });
  if (notice.pending === 0) return t('signIn.errors.sessionExpired');
  return `${t('signIn.errors.sessionExpired')} ${t('signIn.errors.pendingKept', { count: notice.pending })}`;
}
