import pino, { type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs on stdout; secrets never appear in them (tokens and passwords are redacted). */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: ['req.headers.authorization', 'password', '*.password', 'token', '*.token', 'accessKey'],
  });
}
