import type { SpamRules } from '../../../../core';
import type { Database } from '../../../store/database';
import { findHeldSpam, forgetHeldSpam, listHeldSpam, saveSpamRules, loadSpamRules, type HeldMail } from '../../../store/spam-repository';
import type { CommitPath } from '../../tickets/commit-path';
import type { Attachments } from '../../tickets/attachments';
import type { MailIntake, MailOutcome } from './receive-mail';

export type HeldMailView = Omit<HeldMail, 'rawSha256' | 'messageId'>;
const view = ({ rawSha256: _sha, messageId: _id, ...shown }: HeldMail): HeldMailView => shown;

/**
 * The Spam view: mail the rules held instead of opening a ticket. An agent releases a mail (it
 * goes through the intake as it arrived, rules skipped, and becomes a ticket or joins one) or
 * deletes it; nothing leaves the queue any other way. Admins set the rules.
 */
export class SpamQueue {
  constructor(
    private readonly database: Database,
    private readonly commits: CommitPath,
    private readonly intake: MailIntake,
    private readonly attachments: Attachments,
  ) {}

  async list(after: { receivedAt: number; id: string } | null, limit: number): Promise<{ mails: HeldMailView[]; more: boolean }> {
    const found = await listHeldSpam(this.database.db, after, limit + 1);
    return { mails: found.slice(0, limit).map(view), more: found.length > limit };
  }

  /** null: no such held mail. The mail is forgotten only once its ticket is committed (a crash in between releases it again, stored once). */
  async release(id: string): Promise<MailOutcome | null> {
    const held = await findHeldSpam(this.database.db, id);
    if (!held) return null;
    const raw = await this.attachments.read(held.rawSha256);
    if (!raw) throw new Error(`the held mail ${id} has lost its raw form (${held.rawSha256})`);
    const outcome = await this.intake.receive(raw, { released: true });
    await this.commits.commit(async (trx) => ({ value: await forgetHeldSpam(trx, id) }));
    return outcome;
  }

  async remove(id: string): Promise<boolean> {
    return this.commits.commit(async (trx) => ({ value: await forgetHeldSpam(trx, id) }));
  }

  rules(): Promise<SpamRules> {
    return loadSpamRules(this.database.db);
  }

  async setRules(rules: SpamRules): Promise<SpamRules> {
    await this.commits.commit(async (trx, now) => ({ value: await saveSpamRules(trx, rules, now) }));
    return rules;
  }
}
