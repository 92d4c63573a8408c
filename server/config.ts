import path from 'node:path';
import { z } from 'zod';
import { parseRate, type Rate } from './limits/rate';
import { RelayUrlSchema } from '../core';

const rate = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((text, ctx): Rate => {
      const parsed = parseRate(text);
      if (!parsed) {
        ctx.addIssue({ code: 'custom', message: `expected a rate such as 30/10m (count/window in s, m or h), got "${text}"` });
        return z.NEVER;
      }
      return parsed;
    });
const count = (fallback: number, max = 1_000_000) => z.coerce.number().int().min(1).max(max).default(fallback);
const flag = (fallback: '0' | '1') => z.enum(['0', '1']).default(fallback);

/**
 * Every setting comes from the environment (documented in README.md). Parsed once at start;
 * a bad value stops the server with a message naming the variable.
 */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  TIERDESK_DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  REDIS_URL: z.string().url().optional(),
  TIERDESK_REDIS_PREFIX: z.string().regex(/^[\w.-]{1,40}$/).default('tierdesk'),
  TIERDESK_ADMIN_EMAIL: z.string().email().default('admin@tierdesk.local'),
  TIERDESK_ADMIN_PASSWORD: z.string().min(12, 'at least 12 characters').max(128).optional(),
  TIERDESK_SESSION_TTL_HOURS: z.coerce.number().positive().default(24 * 14),
  TIERDESK_SESSION_IDLE_MINUTES: z.coerce.number().positive().optional(),
  TIERDESK_REQUIRE_2FA: flag('0'),
  TIERDESK_SECRET_KEY: z.string().min(32, 'at least 32 characters (e.g. `openssl rand -base64 32`)').optional(),
  TIERDESK_CORS_ORIGINS: z.string().default('app://tierdesk'),
  TIERDESK_TRUST_PROXY: z
    .string()
    .regex(/^(0|[\w.:/,\s-]+)$/, 'expected 0 (off) or comma-separated proxy addresses, CIDRs or loopback/linklocal/uniquelocal')
    .default('0'),
  TIERDESK_STATIC_DIR: z.string().optional(),
  TIERDESK_TEST_CLOCK: flag('0'),
  TIERDESK_RATE_LIMITS: z.enum(['on', 'off']).default('on'),
  TIERDESK_LIMIT_HTTP_ADDRESS: rate('1200/1m'),
  TIERDESK_LIMIT_HTTP_SESSION: rate('600/1m'),
  TIERDESK_LIMIT_INTAKE_ADDRESS: rate('30/10m'),
  TIERDESK_LIMIT_INTAKE_REQUESTER: rate('10/10m'),
  TIERDESK_LIMIT_LOGIN_ADDRESS: rate('20/15m'),
  TIERDESK_LOGIN_FREE_FAILURES: count(5, 1_000),
  TIERDESK_LOGIN_MAX_DELAY_SECONDS: count(30, 3_600),
  TIERDESK_LIMIT_SOCKET_CONNECT_ADDRESS: rate('300/1m'),
  TIERDESK_LIMIT_SOCKET_PULL: rate('40000/10s'),
  TIERDESK_LIMIT_SOCKET_MUTATIONS: rate('400/10s'),
  TIERDESK_LIMIT_SOCKET_PRESENCE: rate('20/10s'),
  TIERDESK_LIMIT_SOCKET_VIEWING: rate('50/10s'),
  TIERDESK_LIMIT_SOCKET_OTHER: rate('30/10s'),
  TIERDESK_SOCKET_MAX_CONCURRENT: count(4, 1_000),
  TIERDESK_SOCKET_MAX_BUFFERED_KB: count(8_192),
  TIERDESK_SESSION_MAX_SOCKETS: count(10, 1_000),
  TIERDESK_WATCH_COALESCE_MS: z.coerce.number().int().min(0).max(10_000).default(250),
  TIERDESK_MAX_MESSAGES_PER_TICKET: count(5_000),
  TIERDESK_SMTP_PORT: z.coerce.number().int().min(0).max(65_535).optional(),
  TIERDESK_MAIL_FROM: z.string().trim().toLowerCase().email().default('support@tierdesk.local'),
  TIERDESK_MAIL_ADDRESSES: z.string().default(''),
  TIERDESK_SMTP_RELAY_URL: RelayUrlSchema.optional(),
  TIERDESK_PUBLIC_URL: z.string().url().optional(),
  TIERDESK_MAIL_MAX_MB: z.coerce.number().positive().max(200).default(25),
  TIERDESK_ATTACHMENT_MAX_MB: z.coerce.number().positive().max(200).default(25),
  TIERDESK_INTAKE_MAX_KB: z.coerce.number().int().min(128).max(300 * 1_024).default(128),
  TIERDESK_MAIL_GIVE_UP_HOURS: z.coerce.number().positive().max(24 * 60).default(72),
  TIERDESK_MAIL_LINK_DAYS: z.coerce.number().positive().max(366).default(30),
  TIERDESK_LIMIT_MAIL_SENDER: rate('30/10m'),
  TIERDESK_RSPAMD_URL: z.string().url().optional(),
  TIERDESK_IMAP_POLL_SECONDS: z.coerce.number().min(1).max(3_600).default(60),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/**
 * The proxies whose X-Forwarded-For is believed (addresses, CIDRs, or proxy-addr's names
 * loopback, linklocal, uniquelocal); false: the peer's own address is the client's.
 */
export type TrustProxy = false | string[];

/** Every per-client limit (README "Limits"); `enabled: false` only with TIERDESK_RATE_LIMITS=off. */
export type LimitSettings = {
  enabled: boolean;
  httpPerAddress: Rate;
  httpPerSession: Rate;
  intakePerAddress: Rate;
  intakePerRequester: Rate;
  /** Failed sign-ins from one address, over every account. */
  loginFailuresPerAddress: Rate;
  /** Failed sign-ins of one account before each further attempt must wait (doubling, up to the maximum). */
  loginFreeFailures: number;
  loginMaxDelayMs: number;
  socketConnectsPerAddress: Rate;
  /** Documents a socket may pull (each pull is charged its batch size, the unused part refunded). */
  socketPullDocuments: Rate;
  /** Mutations a socket may push (each push is charged its number of mutations). */
  socketMutations: Rate;
  socketPresence: Rate;
  socketViewing: Rate;
  socketOther: Rate;
  socketMaxConcurrent: number;
  socketMaxBufferedBytes: number;
  sessionMaxSockets: number;
  /** Presence and viewing changes of one agent reach watchers at most once per this window. */
  watchCoalesceMs: number;
  maxMessagesPerTicket: number;
};

/** The email channel (README "Email"). */
export type MailConfig = {
  /** The built-in SMTP listener's port; null: no listener. */
  smtpPort: number | null;
  /** The desk's own address: From of every outbound mail, and a support address. */
  from: string;
  /** Every address the desk accepts mail for (TIERDESK_MAIL_FROM first). */
  addresses: string[];
  /** Where outbound mail goes; null: mail waits in the queue (and gives up after giveUpMs). */
  relayUrl: string | null;
  /** Links in mails start here. */
  publicUrl: string;
  /** How long the signed link to a request's page in a mail opens. */
  linkTtlMs: number;
  maxMessageBytes: number;
  /** The largest file on a message, from any channel (an agent's upload, a mail's part). */
  maxAttachmentBytes: number;
  /** The largest body of POST /api/tickets, files (base64) included. */
  intakeBodyBytes: number;
  giveUpMs: number;
  /** Mails one sender may send before the listener asks their server to try later (451). */
  perSender: Rate;
  /** A real rspamd's normal worker (http://127.0.0.1:11333) asked about every mail that may open a ticket; null: the desk's rules alone. */
  rspamdUrl: string | null;
  /** How often IMAP mailboxes are read besides IDLE (and how soon another process takes over a mailbox). */
  imapPollMs: number;
};

export type ServerConfig = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  redisUrl: string | null;
  redisPrefix: string;
  adminEmail: string;
  adminPassword: string | null;
  sessionTtlMs: number;
  /** Off (null) by default: a session unused this long ends, besides the absolute TTL. */
  sessionIdleMs: number | null;
  /** Admins must set up a second factor (TOTP) before they can do anything else. */
  require2fa: boolean;
  /** The master key for secrets the server must read again (2FA seeds, later mailbox passwords); null: generated into the data folder. */
  secretKey: string | null;
  corsOrigins: string[];
  trustProxy: TrustProxy;
  limits: LimitSettings;
  mail: MailConfig;
  staticDir: string;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  /** A manual clock moved by POST /api/admin/clock/advance: for demos and black-box tests only. */
  testClock: boolean;
};

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.TIERDESK_DATA_DIR),
    databaseUrl: e.DATABASE_URL ?? null,
    redisUrl: e.REDIS_URL ?? null,
    redisPrefix: e.TIERDESK_REDIS_PREFIX,
    adminEmail: e.TIERDESK_ADMIN_EMAIL.toLowerCase(),
    adminPassword: e.TIERDESK_ADMIN_PASSWORD ?? null,
    sessionTtlMs: e.TIERDESK_SESSION_TTL_HOURS * 3_600_000,
    sessionIdleMs: e.TIERDESK_SESSION_IDLE_MINUTES === undefined ? null : e.TIERDESK_SESSION_IDLE_MINUTES * 60_000,
    require2fa: e.TIERDESK_REQUIRE_2FA === '1',
    secretKey: e.TIERDESK_SECRET_KEY ?? null,
    corsOrigins: e.TIERDESK_CORS_ORIGINS.split(',').map((origin) => origin.trim()).filter(Boolean),
    trustProxy: parseTrustProxy(e.TIERDESK_TRUST_PROXY),
    limits: {
      enabled: e.TIERDESK_RATE_LIMITS === 'on',
      httpPerAddress: e.TIERDESK_LIMIT_HTTP_ADDRESS,
      httpPerSession: e.TIERDESK_LIMIT_HTTP_SESSION,
      intakePerAddress: e.TIERDESK_LIMIT_INTAKE_ADDRESS,
      intakePerRequester: e.TIERDESK_LIMIT_INTAKE_REQUESTER,
      loginFailuresPerAddress: e.TIERDESK_LIMIT_LOGIN_ADDRESS,
      loginFreeFailures: e.TIERDESK_LOGIN_FREE_FAILURES,
      loginMaxDelayMs: e.TIERDESK_LOGIN_MAX_DELAY_SECONDS * 1_000,
      socketConnectsPerAddress: e.TIERDESK_LIMIT_SOCKET_CONNECT_ADDRESS,
      socketPullDocuments: e.TIERDESK_LIMIT_SOCKET_PULL,
      socketMutations: e.TIERDESK_LIMIT_SOCKET_MUTATIONS,
      socketPresence: e.TIERDESK_LIMIT_SOCKET_PRESENCE,
      socketViewing: e.TIERDESK_LIMIT_SOCKET_VIEWING,
      socketOther: e.TIERDESK_LIMIT_SOCKET_OTHER,
      socketMaxConcurrent: e.TIERDESK_SOCKET_MAX_CONCURRENT,
      socketMaxBufferedBytes: e.TIERDESK_SOCKET_MAX_BUFFERED_KB * 1_024,
      sessionMaxSockets: e.TIERDESK_SESSION_MAX_SOCKETS,
      watchCoalesceMs: e.TIERDESK_WATCH_COALESCE_MS,
      maxMessagesPerTicket: e.TIERDESK_MAX_MESSAGES_PER_TICKET,
    },
    mail: {
      smtpPort: e.TIERDESK_SMTP_PORT ?? null,
      from: e.TIERDESK_MAIL_FROM,
      addresses: [...new Set([e.TIERDESK_MAIL_FROM, ...parseAddresses(e.TIERDESK_MAIL_ADDRESSES)])],
      relayUrl: e.TIERDESK_SMTP_RELAY_URL ?? null,
      publicUrl: (e.TIERDESK_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
      linkTtlMs: Math.round(e.TIERDESK_MAIL_LINK_DAYS * 86_400_000),
      maxMessageBytes: Math.round(e.TIERDESK_MAIL_MAX_MB * 1_048_576),
      maxAttachmentBytes: Math.round(e.TIERDESK_ATTACHMENT_MAX_MB * 1_048_576),
      intakeBodyBytes: e.TIERDESK_INTAKE_MAX_KB * 1_024,
      giveUpMs: e.TIERDESK_MAIL_GIVE_UP_HOURS * 3_600_000,
      perSender: e.TIERDESK_LIMIT_MAIL_SENDER,
      imapPollMs: e.TIERDESK_IMAP_POLL_SECONDS * 1_000,
      rspamdUrl: e.TIERDESK_RSPAMD_URL ?? null,
    },
    staticDir: path.resolve(e.TIERDESK_STATIC_DIR ?? 'dist/renderer'),
    logLevel: e.LOG_LEVEL,
    testClock: e.TIERDESK_TEST_CLOCK === '1',
  };
}

const AddressListSchema = z.array(z.string().trim().toLowerCase().email('TIERDESK_MAIL_ADDRESSES: expected comma-separated email addresses'));

function parseAddresses(text: string): string[] {
  const listed = text.split(',').map((part) => part.trim()).filter(Boolean);
  const parsed = AddressListSchema.safeParse(listed);
  if (!parsed.success) throw new Error(`invalid configuration: ${parsed.error.issues[0]?.message ?? 'TIERDESK_MAIL_ADDRESSES'}`);
  return parsed.data;
}

function parseTrustProxy(text: string): TrustProxy {
  const value = text.trim();
  if (value === '0' || value === '') return false;
  return value.split(',').map((part) => part.trim()).filter(Boolean);
}
