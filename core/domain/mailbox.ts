import { z } from 'zod';

/**
 * A mailbox the desk polls over IMAP (besides, or instead of, its SMTP listener). What is done
 * with a mail once it is stored: `flag` marks it \Seen (the desk then reads only unseen mail);
 * `move` moves it to `moveTo`, so the folder holds only what is still to be read.
 */
const MailboxFields = z
  .object({
    name: z.string().trim().min(1).max(80),
    host: z.string().trim().min(1).max(253).regex(/^[\w.-]+$/, 'a host name or address'),
    port: z.number().int().min(1).max(65_535),
    /** true: TLS from the first byte (993); false: plain, upgraded with STARTTLS when the server offers it (143). */
    tls: z.boolean(),
    /**
     * Whether the server's certificate must be valid for the host (TLS and STARTTLS alike). Off only
     * for a server of one's own with a self-signed certificate: then anyone on the path could read the password.
     */
    tlsVerify: z.boolean(),
    user: z.string().min(1).max(254),
    password: z.string().min(1).max(1_000),
    folder: z.string().trim().min(1).max(200),
    afterProcessing: z.enum(['flag', 'move']),
    moveTo: z.string().trim().min(1).max(200).optional(),
    enabled: z.boolean(),
  })
  .strict();

/** A new mailbox: folder INBOX, flagging processed mail, enabled, certificates verified, unless said otherwise. */
export const MailboxSettingsSchema = MailboxFields.extend({
  folder: MailboxFields.shape.folder.default('INBOX'),
  afterProcessing: MailboxFields.shape.afterProcessing.default('flag'),
  enabled: MailboxFields.shape.enabled.default(true),
  tlsVerify: MailboxFields.shape.tlsVerify.default(true),
}).refine((settings) => settings.afterProcessing !== 'move' || settings.moveTo !== undefined, {
  message: 'moveTo names the folder processed mail is moved to',
  path: ['moveTo'],
}).refine((settings) => settings.moveTo === undefined || settings.moveTo !== settings.folder, { message: 'moveTo must differ from folder', path: ['moveTo'] });
export type MailboxSettings = z.infer<typeof MailboxSettingsSchema>;

/** A change to a mailbox: any of its fields (the password only when it changes); the result is checked as a whole (MailboxSettingsSchema). */
export const MailboxPatchSchema = MailboxFields.partial().strict();
export type MailboxPatch = z.infer<typeof MailboxPatchSchema>;

/** What the API shows of a mailbox: never its password, and how its last poll went. */
export type MailboxView = Omit<MailboxSettings, 'password'> & {
  id: string;
  passwordSet: true;
  lastPolledAt: number | null;
  lastError: string | null;
  /** Whether the server supports IDLE (new mail is then read at once, not at the next poll); null until first connected. */
  idle: boolean | null;
};
