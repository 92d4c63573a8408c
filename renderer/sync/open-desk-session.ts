import { Subject, combineLatest, distinctUntilChanged, map, of, switchMap, type Observable } from 'rxjs';
import type { RxStorage } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { MutationSchema, type AssignmentNotice, type PresenceReport } from '../../core';
import { deskDatabaseName, openDeskDatabase, type DeskCollections } from '../db/database';
import type { LibraryDocument, MessageDocument, OutboxDocument, TicketDocument } from '../db/schemas';
import { trackCollision } from './desk-collision';
import { liveKpi } from './desk-kpi';
import { trackPresence } from './desk-presence';
import { startDeskReplication } from './desk-replication';
import { startLocalKnowledge } from './local-knowledge';
import { startLocalSearch } from './local-search';
import { localTemplates$ } from './local-templates';
import { suggestionsFor } from './suggestions';
import { connectDeskSocket, type DeskSocket } from './desk-socket';
import type { ConnectionState, DeskNotice, DeskSession, Intent, QueueFilter, RejectedChange, SessionAgent, TicketView } from './desk-session';
import { OutboxSender } from './outbox-sender';
import { pendingUploads, uploadPending } from './pending-uploads';
import { compareForQueue, matchesFilter, stripLocalFields, viewMessages, viewTicket } from './overlay';
import { QUEUE_LIMIT, queueQuery } from './queue-query';

export type DeskSessionOptions = {
  serverUrl: string;
  token: string;
  agent: SessionAgent;
  /** Defaults to IndexedDB (dexie); tests in Node pass RxDB's memory storage. */
  storage?: RxStorage<unknown, unknown>;
  databaseName?: string;
  /** False: a desk without the library (articles), for test harnesses only: see openDeskDatabase. */
  library?: boolean;
  /** The presence the console starts with (the agent's remembered "away" choice); online by default. */
  presence?: PresenceReport['state'];
};

/** The knowledge screen lists the newest articles; more are found by searching. */
const ARTICLE_LIST_LIMIT = 200;

/** The session plus its socket, which tests use to cut and restore the connection. */
export type OpenedDeskSession = DeskSession & { readonly socket: DeskSocket };

export async function openDeskSession(options: DeskSessionOptions): Promise<OpenedDeskSession> {
  const { serverUrl, token, agent } = options;
  const db = await openDeskDatabase(
    options.databaseName ?? deskDatabaseName(serverUrl, agent.id),
    options.storage ?? (getRxStorageDexie() as RxStorage<unknown, unknown>),
    { library: options.library },
  );
  const collections: DeskCollections = { tickets: db.tickets, messages: db.messages, outbox: db.outbox, library: db.library };
  const { socket, connected$, refusal$, stop: stopSocket } = connectDeskSocket(serverUrl, token, options.presence ?? 'online');
  const replication = await startDeskReplication(db, socket, serverUrl);
  const uploads = pendingUploads(`${serverUrl}/${agent.id}`);
  const sender = new OutboxSender(collections, socket, connected$, (ids) => uploadPending(serverUrl, token, uploads, ids));
  const presence = trackPresence(socket, agent);
  const collision = trackCollision(socket, agent.id);
  const localSearch = startLocalSearch(db);
  const localKnowledge = startLocalKnowledge(db);

  const unsyncedRows$: Observable<OutboxDocument[]> = db.outbox
    .find({ selector: { state: { $in: ['pending', 'applied'] } }, sort: [{ localSeq: 'asc' }] })
    .$.pipe(map((docs) => docs.map((doc) => doc.toJSON() as OutboxDocument)));

  // Until the first full pull has landed, a connected desk is still catching up, not "online":
  // RxDB's active$ starts false, which would flash "Online" before the first pull begins.
  const connection$: Observable<ConnectionState> = combineLatest([
    connected$,
    refusal$,
    unsyncedRows$.pipe(map((rows) => rows.filter((row) => row.state === 'pending').length)),
    sender.sending$,
    replication.active$,
    replication.caughtUp$,
    replication.ticketProgress$,
  ]).pipe(
    map(([connected, refusal, pending, sending, pulling, caughtUp, progress]): ConnectionState => {
      const status = !connected ? 'offline' : pending > 0 || sending || pulling || !caughtUp ? 'syncing' : 'online';
      return { status, pending, refusal, progress: status === 'syncing' ? progress : null };
    }),
    distinctUntilChanged(
      (a, b) => a.status === b.status && a.pending === b.pending && a.refusal === b.refusal && a.progress?.received === b.progress?.received && a.progress?.total === b.progress?.total,
    ),
  );

  const touchedTickets$ = (rows: OutboxDocument[]) => {
    const ids = [...new Set(rows.map((row) => row.ticketId))];
    return ids.length ? db.tickets.findByIds(ids).$.pipe(map((found) => [...found.values()])) : of([]);
  };

  function queue$(filter: QueueFilter): Observable<TicketView[]> {
    const matching$ = db.tickets.find(queueQuery(filter, agent.id)).$;
    // Tickets the agent changed locally may enter or leave the view: consider them too.
    const touched$ = unsyncedRows$.pipe(switchMap((rows) => touchedTickets$(rows).pipe(map((docs) => ({ rows, docs })))));
    return combineLatest([matching$, touched$]).pipe(
      map(([matching, { rows, docs }]) => {
        const byId = new Map<string, TicketDocument>();
        for (const doc of [...matching, ...docs]) byId.set(doc.id, doc.toJSON() as TicketDocument);
        return [...byId.values()]
          .map((doc) => viewTicket(stripLocalFields(doc), rows, agent))
          .filter((ticket) => matchesFilter(ticket, filter, agent.id))
          .sort(compareForQueue)
          .slice(0, QUEUE_LIMIT);
      }),
    );
  }

  function ticket$(ticketId: string): Observable<TicketView | null> {
    return combineLatest([db.tickets.findOne(ticketId).$, unsyncedRows$]).pipe(
      map(([doc, rows]) => (doc ? viewTicket(stripLocalFields(doc.toJSON() as TicketDocument), rows, agent) : null)),
    );
  }

  function messages$(ticketId: string) {
    const stored$ = db.messages.find({ selector: { ticketId }, sort: [{ createdAt: 'asc' }] }).$;
    return combineLatest([stored$, unsyncedRows$, db.tickets.findOne(ticketId).$]).pipe(
      map(([stored, rows, ticket]) => viewMessages(ticketId, stored.map((doc) => doc.toJSON() as MessageDocument), rows, agent, ticket ? { level: ticket.level, version: ticket.version } : null)),
    );
  }

  const rejections$: Observable<RejectedChange[]> = db.outbox
    .find({ selector: { state: 'rejected' }, sort: [{ localSeq: 'asc' }] })
    .$.pipe(
      map((docs) =>
        docs.map((doc) => {
          const row = doc.toJSON() as OutboxDocument;
          return {
            id: row.id,
            ticketId: row.ticketId,
            ticketNumber: row.ticketNumber || null,
            type: row.type,
            payload: row.payload,
            rejection: row.rejection as RejectedChange['rejection'],
            createdAt: row.createdAt,
          };
        }),
      ),
    );

  const notices$ = new Subject<DeskNotice>();
  socket.on('sla:warning', (notice) => notices$.next({ kind: 'sla_warning', ...notice }));
  socket.on('ticket:hold-ended', (notice) => notices$.next({ kind: 'hold_ended', ...notice }));
  const assignments$ = new Subject<AssignmentNotice>();
  socket.on('ticket:assigned', (notice) => assignments$.next(notice));

  let localCounter = 0;
  async function record(intent: Intent): Promise<void> {
    const createdAt = Date.now();
    const mutation = MutationSchema.parse({ ...intent, id: crypto.randomUUID(), createdAt });
    const ticket = await db.tickets.findOne(intent.ticketId).exec();
    await db.outbox.insert({
      ...mutation,
      payload: mutation.payload as Record<string, unknown>,
      ticketNumber: ticket?.number ?? 0,
      // Monotonic within this desk even when two intents share a millisecond.
      localSeq: createdAt * 1_000 + (localCounter++ % 1_000),
      state: 'pending',
      rejection: null,
      ticketVersion: null,
    });
    void sender.flush();
  }

  /** Keeps the file on this device under a new id for a reply or note to name; uploaded before that is pushed. */
  async function attachFile(ticketId: string, file: Blob, filename: string): Promise<{ id: string; filename: string; size: number }> {
    const ticket = await db.tickets.findOne(ticketId).exec();
    if (!ticket) throw new Error('there is no such ticket on this desk');
    const id = crypto.randomUUID();
    await uploads.add({ id, ticketNumber: ticket.number, filename, blob: file });
    return { id, filename, size: file.size };
  }

  return {
    agent,
    attachFile,
    socket,
    connection$,
    queue$,
    ticket$,
    messages$,
    rejections$,
    notices$: notices$.asObservable(),
    assignments$: assignments$.asObservable(),
    reportPresence: (report) => presence.report(report),
    myPresence$: presence.mine$,
    teamPresence$: presence.team$,
    reportViewing: (report) => collision.report(report),
    viewers$: collision.viewers$,
    kpi$: () => liveKpi(socket, agent.role),
    record,
    searchTickets: (text, filter) => localSearch.search(text, filter, agent.id),
    searchReady$: localSearch.ready$,
    searchArticles: (text, searchOptions = {}) => localKnowledge.search(text, { language: searchOptions.language }),
    articles$: (language) =>
      !db.library
        ? of([])
        : db.library
        .find({ selector: language === 'any' ? { kind: 'article' } : { kind: 'article', language }, sort: [{ updatedAt: 'desc' }], limit: ARTICLE_LIST_LIMIT })
        .$.pipe(map((docs) => docs.flatMap((doc) => (doc.toJSON() as LibraryDocument).article ?? []))),
    article$: (articleId) => !db.library ? of(null) : db.library.findOne(articleId).$.pipe(map((doc) => (doc?.toJSON() as LibraryDocument | undefined)?.article ?? null)),
    suggestionsFor: (ticketId) => suggestionsFor(db, localKnowledge, localSearch, ticketId),
    templates$: () => localTemplates$(db),
    tagSuggestions: (prefix, limit) => localSearch.tagSuggestions(prefix, limit),
    articleUrl: (article) => `${serverUrl.replace(/\/+$/, '')}/kb/${encodeURIComponent(article.slug)}`,
    async dismissRejection(id) {
      await db.outbox.findOne(id).remove();
    },
    async close() {
      notices$.complete();
      assignments$.complete();
      presence.stop();
      collision.stop();
      localSearch.stop();
      localKnowledge.stop();
      sender.stop();
      await replication.stop();
      stopSocket();
      await db.close();
    },
  };
}
