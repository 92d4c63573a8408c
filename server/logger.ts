import pino, { type Logger } from 'pino';

export type { Logger };

/** Paths whose last part is a credential (the signed link a mail carries): the log keeps the route, never the token. */
const CREDENTIAL_PATH = /^(\/request\/)[^/?#]+/;

type LoggedRequest = { method?: string; url?: string; host?: string; hostname?: string; ip?: string; socket?: { remotePort?: number } };

/** The request as Fastify logs it (method, url, host, address), with a link's token masked. */
export function serializeRequest(request: LoggedRequest): Record<string, unknown> {
  return {
    method: request.method,
    url: request.url?.replace(CREDENTIAL_PATH, '$1[redacted]'),
    host: request.host ?? request.hostname,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

/** Structured JSON logs on stdout; secrets never appear in them (tokens, passwords and links' tokens are redacted). */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: ['req.headers.authorization', 'password', '*.password', 'token', '*.token', 'accessKey'],
    serializers: { req: serializeRequest },
  });
}
