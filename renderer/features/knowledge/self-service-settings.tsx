import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SelfServiceSettings } from '../../../core/knowledge';
import { useDeskApi } from '../../app/app-context';
import { useConnection } from '../connection/use-connection';

/**
 * Admins: when the acknowledgement of a new request offers a public article. The request must say
 * at least this share of the article's title, in at least this many of its words (README
 * "Self-service answers"); each decision is kept in the ticket's audit log. Online only.
 */
export function SelfServiceSettingsForm() {
  const { t } = useTranslation();
  const api = useDeskApi();
  const online = useConnection().status !== 'offline';
  const coverageId = useId();
  const wordsId = useId();
  const [settings, setSettings] = useState<SelfServiceSettings | null>(null);
  const [state, setState] = useState<{ kind: 'idle' | 'saving' | 'saved' } | { kind: 'failed'; message: string }>({ kind: 'idle' });

  useEffect(() => {
    if (!online) return;
    const controller = new AbortController();
    api.loadSelfService(controller.signal).then(setSettings, (error: unknown) => !controller.signal.aborted && setState({ kind: 'failed', message: String(error instanceof Error ? error.message : error) }));
    return () => controller.abort();
  }, [api, online]);

  if (!online || settings === null) return state.kind === 'failed' ? <p className="notice notice--error">{t('knowledge.loadFailed', { message: state.message })}</p> : null;
  const change = (changes: Partial<SelfServiceSettings>) => {
    setSettings({ ...settings, ...changes });
    setState({ kind: 'idle' });
  };
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setState({ kind: 'saving' });
    try {
      setSettings(await api.saveSelfService(settings));
      setState({ kind: 'saved' });
    } catch (error) {
      setState({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <form className="self-service-settings" aria-labelledby="self-service-heading" onSubmit={(event) => void save(event)}>
      <h3 id="self-service-heading">{t('knowledge.selfService.title')}</h3>
      <label className="checkbox">
        <input type="checkbox" checked={settings.enabled} onChange={(event) => change({ enabled: event.target.checked })} />
        {t('knowledge.selfService.enabled')}
      </label>
      <div className="field field--inline">
        <label htmlFor={coverageId}>{t('knowledge.selfService.coverage')}</label>
        <input id={coverageId} type="number" min={30} max={100} step={5} value={Math.round(settings.minTitleCoverage * 100)} disabled={!settings.enabled} onChange={(event) => change({ minTitleCoverage: Number(event.target.value) / 100 })} />
        <label htmlFor={wordsId}>{t('knowledge.selfService.words')}</label>
        <input id={wordsId} type="number" min={1} max={10} step={1} value={settings.minSharedWords} disabled={!settings.enabled} onChange={(event) => change({ minSharedWords: Number(event.target.value) })} />
      </div>
      <p className="field__hint">{t('knowledge.selfService.hint')}</p>
      <div aria-live="polite">
        {state.kind === 'saved' && <p className="notice">{t('knowledge.selfService.saved')}</p>}
        {state.kind === 'failed' && (
          <p className="notice notice--error" role="alert">
            {t('knowledge.saveFailed', { message: state.message })}
          </p>
        )}
      </div>
      <button type="submit" className="button" disabled={state.kind === 'saving'}>
        {t('knowledge.selfService.save')}
      </button>
    </form>
  );
}
