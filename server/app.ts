import type { Server as HttpServer } from 'node:http';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { Server as SocketServer } from 'socket.io';
import { AuthService } from './auth/auth-service';
import type { Clock } from './clock';
import type { ServerConfig } from './config';
import { TeamService } from './features/agents/team-service';
import { lazySecretBox, loadMasterKey } from './auth/secret-box';
import { ticketLinks } from './auth/ticket-links';
import { ImapPoller } from './features/channels/email/imap-poller';
import { Mailboxes } from './features/channels/email/mailboxes';
import { SpamQueue } from './features/channels/email/spam-queue';
import { rspamdChecker } from './features/channels/email/rspamd';
import { forwardTicket } from './features/channels/email/forward-ticket';
import { MailIntake } from './features/channels/email/receive-mail';
import { MailSender } from './features/channels/email/mail-sender';
import { smtpRelay } from './features/channels/email/mail-transport';
import { DESK_MAIL_CHANGED_TOPIC, DeskMail } from './features/channels/email/desk-mail';
import { mailOutboxStep } from './features/channels/email/outbound-queue';
import { Attachments } from './features/tickets/attachments';
import { CommitPath } from './features/tickets/commit-path';
import { databaseBlobStore, fileBlobStore } from './store/blob-store';
import { TicketService } from './features/tickets/ticket-service';
import { pushLifecycleNotice } from './realtime/lifecycle-pushes';
import { TimerScheduler } from './features/lifecycle/timer-scheduler';
import { KpiPublisher } from './realtime/kpi-publisher';
import { LiveKpi } from './features/kpi/live-kpi';
import { wirePresenceEffects } from './realtime/presence-effects';
import { PresenceTracker } from './features/presence/presence-tracker';
import { pushAssignments } from './realtime/assignment-push';
import { Router } from './features/routing/router';
import { RoutingService } from './features/routing/routing-service';
import { SecurityLog } from './features/security/security-log';
import { registerAdminRoutes } from './http/admin-routes';
import { registerAgentRoutes } from './http/agent-routes';
import { createAccountServices } from './http/account-services';
import { registerAccountRoutes } from './http/account-routes';
import { registerAuthRoutes } from './http/auth-routes';
import { registerSecurityLogRoutes } from './http/security-log-routes';
import { registerGroupRoutes } from './http/group-routes';
import { createAddressResolver } from './http/client-address';
import { registerConsoleRoutes, registerSecurityHeaders } from './http/console-routes';
import { registerCors } from './http/cors';
import { installErrorHandling } from './http/errors';
import { registerIntakeRoutes } from './http/intake-routes';
import { registerAttachmentRoutes } from './http/attachment-routes';
import { registerKpiRoutes } from './http/kpi-routes';
import { registerSpamRoutes } from './http/spam-routes';
import { registerMailboxRoutes } from './http/mailbox-routes';
import { registerMailSettingsRoutes } from './http/mail-settings-routes';
import { registerHttpRateLimits } from './http/rate-limits';
import { registerTicketListRoutes } from './http/ticket-list-routes';
import { registerKnowledgeRoutes } from './http/knowledge-routes';
import { registerArticlePageRoutes } from './http/article-page-routes';
import { KnowledgeService } from './features/knowledge/knowledge-service';
import { KnowledgeSearch } from './features/knowledge/knowledge-search';
import { TemplateService } from './features/knowledge/template-service';
import { SelfServiceOffers } from './features/knowledge/self-service-offers';
import { SelfServiceAnswers } from './features/knowledge/self-service-answers';
import { registerTemplateRoutes } from './http/template-routes';
import { registerTicketRoutes } from './http/ticket-routes';
import { registerRequestPageRoutes } from './http/request-page-routes';
import type { Logger } from './logger';
import type { Database } from './store/database';
import { ChangeFeed } from './sync/change-feed';
import { feedHighWater, feedRowsBetween } from './store/feed-gaps';
import { createClusterBus, type ClusterBus } from './realtime/cluster-bus';
import { createOriginCheck } from './realtime/origin-check';
import type { RedisFanout } from './realtime/redis-fanout';
import { attachSocketGateway, TEAM_CHANGED_TOPIC, VIEWERS_CHANGED_TOPIC } from './realtime/socket-gateway';
import type { DeskServer } from './realtime/socket-types';
import { startSmtpListener, type SmtpListener } from './smtp/smtp-listener';

export type Components = {
  config: ServerConfig;
  database: Database;
  clock: Clock;
  logger: Logger;
  /** Present in scale-out mode (REDIS_URL): pushes and changes cross server processes. */
  fanout?: RedisFanout;
};

export type Application = {
  database: Database;
  http: FastifyInstance;
  io: DeskServer;
  auth: AuthService;
  tickets: TicketService;
  routing: RoutingService;
  team: TeamService;
  presence: PresenceTracker;
  kpi: LiveKpi;
  scheduler: TimerScheduler;
  securityLog: SecurityLog;
  mail: {
    intake: MailIntake;
    sender: MailSender;
    poller: ImapPoller;
    /** The SMTP listener's port once listening (null: TIERDESK_SMTP_PORT unset). */
    smtpPort: number | null;
  };
  /** Listens on config.port (0 = any free port) and resolves with the bound address. */
  listen(): Promise<{ port: number; url: string }>;
  close(): Promise<void>;
};

/** The composition root that tests start: every part real, every dependency injected. */
export async function createApplication(components: Components): Promise<Application> {
  const { config, database, clock, logger } = components;
  const feed = new ChangeFeed(components.fanout?.relay, {
    highWater: () => feedHighWater(database.db),
    rowsBetween: (afterSeq, beforeSeq) => feedRowsBetween(database.db, afterSeq, beforeSeq),
  });
  await feed.start();
  const bus: ClusterBus = createClusterBus(components.fanout?.busTransport);
  // The master key is loaded on first use: a PostgreSQL server without TIERDESK_SECRET_KEY runs, and says 503 only where a secret is needed.
  const masterKey = (): string => loadMasterKey({ secretKey: config.secretKey, dataDir: config.dataDir, dialect: database.dialect });
  const secrets = lazySecretBox(masterKey);
  const auth = new AuthService(database, clock, config.sessionTtlMs, { require2fa: config.require2fa, idleMs: config.sessionIdleMs });

  const securityLog = new SecurityLog(database, clock, logger);
  const clientAddress = createAddressResolver(config.trustProxy);
  const originAllowed = createOriginCheck(config.corsOrigins, { trustForwardedHost: config.trustProxy !== false });

  const http: FastifyInstance = Fastify({ loggerInstance: logger as FastifyBaseLogger, bodyLimit: 1_048_576, trustProxy: config.trustProxy === false ? false : config.trustProxy.join(',') });
  const io: DeskServer = new SocketServer(http.server as HttpServer, {
    cors: { origin: config.corsOrigins },
    maxHttpBufferSize: 2_000_000,
    // Browsers send Origin on every WebSocket handshake: a page of another site is refused here.
    allowRequest: (request, callback) => {
      if (originAllowed(request)) return callback(null, true);
      securityLog.record({ kind: 'origin_refused', address: clientAddress(request), detail: { origin: String(request.headers.origin).slice(0, 200) } });
      callback('origin not allowed', false);
    },
  });
  if (components.fanout) io.adapter(components.fanout.adapter);

  const presence = new PresenceTracker(bus);
  const deskMail: DeskMail = new DeskMail(database, () => commits, config.mail, secrets, (url) => smtpRelay(url, (sha256) => attachments.read(sha256)), logger, () => bus.publish(DESK_MAIL_CHANGED_TOPIC, {}));
  await deskMail.load();
  const links = ticketLinks({
    publicUrl: config.mail.publicUrl,
    ttlMs: config.mail.linkTtlMs,
    masterKey,
    onMissingKey: (error) => logger.warn({ err: error }, 'mails go out without links to the request page: no master key'),
  });
  const router = new Router(presence);
  const commits = new CommitPath(database, feed, clock, {
    assigned: (tickets) => pushAssignments(io, tickets),
    notice: (fired) => pushLifecycleNotice(io, fired),
    // Every process refreshes these agents' sockets (and their consoles resync).
    viewersChanged: (agentIds) => bus.publish(VIEWERS_CHANGED_TOPIC, { agentIds }),
    // Every process's KPIs reload the team.
    teamChanged: () => bus.publish(TEAM_CHANGED_TOPIC, {}),
  }, [mailOutboxStep(deskMail, links)]);
  const tickets = new TicketService(database, commits, router, { maxMessagesPerTicket: config.limits.maxMessagesPerTicket });
  const knowledge = new KnowledgeService(database, commits, tickets);
  const knowledgeSearch = new KnowledgeSearch(database.db);
  const templates = new TemplateService(database, commits);
  const offers = new SelfServiceOffers(database.db, knowledgeSearch, links, config.mail.publicUrl);
  const routing = new RoutingService(commits, router, logger);
  const team = new TeamService(commits, routing);
  const scheduler = new TimerScheduler(commits, logger);
  const blobs = database.dialect === 'postgres' ? databaseBlobStore(database.db) : fileBlobStore(config.dataDir);
  const attachments = new Attachments(database, commits, blobs, config.mail.maxAttachmentBytes);
  const rspamd = config.mail.rspamdUrl ? rspamdChecker(config.mail.rspamdUrl, logger) : null;
  const mailIntake = new MailIntake(database, commits, router, { maxMessagesPerTicket: config.limits.maxMessagesPerTicket }, attachments, deskMail, rspamd, offers);
  const mailSender = new MailSender(commits, clock, () => deskMail.relay(), { giveUpMs: config.mail.giveUpMs }, logger);
  // A mail queued by any process is sent at once (by whichever process claims it first), not at the next poll.
  const unsubscribeMail = feed.subscribe((change) => {
    if (change.messages.some((row) => row.doc.delivery?.state === 'queued' && row.doc.delivery.attempts === 0)) mailSender.kick();
  });
  const mailboxes = new Mailboxes(database, commits, secrets);
  const spam = new SpamQueue(database, commits, mailIntake, attachments);
  const imapPoller = new ImapPoller(database, commits, mailboxes, mailIntake, clock, logger, { everyMs: config.mail.imapPollMs, maxMessageBytes: config.mail.maxMessageBytes });
  let smtp: SmtpListener | null = null;
  const mail: Application['mail'] = { intake: mailIntake, sender: mailSender, poller: imapPoller, smtpPort: null };
  const kpi = new LiveKpi(database, clock, presence);
  const kpiPublisher = new KpiPublisher(kpi, feed, presence, logger);
  await kpi.start();
  const unsubscribeTeam = bus.subscribe(TEAM_CHANGED_TOPIC, () => kpiPublisher.teamChanged());
  const unsubscribeDeskMail = bus.subscribe(DESK_MAIL_CHANGED_TOPIC, () => void deskMail.load().catch((error: unknown) => logger.error({ err: error }, 'desk mail settings not reloaded')));

  installErrorHandling(http);
  await registerSecurityHeaders(http);
  await registerHttpRateLimits(http, { limits: config.limits, securityLog });
  registerCors(http, config.corsOrigins);
  http.get('/api/health', async () => ({ ok: true }));
  const accounts = createAccountServices({ auth, database, clock, config, securityLog, secrets });
  registerAuthRoutes(http, accounts);
  registerAccountRoutes(http, accounts);
  registerSecurityLogRoutes(http, { auth, database, securityLog });
  registerAgentRoutes(http, { auth, database, team });
  registerGroupRoutes(http, { auth, database, team });
  registerKpiRoutes(http, { auth, database, live: kpi });
  registerIntakeRoutes(http, { tickets, offers, limits: config.limits, securityLog, attachments, maxMessageBytes: config.mail.maxMessageBytes, intakeBodyLimit: config.mail.intakeBodyBytes });
  registerTicketRoutes(http, { auth, tickets, clock, forward: (agent, number, request) => forwardTicket(commits, deskMail, agent, number, request) });
  registerTicketListRoutes(http, { auth, tickets });
  registerKnowledgeRoutes(http, { auth, knowledge, search: knowledgeSearch });
  registerArticlePageRoutes(http, { database, knowledge, links, answers: new SelfServiceAnswers(commits), clock });
  registerTemplateRoutes(http, { auth, templates });
  registerRequestPageRoutes(http, { database, links, clock });
  await registerAttachmentRoutes(http, { auth, attachments });
  registerMailboxRoutes(http, { auth, mailboxes, poller: imapPoller });
  registerSpamRoutes(http, { auth, spam });
  registerMailSettingsRoutes(http, { auth, mail: config.mail, desk: deskMail, smtpPort: () => mail.smtpPort });
  registerAdminRoutes(http, { auth, database, clock, scheduler, commits });
  await registerConsoleRoutes(http, config.staticDir);

  const detachGateway = attachSocketGateway(io, { auth, tickets, database, feed, bus, presence, kpi: kpiPublisher, clock, logger, securityLog, limits: config.limits, clientAddress });
  // The KPI state keeps every agent's memberships in memory: who supervises whom, without a query per change.
  const groupIdsOf = (agentId: string) => kpi.member(agentId)?.memberships.map((membership) => membership.groupId) ?? [];
  const detachPresenceEffects = wirePresenceEffects(io, presence, routing, groupIdsOf, logger, { coalesceMs: config.limits.watchCoalesceMs });

  return {
    database,
    http,
    io,
    auth,
    tickets,
    routing,
    team,
    presence,
    kpi,
    scheduler,
    securityLog,
    mail,
    async listen() {
      await http.listen({ port: config.port, host: config.host });
      if (config.mail.smtpPort !== null) {
        smtp = await startSmtpListener({ host: config.host, mail: config.mail, desk: deskMail, intake: mailIntake, limitsEnabled: config.limits.enabled, logger });
        mail.smtpPort = smtp.port;
      }
      mailSender.start();
      imapPoller.start();
      scheduler.start();
      presence.start();
      securityLog.start();
      const address = http.server.address();
      const port = typeof address === 'object' && address ? address.port : config.port;
      const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
      return { port, url: `http://${host}:${port}` };
    },
    async close() {
      await smtp?.close();
      unsubscribeMail();
      await imapPoller.stop();
      await mailSender.stop();
      unsubscribeDeskMail();
      deskMail.close();
      await scheduler.stop();
      presence.stop();
      kpiPublisher.stop();
      unsubscribeTeam();
      detachPresenceEffects();
      detachGateway();
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await http.close();
      await securityLog.stop();
    },
  };
}
