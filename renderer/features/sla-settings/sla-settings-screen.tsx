import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeskApi, useDeskSession } from '../../app/app-context';
import { errorMessage } from '../../app/desk-auth';
import { OnlineAdminScreen } from '../admin/online-admin-screen';
import { CalendarEditor } from './calendar-editor';
import { OrganizationsEditor } from './organizations-editor';
import { fromDraft, isTimeZone, toDraft, type SettingsDraft } from './settings-draft';
import { TargetsTable } from './targets-table';

type Loaded = { phase: 'loading' } | { phase: 'failed'; message: string } | { phase: 'loaded'; draft: SettingsDraft };
type Saving = { phase: 'idle' } | { phase: 'saving' } | { phase: 'saved' } | { phase: 'failed'; message: string };

/**
 * SLA targets, business calendar and organisation contracts, read and written straight on the
 * server (GET / PUT /api/admin/sla): settings are not replicated, so the screen works online only.
 * Supervisors see them read-only; admins edit and save. A refused save shows the server's reason.
 */
export function SlaSettingsScreen() {
  const { t } = useTranslation();
  const { agent } = useDeskSession();
  return (
    <OnlineAdminScreen headingId="sla-settings-heading" title={t('slaAdmin.title')} backLabel={t('slaAdmin.back')} offlineLabel={t('slaAdmin.offline')}>
      <SettingsLoader editable={agent.role === 'admin'} />
    </OnlineAdminScreen>
  );
}

function SettingsLoader({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const api = useDeskApi();
  const [loaded, setLoaded] = useState<Loaded>({ phase: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    setLoaded({ phase: 'loading' });
    api
      .loadSlaSettings(abort.signal)
      .then((settings) => setLoaded({ phase: 'loaded', draft: toDraft(settings) }))
      .catch((error: unknown) => {
        if (!abort.signal.aborted) setLoaded({ phase: 'failed', message: errorMessage(error) });
      });
    return () => abort.abort();
  }, [api, attempt]);

  if (loaded.phase === 'loading') return <p className="pane-message">{t('slaAdmin.loading')}</p>;
  if (loaded.phase === 'failed') {
    return (
      <div className="sla-settings__failure">
        <p className="notice notice--error" role="alert">
          {t('slaAdmin.loadFailed', { message: loaded.message })}
        </p>
        <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>
          {t('slaAdmin.retry')}
        </button>
      </div>
    );
  }
  return <SettingsForm initial={loaded.draft} editable={editable} />;
}

/** Owns the draft from the moment it mounts: nothing from outside overwrites what is being typed. */
function SettingsForm({ initial, editable }: { initial: SettingsDraft; editable: boolean }) {
  const { t } = useTranslation();
  const api = useDeskApi();
  const [draft, setDraft] = useState(initial);
  const [saving, setSaving] = useState<Saving>({ phase: 'idle' });

  const edit = useCallback((changes: Partial<SettingsDraft>) => {
    setDraft((current) => ({ ...current, ...changes }));
    setSaving((current) => (current.phase === 'saving' ? current : { phase: 'idle' }));
  }, []);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!editable || saving.phase === 'saving' || !isTimeZone(draft.timeZone)) return;
    setSaving({ phase: 'saving' });
    try {
      const stored = await api.saveSlaSettings(fromDraft(draft));
      // What the server stored is the record now (normalised: trimmed names, sorted holidays).
      setDraft(toDraft(stored));
      setSaving({ phase: 'saved' });
    } catch (error) {
      setSaving({ phase: 'failed', message: errorMessage(error) });
    }
  };

  return (
    <form className="sla-settings__form" onSubmit={(event) => void submit(event)}>
      {!editable && <p className="notice notice--warning">{t('slaAdmin.readOnly')}</p>}
      <fieldset className="sla-settings__fields" disabled={!editable || saving.phase === 'saving'}>
        <section className="sla-settings__section" aria-labelledby="sla-targets-heading">
          <h3 id="sla-targets-heading">{t('slaAdmin.targetsHeading')}</h3>
          <p className="field__hint">{t('slaAdmin.targetsHint')}</p>
          <TargetsTable policies={draft.policies} onChange={(policies) => edit({ policies })} />
        </section>
        <CalendarEditor draft={draft} onChange={edit} />
        <OrganizationsEditor organizations={draft.organizations} onChange={(organizations) => edit({ organizations })} />
      </fieldset>
      {editable && (
        <div className="sla-settings__save">
          <button type="submit" className="button button--primary" disabled={saving.phase === 'saving' || !isTimeZone(draft.timeZone)}>
            {saving.phase === 'saving' ? t('slaAdmin.saving') : t('slaAdmin.save')}
          </button>
          {saving.phase === 'saved' && (
            <span className="sla-settings__saved" role="status" data-testid="sla-saved">
              {t('slaAdmin.saved')}
            </span>
          )}
          {saving.phase === 'failed' && (
            <p className="notice notice--error" role="alert" data-testid="sla-save-error">
              {t('slaAdmin.saveFailed', { message: saving.message })}
            </p>
          )}
        </div>
      )}
    </form>
  );
}
