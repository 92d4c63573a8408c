import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SIGNATURE_PLACEHOLDERS } from '../../../core';
import { useDeskApi } from '../../app/app-context';
import { errorMessage } from '../../app/desk-auth';

/** The agent's mail signature, appended to their replies' mails; the placeholders it may use are listed. */
export function SignatureSection() {
  const { t } = useTranslation();
  const api = useDeskApi();
  const id = useId();
  const [signature, setSignature] = useState<string | null>(null);
  const [state, setState] = useState<{ kind: 'idle' | 'saving' | 'saved' } | { kind: 'failed'; message: string }>({ kind: 'idle' });

  useEffect(() => {
    const abort = new AbortController();
    api
      .loadSignature(abort.signal)
      .then(setSignature)
      .catch((error: unknown) => {
        if (!abort.signal.aborted) setState({ kind: 'failed', message: errorMessage(error) });
      });
    return () => abort.abort();
  }, [api]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (signature === null) return;
    setState({ kind: 'saving' });
    try {
      await api.saveSignature(signature);
      setState({ kind: 'saved' });
    } catch (error) {
      setState({ kind: 'failed', message: errorMessage(error) });
    }
  };

  return (
    <section className="sla-settings__section" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t('signature.title')}</h3>
      <form onSubmit={(event) => void save(event)}>
        <div className="field">
          <label htmlFor={`${id}-text`}>{t('signature.label')}</label>
          <textarea id={`${id}-text`} rows={4} maxLength={2_000} value={signature ?? ''} disabled={signature === null} onChange={(event) => setSignature(event.target.value)} />
          <p className="field__hint">{t('signature.hint', { placeholders: SIGNATURE_PLACEHOLDERS.map((name) => `{{${name}}}`).join(', ') })}</p>
        </div>
        <button type="submit" className="button button--primary" disabled={signature === null || state.kind === 'saving'}>
          {t('signature.save')}
        </button>
        {state.kind === 'saved' && <p role="status">{t('signature.saved')}</p>}
        {state.kind === 'failed' && (
          <p className="notice notice--error" role="alert">
            {t('signature.failed', { message: state.message })}
          </p>
        )}
      </form>
    </section>
  );
}
