import type { Observable } from 'rxjs';
import type { ArticleLanguage, Template } from '../../core';
import type { ArticleDocument } from '../db/schemas';
import type { ArticleSearchHit } from './local-knowledge';
import type { TicketSearchFilter, TicketSearchHit } from './local-search';
import type { TicketSuggestions } from './suggestions';
import type { AgentPresence, AssignmentNotice, KpiLiveSnapshot, Message, MutationType, Presence, PresenceReport, Rejection, Role, Level, Ticket, TicketStatus, TicketViewer, ViewingReport } from '../../core';

/** The signed-in agent, as `POST /api/auth/login` returns it. */
export type SessionAgent = { id: string; name: string; email: string; role: Role; level: Level };

/** online: connected and nothing waiting; syncing: connected with changes in flight; offline: no server. */
export type ConnectionStatus = 'online' | 'offline' | 'syncing';
export type ConnectionState = {
  status: ConnectionStatus;
  /** Agent changes recorded locally and not yet confirmed by the server. */
  pending: number;
  /** Why the socket is down when the server refused it: 'unauthorized' sends the agent back to sign-in. */
  refusal: 'unauthorized' | 'protocol_mismatch' | null;
  /** While syncing after a (re)connect: tickets received of those to get (absent or null otherwise). */
  progress?: { received: number; total: number } | null;
};

/** A ticket as the agent sees it: the server's copy with this agent's pending changes applied on top. */
export type TicketView = Ticket & { hasPendingChanges: boolean };

/** A message as shown in the conversation; `pending` until the server has stored it. */
export type MessageView = Message & { pending: boolean };

export type QueueView = 'mine' | 'unassigned' | 'all';
export type { AgentPresence };
export type QueueFilter = { view: QueueView; status: TicketStatus | 'open' | 'any' };

/** An intent the agent makes; the session adds id, time and queues it in the outbox. */
export type Intent = { ticketId: string; type: MutationType; payload: Record<string, unknown> };

/** A change the server refused, kept until the agent dismisses it so nothing vanishes silently. */
export type RejectedChange = {
  id: string;
  ticketId: string;
  ticketNumber: number | null;
  type: MutationType;
  payload: Record<string, unknown>;
  rejection: Rejection;
  createdAt: number;
};

/** A lifecycle push from the server: SLA warnings (assignee and supervisors) and ended holds (assignee). */
export type DeskNotice =
  | { kind: 'sla_warning'; ticketId: string; number: number; subject: string; clock: 'first_response' | 'resolution'; dueAt: number | null }
  | { kind: 'hold_ended'; ticketId: string; number: number; subject: string };

/**
 * One signed-in agent's local desk: RxDB database + replication + outbox. Everything the UI shows
 * comes from these observables, which work offline from the local database.
 */
export interface DeskSession {
  readonly agent: SessionAgent;
  readonly connection$: Observable<ConnectionState>;
  /** Sorted by priority (urgent first), then age (oldest first). */
  queue$(filter: QueueFilter): Observable<TicketView[]>;
  ticket$(ticketId: string): Observable<TicketView | null>;
  /** Oldest first; includes pending replies and notes. */
  messages$(ticketId: string): Observable<MessageView[]>;
  rejections$: Observable<RejectedChange[]>;
  /** Live pushes while connected; the state they announce also arrives through sync, so none is essential. */
  notices$: Observable<DeskNotice>;
  /**
   * `ticket:assigned` pushes while connected. Alerts are derived from replicated state (a ticket
   * in "My tickets" whose assignedAt the agent has not acknowledged), so a missed push loses
   * nothing; this stream only makes the alert immediate.
   */
  assignments$: Observable<AssignmentNotice>;
  /** Tells the server this console's presence; kept and sent again after every reconnect. */
  reportPresence(report: PresenceReport): void;
  /** What the server answered for the last report ('offline' until connected). */
  myPresence$: Observable<Presence>;
  /** Supervisors and admins: every agent's presence, live (empty for agents and while offline). */
  teamPresence$: Observable<ReadonlyMap<string, Presence>>;
  /** Which ticket this console shows and whether the agent types in it; kept and resent after reconnects. */
  reportViewing(report: ViewingReport): void;
  /** Other agents viewing tickets this agent may see, live; empty while offline. Never includes this agent. */
  viewers$: Observable<readonly TicketViewer[]>;
  /**
   * Supervisors and admins: live KPIs of their scope, kept current from `kpi:update` deltas and
   * subscribed again after every reconnect (a fresh snapshot, so nothing missed offline stays
   * wrong). Null until the first snapshot and while offline. Subscribes while observed.
   */
  kpi$(): Observable<KpiLiveSnapshot | null>;
  /** Records the intent locally at once (it shows immediately) and syncs when the server is reachable. */
  record(intent: Intent): Promise<void>;
  /** Keeps a file for a reply or note to name in `attachmentIds` (offline too): it is uploaded before the intent is pushed. */
  attachFile(ticketId: string, file: Blob, filename: string): Promise<{ id: string; filename: string; size: number }>;
  dismissRejection(id: string): Promise<void>;
  /** Searches the tickets on this desk, offline too (every form of a word in en/ru/pl; see local-search.ts). Best first. */
  searchTickets(text: string, filter: TicketSearchFilter): Promise<TicketSearchHit[]>;
  /** False while the local search index is first built after opening the desk. */
  readonly searchReady$: Observable<boolean>;
  /** Searches the published articles on this desk, offline too, internal ones included. Best first. */
  searchArticles(text: string, options?: { language?: ArticleLanguage }): Promise<ArticleSearchHit[]>;
  /** The published articles on this desk, newest first (at most 200), in one language or all. */
  articles$(language: ArticleLanguage | 'any'): Observable<ArticleDocument[]>;
  article$(articleId: string): Observable<ArticleDocument | null>;
  /** The three most relevant articles and solved tickets for an open ticket, computed locally. */
  suggestionsFor(ticketId: string): Promise<TicketSuggestions>;
  /** Tags on this desk's tickets beginning with `prefix`, the most used first (offline too): a tag field's suggestions. */
  tagSuggestions(prefix: string, limit: number): string[];
  /** The answer templates this agent uses (shared and their own), by name, live and offline. */
  templates$(): Observable<Template[]>;
  /** The public address of an article (its own page, no account needed): what agents put into replies. */
  articleUrl(article: Pick<ArticleDocument, 'slug'>): string;
  /** Stops sync and closes the local database; the data stays for the next sign-in. */
  close(): Promise<void>;
}
