import { randomUUID } from 'node:crypto';
import { MailboxSettingsSchema, type MailboxPatch, type MailboxSettings, type MailboxView } from '../../../../core';
import type { SecretBox } from '../../../auth/secret-box';
import { deleteMailbox, findMailbox, insertMailbox, listMailboxes, updateMailbox, type StoredMailbox } from '../../../store/mailboxes-repository';
import type { Database } from '../../../store/database';
import type { CommitPath, Written } from '../../tickets/commit-path';

/** The context a mailbox password is sealed under: a sealed value copied onto another mailbox does not open. */
const passwordContext = (id: string) => `mailbox:${id}`;

export type MailboxChange = { ok: true; mailbox: MailboxView } | { ok: false; error: string } | null;

/**
 * The IMAP mailboxes admins configure. Passwords are sealed with the master key on the way in and
 * opened only by the poller; the API never shows them. A change ends the reading process's lease,
 * so the new settings take effect within a poll.
 */
export class Mailboxes {
  constructor(
    private readonly database: Database,
    private readonly commits: CommitPath,
    private readonly secrets: () => SecretBox,
  ) {}

  async list(): Promise<MailboxView[]> {
    return (await listMailboxes(this.database.db)).map((mailbox) => mailbox.view);
  }

  async create(settings: MailboxSettings): Promise<MailboxView> {
    const id = randomUUID();
    const { password, ...rest } = settings;
    const sealed = this.secrets().seal(password, passwordContext(id));
    return this.commits.commit(async (trx, now) => {
      await insertMailbox(trx, id, rest, sealed, now);
      return { value: (await findMailbox(trx, id))!.view };
    });
  }

  /** null: no such mailbox. A patch whose result is not valid settings changes nothing. */
  async update(id: string, patch: MailboxPatch): Promise<MailboxChange> {
    return this.commits.commit(async (trx, now): Promise<Written<MailboxChange>> => {
      const stored = await findMailbox(trx, id);
      if (!stored) return { value: null };
      const merged = MailboxSettingsSchema.safeParse({ ...stored.settings, password: 'kept', ...patch });
      if (!merged.success) return { value: { ok: false, error: merged.error.issues.map((issue) => `${issue.path.join('.') || 'mailbox'}: ${issue.message}`).join('; ') } };
      const { password, ...rest } = merged.data;
      const sealed = patch.password !== undefined ? this.secrets().seal(password, passwordContext(id)) : stored.passwordSealed;
      await updateMailbox(trx, id, rest, sealed, now);
      return { value: { ok: true, mailbox: (await findMailbox(trx, id))!.view } };
    });
  }

  async remove(id: string): Promise<boolean> {
    return this.commits.commit(async (trx) => ({ value: await deleteMailbox(trx, id) }));
  }

  /** What the poller connects with. Throws when the master key cannot open it (the key changed). */
  openPassword(mailbox: StoredMailbox): string {
    return this.secrets().open(mailbox.passwordSealed, passwordContext(mailbox.id));
  }
}
