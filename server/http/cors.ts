import type { FastifyInstance } from 'fastify';

/**
 * The desktop console runs from app://tierdesk and calls this server cross-origin; browsers on
 * the server's own origin need nothing. Only listed origins get CORS headers.
 */
export function registerCors(app: FastifyInstance, allowedOrigins: readonly string[]): void {
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (!origin || !allowedOrigins.includes(origin)) return;
    reply.header('Access-Control-Allow-Origin', origin);
    reply.header('Vary', 'Origin');
    if (request.method === 'OPTIONS') {
      reply.header('Access-Control-Allow-Methods', 'GET,POST,PATCH,PUT,DELETE');
      reply.header('Access-Control-Allow-Headers', 'Authorization,Content-Type,X-Access-Key');
      reply.header('Access-Control-Max-Age', '600');
      return reply.status(204).send();
    }
  });
}
