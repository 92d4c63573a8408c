import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeskApi } from '../../app/app-context';
import { errorMessage } from '../../app/desk-auth';
import { OutcomeNotice, type Outcome } from '../admin/outcome-notice';
import { splitList } from '../../state/split-list';

type Form = { allow: string; block: string; threshold: string };

/** Admins: who always passes, who is always held, and from which score a mail is held. The server checks each entry. */
export function SpamRulesSection() {
  const { t } = useTranslation();
  const api = useDeskApi();
  const id = useId();
  const [form, setForm] = useState<Form | null>(null);
  const [result, setResult] = useState<Outcome | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    api
      .loadSpamRules(abort.signal)
      .then((rules) => setForm({ allow: rules.allow.join('\n'), block: rules.block.join('\n'), threshold: String(rules.threshold) }))
      .catch((error: unknown) => {
        if (!abort.signal.aborted) setResult({ ok: false, text: t('spamRules.failed', { message: errorMessage(error) }) });
      });
    return () => abort.abort();
  }, [api, t]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!form) return;
    setResult(null);
    try {
      const saved = await api.saveSpamRules({ allow: splitList(form.allow), block: splitList(form.block), threshold: Number(form.threshold) });
      setForm({ allow: saved.allow.join('\n'), block: saved.block.join('\n'), threshold: String(saved.threshold) });
      setResult({ ok: true, text: t('spamRules.saved') });
    } catch (error) {
      setResult({ ok: false, text: t('spamRules.failed', { message: errorMessage(error) }) });
    }
  };

  if (!form) return <OutcomeNotice outcome={result} />;
  return (
    <form className="sla-settings__section" aria-labelledby={`${id}-heading`} onSubmit={(event) => void save(event)} data-testid="spam-rules">
      <h3 id={`${id}-heading`}>{t('spamRules.title')}</h3>
      <div className="field">
        <label htmlFor={`${id}-allow`}>{t('spamRules.allow')}</label>
        <textarea id={`${id}-allow`} rows={3} value={form.allow} onChange={(event) => setForm({ ...form, allow: event.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-block`}>{t('spamRules.block')}</label>
        <textarea id={`${id}-block`} rows={3} value={form.block} onChange={(event) => setForm({ ...form, block: event.target.value })} />
      </div>
      <div className="field field--inline">
        <label htmlFor={`${id}-threshold`}>{t('spamRules.threshold')}</label>
        <input id={`${id}-threshold`} type="number" min={1} max={100} step={0.5} value={form.threshold} onChange={(event) => setForm({ ...form, threshold: event.target.value })} />
      </div>
      <p className="field__hint">{t('spamRules.hint')}</p>
      <button type="submit" className="button button--primary">
        {t('spamRules.save')}
      </button>
      <OutcomeNotice outcome={result} />
    </form>
  );
}
