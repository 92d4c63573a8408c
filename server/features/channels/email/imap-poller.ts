import { randomUUID } from 'node:crypto';
import { ImapFlow } from 'imapflow';
import type { Clock } from '../../../clock';
import type { Logger } from '../../../logger';
import type { Database } from '../../../store/database';
import { leaseMailbox, listMailboxes, recordMailboxPoll, releaseMailbox, type StoredMailbox } from '../../../store/mailboxes-repository';
import type { CommitPath } from '../../tickets/commit-path';
import type { Mailboxes } from './mailboxes';
import { UnreadableMailError } from './parse-mail';
import type { MailIntake } from './receive-mail';

export type PollerSettings = { everyMs: number; maxMessageBytes: number; leaseMs?: number };

/** Keywords set on mail the desk could not take, so that it is not read again and an admin finds it in the mailbox. */
const UNREADABLE = '$TierdeskUnreadable';
const TOO_LARGE = '$TierdeskTooLarge';
const BATCH = 50;
/** IDLE starts this soon after the last command (imapflow's default, 15 s, would leave new mail unread that long). */
const IDLE_AFTER_MS = 1_000;

/**
 * Reads the admins' IMAP mailboxes into tickets (through MailIntake, like the SMTP listener).
 * Each enabled mailbox is leased by one server process at a time (renewed every round; another
 * process takes over when it lapses), which keeps one connection per mailbox open: with IDLE new
 * mail is read the moment it arrives, and every round (`everyMs`) reads whatever is still
 * unprocessed, for servers without IDLE and after reconnects. A mail is marked processed (flagged
 * \Seen, or moved to `moveTo`) only after it is committed, so a crash reads it again and the
 * Message-ID rule stores it once.
 */
export class ImapPoller {
  private readonly owner = randomUUID();
  private readonly watchers = new Map<string, MailboxWatcher>();
  private interval: ReturnType<typeof setInterval> | undefined;
  private round: Promise<void> | null = null;

  constructor(
    private readonly database: Database,
    private readonly commits: CommitPath,
    private readonly mailboxes: Mailboxes,
    private readonly intake: MailIntake,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly settings: PollerSettings,
  ) {}

  start(): void {
    this.kick();
    this.interval = setInterval(() => this.kick(), this.settings.everyMs);
    this.interval.unref();
  }

  /** A round now (a mailbox was added or changed): settings take effect without waiting. */
  kick(): void {
    this.round ??= this.runRound()
      .catch((error: unknown) => this.logger.error({ err: error }, 'IMAP round failed; retrying next round'))
      .finally(() => {
        this.round = null;
      });
  }

  async stop(): Promise<void> {
    clearInterval(this.interval);
    await this.round;
    await Promise.all([...this.watchers.values()].map((watcher) => watcher.stop()));
    for (const id of this.watchers.keys()) await this.commits.commit(async (trx) => ({ value: await releaseMailbox(trx, id, this.owner) }));
    this.watchers.clear();
  }

  private async runRound(): Promise<void> {
    const mailboxes = await listMailboxes(this.database.db);
    const wanted = new Set<string>();
    for (const mailbox of mailboxes.filter((entry) => entry.settings.enabled)) {
      const now = this.clock.now();
      const version = await this.commits.commit(async (trx) => ({ value: await leaseMailbox(trx, mailbox.id, this.owner, now, now + (this.settings.leaseMs ?? 3 * this.settings.everyMs)) }));
      if (version === null) continue;
      wanted.add(mailbox.id);
      const current = this.watchers.get(mailbox.id);
      if (current && current.version === version && current.alive) {
        current.poll();
        continue;
      }
      await current?.stop();
      const watcher = new MailboxWatcher(mailbox, version, this.intake, this.settings.maxMessageBytes, this.logger, (outcome) => this.record(mailbox.id, outcome));
      this.watchers.set(mailbox.id, watcher);
      watcher.start(this.mailboxes.openPassword(mailbox));
    }
    for (const [id, watcher] of this.watchers) {
      if (wanted.has(id)) continue;
      await watcher.stop();
      this.watchers.delete(id);
    }
  }

  private record(id: string, outcome: { error: string | null; idle: boolean | null }): void {
    const at = this.clock.now();
    void this.commits
      .commit(async (trx) => ({ value: await recordMailboxPoll(trx, id, { at, ...outcome }) }))
      .catch((error: unknown) => this.logger.warn({ err: error, mailbox: id }, 'could not record the mailbox status'));
  }
}

type PollOutcome = { error: string | null; idle: boolean | null };

/** One mailbox's connection: reads what is unprocessed, then waits in IDLE for more. */
class MailboxWatcher {
  alive = true;
  private client: ImapFlow | null = null;
  private polling: Promise<void> | null = null;
  private pollAgain = false;

  constructor(
    private readonly mailbox: StoredMailbox,
    readonly version: number,
    private readonly intake: MailIntake,
    private readonly maxMessageBytes: number,
    private readonly logger: Logger,
    private readonly report: (outcome: PollOutcome) => void,
  ) {}

  start(password: string): void {
    const { host, port, tls, tlsVerify, user, folder } = this.mailbox.settings;
    const client = new ImapFlow({ host, port, secure: tls, tls: { rejectUnauthorized: tlsVerify }, auth: { user, pass: password }, logger: false, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 5 * 60_000, autoIdleDelay: IDLE_AFTER_MS });
    this.client = client;
    client.on('error', (error: Error) => this.fail(error));
    client.on('close', () => {
      this.alive = false;
    });
    client.on('exists', () => this.poll());
    void client
      .connect()
      .then(() => client.mailboxOpen(folder))
      .then(() => this.poll())
      .catch((error: unknown) => this.fail(error));
  }

  poll(): void {
    if (!this.alive || !this.client?.usable) return;
    if (this.polling) {
      this.pollAgain = true;
      return;
    }
    this.polling = this.readUnprocessed()
      .then(() => this.report({ error: null, idle: this.client?.capabilities.has('IDLE') ?? null }))
      .catch((error: unknown) => this.fail(error))
      .finally(() => {
        this.polling = null;
        if (this.pollAgain) {
          this.pollAgain = false;
          this.poll();
        }
      });
  }

  async stop(): Promise<void> {
    this.alive = false;
    await this.polling;
    await this.client?.logout().catch(() => this.client?.close());
  }

  private async readUnprocessed(): Promise<void> {
    const client = this.client!;
    const { afterProcessing } = this.mailbox.settings;
    for (;;) {
      // Flag mode reads unseen mail; move mode empties the folder, so everything in it is unprocessed.
      const found = await client.search(afterProcessing === 'flag' ? { seen: false } : { all: true }, { uid: true });
      const uids = (found || []).slice(0, BATCH);
      if (uids.length === 0) return;
      for (const uid of uids) {
        if (!this.alive) return;
        await this.readOne(uid);
      }
      if (uids.length < BATCH) return;
    }
  }

  private async readOne(uid: number): Promise<void> {
    const client = this.client!;
    const sized = await client.fetchOne(String(uid), { size: true }, { uid: true });
    if (!sized) return;
    if ((sized.size ?? 0) > this.maxMessageBytes) {
      this.logger.warn({ mailbox: this.mailbox.id, uid, size: sized.size }, 'IMAP mail over TIERDESK_MAIL_MAX_MB: left in the mailbox, flagged');
      return this.processed(uid, TOO_LARGE);
    }
    const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
    if (!message || !message.source) return;
    try {
      const outcome = await this.intake.receive(message.source);
      this.logger.info({ mailbox: this.mailbox.id, uid, outcome }, 'IMAP mail stored');
      await this.processed(uid, null);
    } catch (error) {
      if (!(error instanceof UnreadableMailError)) throw error;
      this.logger.warn({ mailbox: this.mailbox.id, uid, reason: error.message }, 'IMAP mail unreadable: left in the mailbox, flagged');
      await this.processed(uid, UNREADABLE);
    }
  }

  /** Flags it \Seen (with the keyword saying why it was not taken, if so); in move mode moves it too. */
  private async processed(uid: number, keyword: string | null): Promise<void> {
    const client = this.client!;
    await client.messageFlagsAdd(String(uid), keyword ? ['\\Seen', keyword] : ['\\Seen'], { uid: true });
    const { afterProcessing, moveTo } = this.mailbox.settings;
    if (afterProcessing !== 'move' || !moveTo) return;
    const moved = await client.messageMove(String(uid), moveTo, { uid: true });
    if (moved) return;
    // The folder does not exist yet: create it once and move again.
    await client.mailboxCreate(moveTo).catch(() => undefined);
    if (!(await client.messageMove(String(uid), moveTo, { uid: true }))) throw new Error(`could not move processed mail to "${moveTo}"`);
  }

  private fail(error: unknown): void {
    const text = error instanceof Error ? ((error as { responseText?: string }).responseText ?? error.message) : String(error);
    if (!this.alive) return;
    this.alive = false;
    this.logger.warn({ mailbox: this.mailbox.id, reason: text }, 'IMAP mailbox unavailable; reconnecting next round');
    this.report({ error: text.slice(0, 500), idle: null });
    this.client?.close();
  }
}
