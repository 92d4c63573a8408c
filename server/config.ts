import path from 'node:path';
import { z } from 'zod';

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
  TIERDESK_ADMIN_PASSWORD: z.string().min(8).optional(),
  TIERDESK_SESSION_TTL_HOURS: z.coerce.number().positive().default(24 * 14),
  TIERDESK_CORS_ORIGINS: z.string().default('app://tierdesk'),
  TIERDESK_STATIC_DIR: z.string().optional(),
  TIERDESK_TEST_CLOCK: z.enum(['0', '1']).default('0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

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
  corsOrigins: string[];
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
    corsOrigins: e.TIERDESK_CORS_ORIGINS.split(',').map((origin) => origin.trim()).filter(Boolean),
    staticDir: path.resolve(e.TIERDESK_STATIC_DIR ?? 'dist/renderer'),
    logLevel: e.LOG_LEVEL,
    testClock: e.TIERDESK_TEST_CLOCK === '1',
  };
}
