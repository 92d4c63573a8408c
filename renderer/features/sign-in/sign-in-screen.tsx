import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppServices } from '../../app/app-context';
import type { SignedOutNotice } from '../../app/desk-auth';
import { AuthError } from '../../api/auth';
import { LanguageSwitch } from '../language/language-switch';
import { SecondFactorStep, type SecondFactorInput } from './second-factor-step';
import { describeSignInError, describeSignedOutNotice } from './sign-in-error';

/**
 * Email + password (+ server address in Electron, where the page itself says nothing about the
 * server), then, for an agent with two-factor sign-in, the code from their app or a recovery
 * code. On success the auth controller opens the desk and this screen unmounts.
 */
export function SignInScreen({ notice }: { notice: SignedOutNotice | null }) {
  const { t } = useTranslation();
  const { platform, auth } = useAppServices();
  const asksForServer = platform.setServerUrl !== undefined;

  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [server, setServer] = useState('');
  const [submitting, setSubmitting] = useState(false);
  // Set once the server said the password was right and a second factor is due.
  const [secondFactor, setSecondFactor] = useState<SecondFactorInput | null>(null);
  // The error itself, not its text, so that it re-renders in a newly chosen language.
  const [failure, setFailure] = useState<{ error: unknown } | null>(null);

  useEffect(() => {
    if (!asksForServer) return;
    platform
      .serverUrl()
      .then((url) => setServer((typed) => typed || url))
      .catch(() => undefined);
  }, [asksForServer, platform]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitting(true);
    setFailure(null);
    void platform.requestNotificationPermission?.();
    const code = secondFactor?.code.trim() ?? '';
    const proof = secondFactor === null ? {} : secondFactor.kind === 'totp' ? { totp: code.replace(/\s+/g, '') } : { recoveryCode: code };
    try {
      await auth.signIn({ email: email.trim(), password, ...proof, ...(asksForServer ? { serverUrl: server } : {}) });
    } catch (error) {
      if (error instanceof AuthError && error.failure === 'second_factor_required') {
        setSecondFactor({ kind: 'totp', code: '' });
      } else {
        setFailure({ error });
      }
      setSubmitting(false);
    }
  };

  const backToPassword = () => {
    setSecondFactor(null);
    setFailure(null);
  };

  return (
    <main className="sign-in">
      <div className="sign-in__language">
        <LanguageSwitch />
      </div>
      <form className="sign-in__form" onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">{secondFactor ? t('secondFactor.title') : t('signIn.title')}</h1>
        {notice && !failure && (
          <p className="notice notice--warning" role="status">
            {describeSignedOutNotice(t, notice)}
          </p>
        )}
        {secondFactor && <SecondFactorStep value={secondFactor} onChange={setSecondFactor} onBack={backToPassword} />}
        {!secondFactor && asksForServer && (
          <div className="field">
            <label htmlFor="sign-in-server">{t('signIn.server')}</label>
            <input
              id="sign-in-server"
              type="url"
              autoComplete="url"
              required
              value={server}
              aria-describedby="sign-in-server-hint"
              onChange={(event) => setServer(event.target.value)}
            />
            <small id="sign-in-server-hint" className="field__hint">
              {t('signIn.serverHint')}
            </small>
          </div>
        )}
        {!secondFactor && (
          <>
            <div className="field">
              <label htmlFor="sign-in-email">{t('signIn.email')}</label>
              <input
                id="sign-in-email"
                type="email"
                autoComplete="username"
                required
                value={email}
                onChange={(event) => setEmail(event.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor="sign-in-password">{t('signIn.password')}</label>
              <input
                id="sign-in-password"
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(event) => setPassword(event.target.value)}
              />
            </div>
          </>
        )}
        {failure && (
          <p className="notice notice--error" role="alert">
            {describeSignInError(t, failure.error)}
          </p>
        )}
        <button type="submit" className="button button--primary" disabled={submitting}>
          {submitting ? t('signIn.submitting') : secondFactor ? t('secondFactor.submit') : t('signIn.submit')}
        </button>
      </form>
    </main>
  );
}
