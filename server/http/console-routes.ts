import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/**
 * The console's pages. `'self'` covers same-origin WebSocket connections, so the socket needs no
 * extra source; styles allow inline attributes React writes, scripts only our own files.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

export async function registerConsoleRoutes(app: FastifyInstance, staticDir: string): Promise<void> {
  app.addHook('onSend', async (request, reply) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    if (!request.url.startsWith('/api/')) reply.header('Content-Security-Policy', CONSOLE_CSP);
  });

  const built = fs.existsSync(path.join(staticDir, 'index.html'));
  if (built) await app.register(fastifyStatic, { root: staticDir, index: 'index.html', wildcard: false });

  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET') {
      return reply.status(404).send({ error: `no route ${request.method} ${request.url.split('?')[0]}` });
    }
    if (!built) return reply.status(503).type('text/plain').send('The console is not built: run `npm run build:renderer`.');
    // Deep links (a ticket URL opened in a new tab) load the single-page console.
    return reply.type('text/html').sendFile('index.html');
  });
}
