import type { SelfServiceOffer, SelfServiceOffers } from '../../knowledge/self-service-offers';
import { randomUUID } from 'node:crypto';
import { MESSAGE_ATTACHMENTS_MAX, MESSAGE_BODY_MAX, newReplyText, spamVerdict, type SpamVerdict, ticketNumberInSubject, ticketSubjectOf, type MessageMail, type Ticket } from '../../../../core';
import { recordAuditEvent } from '../../../store/audit-repository';
import type { Executor } from '../../../store/database';
import { mailedBy, mailIdKnown, outboundByMessageId, recordMailId, settleOutbound, ticketIdOfMailIds } from '../../../store/mail-repository';
import { findMessageById, findTicketById, findTicketByNumber, updateMessageDoc } from '../../../store/tickets-repository';
import { nextCounterValue } from '../../../store/counters';
import { mergeChanges, NO_CHANGES } from '../../../sync/change-feed';
import type { Router } from '../../routing/router';
import type { MutationLimits } from '../../tickets/apply-agent-mutation';
import type { CommitPath, Written } from '../../tickets/commit-path';
import { appendCustomerMessage, openFollowUp, type CustomerText } from '../../tickets/customer-writes';
import { registerTicket } from '../../tickets/register-ticket';
import type { Attachments, PreparedFile } from '../../tickets/attachments';
import { attachmentRef, insertAttachment } from '../../../store/attachments-repository';
import type { Database } from '../../../store/database';
import { holdSpam, loadSpamRules, spamHeld } from '../../../store/spam-repository';
import { parseMail, type InboundMail } from './parse-mail';
import type { rspamdChecker } from './rspamd';
import type { DeskMail } from './desk-mail';

/** What became of one mail: a new ticket, a message on an existing one, a redelivery, or a bounce report. */
export type MailOutcome =
  | { kind: 'created' | 'appended'; ticketNumber: number; automatic: string | null }
  | { kind: 'duplicate' }
  | { kind: 'report'; messageId: string | null }
  | { kind: 'held'; spamId: string; score: number };

const TRUNCATED = '\n\n[…] (shortened: the full mail is longer than a message can hold)';

/**
 * Inbound mail, from any transport (the SMTP listener, IMAP polling), into tickets through the
 * one commit path. A Message-ID seen before is a redelivery and changes nothing. Threading, as
 * the best peers do it: a mail joins the ticket whose mail it answers (In-Reply-To, References);
 * else the ticket its subject tag names, if the sender takes part in it (its requester, or has
 * mailed it before): a stranger's tag opens a new ticket instead. Closed and Canceled tickets get
 * a follow-up. A mail from a machine (out-of-office, list, robot) is stored like any other but is
 * never acknowledged. A delivery report marks the outbound mail it names as failed.
 */
export class MailIntake {
  constructor(
    private readonly database: Database,
    private readonly commits: CommitPath,
    private readonly router: Router,
    private readonly limits: MutationLimits,
    private readonly attachments: Attachments,
    private readonly desk: Pick<DeskMail, 'groupFor'>,
    private readonly rspamd: ReturnType<typeof rspamdChecker> | null = null,
    private readonly offers: Pick<SelfServiceOffers, 'offerFor'> | null = null,
  ) {}

  /**
   * Throws UnreadableMailError for mail that is not mail (no sender, broken MIME): the transport
   * refuses it. A mail that would open a new ticket and that the spam rules suspect is held in the
   * Spam view instead (a reply to a known thread is never held); `released`: an agent let it
   * through, so the rules are not asked again. `recipients`: the envelope's (SMTP RCPT TO), which
   * name the support address even when the mail's To does not (Bcc, a forwarding alias); else
   * the mail's To and Cc. A new ticket goes to the group of the first support address among them.
   */
  async receive(raw: Buffer, options: { released?: boolean; recipients?: readonly string[] } = {}): Promise<MailOutcome> {
    const mail = await parseMail(raw);
    const suspected = mail.report || options.released ? null : await this.suspect(mail, raw);
    const rawSha256 = suspected ? await this.attachments.keep(raw) : null;
    // Stored even for suspected spam: a suspect that turns out to answer a known thread is not held.
    const files = mail.report ? { prepared: [], refused: [] } : await this.prepareFiles(mail);
    // Weighed before the transaction (a search); used only if the mail opens a ticket a person wrote.
    const offer = mail.report || mail.automatic !== null ? undefined : await this.offers?.offerFor({ subject: ticketSubjectOf(mail.subject), body: mail.text });
    return this.commits.commit(async (trx, now): Promise<Written<MailOutcome>> => {
      if ((await mailIdKnown(trx, mail.messageId)) || (!options.released && (await spamHeld(trx, mail.messageId)))) return { value: { kind: 'duplicate' } };
      if (mail.report) return this.recordReport(trx, mail, now);
      const thread = await this.threadOf(trx, mail);
      if (suspected && rawSha256 && !thread) {
        const held = { id: randomUUID(), messageId: mail.messageId, rawSha256, from: mail.from.address, subject: (mail.subject ?? '').slice(0, 998), preview: mail.text.slice(0, 300), score: suspected.score, reasons: suspected.reasons, receivedAt: now };
        await holdSpam(trx, held);
        return { value: { kind: 'held', spamId: held.id, score: suspected.score } };
      }
      const text: CustomerText = { ...customerText(mail, files.refused), messageId: randomUUID(), attachments: files.prepared.map(attachmentRef) };
      const groupId = this.desk.groupFor(options.recipients ?? [...mail.to, ...mail.cc]);
      const landed = await this.land(trx, mail, thread, text, now, groupId, offer);
      const ticketId = landed.change?.messages.find((row) => row.doc.id === text.messageId)?.ticket.id;
      // The files go where the message went (a follow-up, if it opened one); a mail kept only in the audit keeps none.
      if (ticketId) for (const file of files.prepared) await insertAttachment(trx, { ...file, ticketId, messageId: text.messageId!, uploadedBy: null }, now);
      return landed;
    });
  }

  /** The spam rules' verdict on a mail that may open a ticket; null when it is not suspected. */
  private async suspect(mail: InboundMail, raw: Buffer): Promise<SpamVerdict | null> {
    const rules = await loadSpamRules(this.database.db);
    const opinion = (await this.rspamd?.(raw, mail.from.address, rules.threshold)) ?? undefined;
    const verdict = spamVerdict({ header: mail.header, from: mail.from.address, fromName: mail.from.name, subject: mail.subject ?? '', text: mail.text, hasHtml: mail.html !== null }, rules, opinion);
    return verdict.spam ? verdict : null;
  }

  /** The mail's files, stored before its transaction; files over the per-file limit are named in the message instead. */
  private async prepareFiles(mail: InboundMail): Promise<{ prepared: PreparedFile[]; refused: string[] }> {
    const prepared: PreparedFile[] = [];
    const refused: string[] = [];
    for (const file of mail.files.slice(0, MESSAGE_ATTACHMENTS_MAX)) {
      if (file.bytes.length > this.attachments.maxFileBytes) refused.push(`${file.filename} (${Math.ceil(file.bytes.length / 1_048_576)} MB)`);
      else prepared.push(await this.attachments.prepare(file));
    }
    for (const file of mail.files.slice(MESSAGE_ATTACHMENTS_MAX)) refused.push(file.filename);
    return { prepared, refused };
  }

  private async land(trx: Executor, mail: InboundMail, thread: Ticket | null, text: CustomerText, now: number, groupId: string | null, offer: SelfServiceOffer | undefined): Promise<Written<MailOutcome>> {
    if (thread && mail.automatic !== null) return this.recordAutomatic(trx, mail, thread, text, now);
    if (thread) {
      const written =
        thread.status === 'canceled' ? await openFollowUp(trx, this.router, thread, text, now) : await appendCustomerMessage(trx, this.router, this.limits, thread, text, now);
      // Refusals are for agents' intents; a customer's mail always lands (append refuses only a final ticket, handled above).
      const ticket = written.value.ok ? written.value.ticket : thread;
      await recordMailId(trx, { messageId: mail.messageId, ticketId: ticket.id, direction: 'in', sender: mail.from.address, createdAt: now });
      return { ...written, value: { kind: ticket.id === thread.id ? 'appended' : 'created', ticketNumber: ticket.number, automatic: mail.automatic } };
    }
    const intake = { subject: ticketSubjectOf(mail.subject), body: text.body, requester: { email: mail.from.address, name: mail.from.name.slice(0, 120) || undefined }, channel: 'email' as const };
    const registered = await registerTicket(trx, intake, now, { acknowledge: mail.automatic === null, mail: text.mail, openingMessageId: text.messageId, attachments: text.attachments, groupId, offer });
    // Recorded before the commit steps run, so the acknowledgement threads under this mail.
    await recordMailId(trx, { messageId: mail.messageId, ticketId: registered.ticket.id, direction: 'in', sender: mail.from.address, createdAt: now });
    const routed = await this.router.route(trx, registered.ticket, now);
    const ticket = routed.assigned[0] ?? registered.ticket;
    return { value: { kind: 'created', ticketNumber: ticket.number, automatic: mail.automatic }, change: mergeChanges([registered.change, routed.change]), assigned: routed.assigned };
  }

  private async threadOf(trx: Executor, mail: InboundMail): Promise<Ticket | null> {
    const answeredId = await ticketIdOfMailIds(trx, mail.references);
    if (answeredId) return (await findTicketById(trx, answeredId)) ?? null;
    const number = ticketNumberInSubject(mail.subject ?? '');
    if (number === null) return null;
    const tagged = (await findTicketByNumber(trx, number))?.ticket;
    if (!tagged) return null;
    const participant = tagged.requester.email === mail.from.address || (await mailedBy(trx, tagged.id, mail.from.address));
    return participant ? tagged : null;
  }

  /**
   * A machine answered (out-of-office, a list): on an open ticket the mail is kept without moving
   * it; a final ticket takes no message and gets no follow-up from a robot, so the mail is kept in
   * the audit log (who, subject, why automatic) instead.
   */
  private async recordAutomatic(trx: Executor, mail: InboundMail, thread: Ticket, text: CustomerText, now: number): Promise<Written<MailOutcome>> {
    await recordMailId(trx, { messageId: mail.messageId, ticketId: thread.id, direction: 'in', sender: mail.from.address, createdAt: now });
    const outcome: MailOutcome = { kind: 'appended', ticketNumber: thread.number, automatic: mail.automatic };
    if (thread.status !== 'closed' && thread.status !== 'canceled') {
      const written = await appendCustomerMessage(trx, this.router, this.limits, thread, { ...text, automatic: true }, now);
      return { ...written, value: outcome };
    }
    const event = await recordAuditEvent(trx, {
      ticketId: thread.id,
      actorType: 'customer',
      actorId: null,
      type: 'mail.automatic_kept',
      data: { from: mail.from.address, subject: (mail.subject ?? '').slice(0, 200), reason: mail.automatic, text: text.body.slice(0, 2_000) },
      createdAt: now,
    });
    return { value: outcome, change: { ...NO_CHANGES, audit: [event] } };
  }

  /** A bounce: the outbound mail it names is failed with the receiving server's reason; no ticket, no message. */
  private async recordReport(trx: Executor, mail: InboundMail, now: number): Promise<Written<MailOutcome>> {
    const report = mail.report!;
    for (const id of report.messageIds) {
      const outbound = await outboundByMessageId(trx, id);
      if (!outbound) continue;
      const [message, ticket] = [await findMessageById(trx, outbound.id), await findTicketById(trx, outbound.ticketId)];
      await recordMailId(trx, { messageId: mail.messageId, ticketId: outbound.ticketId, direction: 'in', sender: mail.from.address, createdAt: now });
      if (!report.permanent || !message || !ticket) return { value: { kind: 'report', messageId: id } };
      const error = `bounced: ${report.diagnostic}`;
      await settleOutbound(trx, outbound.id, { state: 'failed', attempts: outbound.attempts, nextAttemptAt: now, error, sentAt: null });
      const seq = await nextCounterValue(trx, 'seq');
      const updated = { ...message, delivery: { state: 'failed' as const, attempts: outbound.attempts, error } };
      await updateMessageDoc(trx, updated, seq);
      const event = await recordAuditEvent(trx, { ticketId: ticket.id, actorType: 'system', actorId: null, type: 'mail.bounced', data: { messageId: message.id, diagnostic: report.diagnostic }, createdAt: now });
      return { value: { kind: 'report', messageId: id }, change: { ...NO_CHANGES, messages: [{ doc: updated, seq, ticket }], audit: [event] } };
    }
    // A report about no mail of ours (or one we cannot read) is kept out of the tickets; the transport logs it.
    return { value: { kind: 'report', messageId: null } };
  }
}

/** The customer's new words (quoted history and signature cut), with the envelope and the full text beside them. */
function customerText(mail: InboundMail, refusedFiles: readonly string[]): { body: string; mail: MessageMail } {
  const refusal = refusedFiles.length > 0 ? `\n\n[Files not kept (over the size or count limit): ${refusedFiles.join(', ')}]` : '';
  const reply = newReplyText((mail.text || '(empty message)') + refusal);
  const fits = (text: string) => (text.length <= MESSAGE_BODY_MAX ? text : text.slice(0, MESSAGE_BODY_MAX - TRUNCATED.length) + TRUNCATED);
  return {
    body: fits(reply.text),
    mail: {
      from: mail.from.name ? `${mail.from.name} <${mail.from.address}>`.slice(0, 320) : mail.from.address,
      to: mail.to.slice(0, 50),
      cc: mail.cc.slice(0, 50),
      subject: (mail.subject ?? '').slice(0, 998),
      ...(reply.trimmed ? { trimmed: true, fullText: fits(mail.text) } : {}),
      ...(mail.html ? { html: mail.html } : {}),
    },
  };
}
