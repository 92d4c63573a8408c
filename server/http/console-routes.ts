import fs from 'node:fs';
import path from 'node:path';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/**
 * The console's pages. `'self'` covers same-origin WebSocket connections, so the socket needs no
 * extra source; styles allow inline attributes React writes, scripts only our own files. A page
 * that needs another policy (later: the embeddable web form) sets its own in its route's
 * `helmet` options.
 */
export const CONSOLE_CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
};

/**
 * Security headers on every answer (Helmet: CSP, nosniff, no referrer, frame and cross-origin
 * policies, HSTS for HTTPS deployments), then the built console and its deep links.
 */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: CONSOLE_CSP_DIRECTIVES },
    referrerPolicy: { policy: 'no-referrer' },
  });
}

export async function registerConsoleRoutes(app: FastifyInstance, staticDir: string): Promise<void> {

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
