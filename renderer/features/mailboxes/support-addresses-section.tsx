import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MailSetup } from '../../api/mailboxes';
import { useDeskApi } from '../../app/app-context';
import { errorMessage } from '../../app/desk-auth';
import { useGroupDirectory } from '../routing/use-group-directory';
import { OutcomeNotice, type Outcome } from '../admin/outcome-notice';

/**
 * The addresses the desk takes mail for, with the group each one's new tickets go to. Those the
 * server's environment names can get a group but not be removed here.
 */
export function SupportAddressesSection({ setup, onSetup }: { setup: MailSetup; onSetup: (setup: MailSetup) => void }) {
  const { t } = useTranslation();
  const api = useDeskApi();
  const { groups } = useGroupDirectory();
  const id = useId();
  const [address, setAddress] = useState('');
  const [groupId, setGroupId] = useState('');
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const run = async (change: () => Promise<MailSetup>) => {
    setOutcome(null);
    try {
      onSetup(await change());
      return true;
    } catch (error) {
      setOutcome({ ok: false, text: t('deskMail.failed', { message: errorMessage(error) }) });
      return false;
    }
  };
  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (await run(() => api.putSupportAddress(address.trim().toLowerCase(), groupId || null))) {
      setAddress('');
      setGroupId('');
    }
  };
  const groupPicker = (value: string, onChange: (groupId: string) => void, label: string, inputId?: string) => (
    <select id={inputId} aria-label={inputId ? undefined : label} value={value} onChange={(event) => onChange(event.target.value)}>
      <option value="">{t('deskMail.anyGroup')}</option>
      {groups.map((group) => (
        <option key={group.id} value={group.id}>
          {group.name}
        </option>
      ))}
    </select>
  );

  return (
    <section className="sla-settings__section" aria-labelledby={`${id}-heading`} data-testid="support-addresses">
      <h3 id={`${id}-heading`}>{t('deskMail.addresses')}</h3>
      <p className="field__hint">{t('deskMail.addressesHint')}</p>
      <table className="team-table">
        <thead>
          <tr>
            <th scope="col">{t('deskMail.address')}</th>
            <th scope="col">{t('deskMail.group')}</th>
            <th scope="col">{t('deskMail.source')}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {setup.supportAddresses.map((entry) => (
            <tr key={entry.address} data-testid="support-address">
              <td>{entry.address}</td>
              <td>{groupPicker(entry.groupId ?? '', (next) => void run(() => api.putSupportAddress(entry.address, next || null)), t('deskMail.group') + ' ' + entry.address)}</td>
              <td>{t(entry.source === 'env' ? 'deskMail.sourceEnv' : 'deskMail.sourceConsole')}</td>
              <td>
                {entry.source === 'console' && entry.address !== setup.from && (
                  <button type="button" className="button" onClick={() => void run(() => api.removeSupportAddress(entry.address))}>
                    {t('deskMail.remove')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="field field--inline" onSubmit={(event) => void add(event)}>
        <label htmlFor={`${id}-address`}>{t('deskMail.address')}</label>
        <input id={`${id}-address`} type="email" required value={address} onChange={(event) => setAddress(event.target.value)} />
        <label htmlFor={`${id}-group`}>{t('deskMail.group')}</label>
        {groupPicker(groupId, setGroupId, t('deskMail.group'), `${id}-group`)}
        <button type="submit" className="button button--primary">
          {t('deskMail.add')}
        </button>
      </form>
      <OutcomeNotice outcome={outcome} />
    </section>
  );
}
