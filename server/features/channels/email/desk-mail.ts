import { SUPPORT_ADDRESSES_MAX, type DeskMailSettings, type SupportAddressView } from '../../../../core';
import type { SecretBox } from '../../../auth/secret-box';
import type { MailConfig } from '../../../config';
import type { Logger } from '../../../logger';
import type { Database } from '../../../store/database';
import { countSupportAddresses, deleteSupportAddress, listSupportAddresses, loadDeskMailSettings, putSupportAddress, saveDeskMailSettings } from '../../../store/desk-mail-repository';
import { groupExists } from '../../../store/groups-repository';
import type { CommitPath, Written } from '../../tickets/commit-path';
import type { MailTransport } from './mail-transport';

/** The context the relay URL is sealed under (it carries the relay's password). */
const RELAY_CONTEXT = 'mail:relay';
/** A replaced relay is closed this long after, so mails it is sending finish (a claim lasts two minutes). */
const RETIRE_RELAY_MS = 150_000;

/** Every server process reloads the desk's mail settings when this is published. */
export const DESK_MAIL_CHANGED_TOPIC = 'mail:desk-changed';

type Address = { groupId: string | null; source: SupportAddressView['source'] };
type State = { from: string; fromSource: 'env' | 'console'; relayUrl: string | null; relaySource: 'env' | 'console'; addresses: Map<string, Address> };

export type DeskMailChange = { ok: true } | { ok: false; status: 404 | 409 | 422; error: string };

/**
 * The desk's mail identity as it is now: the environment's values (TIERDESK_MAIL_FROM,
 * TIERDESK_MAIL_ADDRESSES, TIERDESK_SMTP_RELAY_URL) with what admins set in the console over
 * them. Held in memory, since every mail asks it (RCPT, threading, outbound From); each write
 * reloads it here and `changed` tells the other server processes to reload too. The relay URL is
 * sealed with the master key in the database. A relay that changes is replaced at once; the old
 * one is closed a little later, so mails it is sending finish.
 */
export class DeskMail {
  private state: State;
  private transport: MailTransport | null = null;
  private transportUrl: string | null = null;

  constructor(
    private readonly database: Database,
    /** A getter: the commit path's own mail step asks this identity, so it is made first. */
    private readonly commits: () => CommitPath,
    private readonly env: MailConfig,
    private readonly secrets: () => SecretBox,
    private readonly connectRelay: (url: string) => MailTransport,
    private readonly logger: Logger,
    private readonly changed: () => void = () => {},
  ) {
    this.state = { from: env.from, fromSource: 'env', relayUrl: env.relayUrl, relaySource: 'env', addresses: environmentAddresses(env) };
  }

  /** Reads what the console set; every process calls it at start and whenever any process changes it. */
  async load(): Promise<void> {
    const [stored, rows] = [await loadDeskMailSettings(this.database.db), await listSupportAddresses(this.database.db)];
    const addresses = environmentAddresses(this.env);
    for (const row of rows) addresses.set(row.address, { groupId: row.groupId, source: addresses.has(row.address) ? 'env' : 'console' });
    let relayUrl = this.env.relayUrl;
    let relaySource: State['relaySource'] = 'env';
    if (stored.relaySealed) {
      try {
        relayUrl = this.secrets().open(stored.relaySealed, RELAY_CONTEXT);
        relaySource = 'console';
      } catch (error) {
        this.logger.error({ err: error }, 'the relay set in the console does not open with this master key; using TIERDESK_SMTP_RELAY_URL');
      }
    }
    const from = stored.from ?? this.env.from;
    // The From address is always a support address: customers answer it.
    if (!addresses.has(from)) addresses.set(from, { groupId: null, source: 'console' });
    this.state = { from, fromSource: stored.from ? 'console' : 'env', relayUrl, relaySource, addresses };
  }

  get from(): string {
    return this.state.from;
  }

  /** Whether mail to this address is the desk's (RCPT is refused otherwise; the desk never mails itself). */
  isDeskAddress(address: string): boolean {
    return this.state.addresses.has(address.toLowerCase());
  }

  /** The group new tickets mailed to these recipients go to: the first support address with a group; null: the usual choice. */
  groupFor(recipients: readonly string[]): string | null {
    for (const recipient of recipients) {
      const groupId = this.state.addresses.get(recipient.toLowerCase())?.groupId;
      if (groupId) return groupId;
    }
    return null;
  }

  /** The address a reply goes out from: the support address the customer wrote to, else the desk's From. */
  replyFrom(customerRecipients: readonly string[]): string {
    return customerRecipients.map((address) => address.toLowerCase()).find((address) => this.state.addresses.has(address)) ?? this.state.from;
  }

  /** The relay to send through now; null: none is set, and mail waits in the queue. */
  relay(): MailTransport | null {
    const url = this.state.relayUrl;
    if (url !== this.transportUrl) {
      this.retire(this.transport);
      this.transport = url ? this.connectRelay(url) : null;
      this.transportUrl = url;
    }
    return this.transport;
  }

  /** What admins see: addresses (From first) with their groups and where each value comes from; the relay's host only, never its credentials. */
  view() {
    const { from, fromSource, relayUrl, relaySource, addresses } = this.state;
    return {
      from,
      fromSource,
      relay: relayUrl ? new URL(relayUrl).host : null,
      relaySource,
      supportAddresses: [...addresses].map(([address, entry]): SupportAddressView => ({ address, ...entry })).sort((a, b) => Number(b.address === from) - Number(a.address === from) || a.address.localeCompare(b.address)),
    };
  }

  async changeSettings(settings: DeskMailSettings): Promise<DeskMailChange> {
    await this.commits().commit(async (trx, now) => {
      const stored = await loadDeskMailSettings(trx);
      const next = { ...stored };
      if (settings.from !== undefined) next.from = settings.from ?? undefined;
      if (settings.relayUrl !== undefined) next.relaySealed = settings.relayUrl === null ? undefined : this.secrets().seal(settings.relayUrl, RELAY_CONTEXT);
      await saveDeskMailSettings(trx, next, now);
      return { value: undefined };
    });
    return this.reloadEverywhere();
  }

  /** Adds a support address, or changes its group. */
  async putAddress(address: string, groupId: string | null): Promise<DeskMailChange> {
    const refused = await this.commits().commit(async (trx, now): Promise<Written<DeskMailChange | null>> => {
      if (groupId !== null && !(await groupExists(trx, groupId))) return { value: { ok: false, status: 422, error: 'no such group' } };
      const known = this.state.addresses.has(address);
      if (!known && (await countSupportAddresses(trx)) >= SUPPORT_ADDRESSES_MAX) return { value: { ok: false, status: 409, error: `at most ${SUPPORT_ADDRESSES_MAX} support addresses` } };
      await putSupportAddress(trx, { address, groupId }, now);
      return { value: null };
    });
    return refused ?? this.reloadEverywhere();
  }

  /** Removes an address added in the console; an address of the environment only loses its group. */
  async removeAddress(address: string): Promise<DeskMailChange> {
    if (address === this.state.from && this.state.fromSource === 'console') return { ok: false, status: 409, error: 'this is the desk’s From address: change that first' };
    const removed = await this.commits().commit(async (trx) => ({ value: await deleteSupportAddress(trx, address) }));
    if (!removed) {
      return environmentAddresses(this.env).has(address)
        ? { ok: false, status: 409, error: 'this address is set by TIERDESK_MAIL_FROM or TIERDESK_MAIL_ADDRESSES: change the environment to remove it' }
        : { ok: false, status: 404, error: 'no such support address' };
    }
    return this.reloadEverywhere();
  }

  close(): void {
    this.transport?.close();
    this.transport = null;
    this.transportUrl = null;
  }

  private async reloadEverywhere(): Promise<DeskMailChange> {
    await this.load();
    this.changed();
    return { ok: true };
  }

  private retire(transport: MailTransport | null): void {
    if (!transport) return;
    setTimeout(() => transport.close(), RETIRE_RELAY_MS).unref();
  }
}

function environmentAddresses(env: MailConfig): Map<string, Address> {
  return new Map(env.addresses.map((address) => [address, { groupId: null, source: 'env' as const }]));
}
