import { BehaviorSubject, Subject, map, of } from 'rxjs';
import { vi } from 'vitest';
import type { ArticleDocument } from '../../db/schemas';
import { FINAL_STATUSES, type AssignmentNotice, type KpiLiveSnapshot, type Presence, type PresenceReport, type Template, type TicketViewer, type ViewingReport } from '../../../core';
import type {
  DeskNotice,
  ConnectionState,
  DeskSession,
  Intent,
  MessageView,
  QueueFilter,
  RejectedChange,
  SessionAgent,
  TicketView,
} from '../../sync/desk-session';

export const TEST_AGENT: SessionAgent = {
  id: '00000000-0000-4000-8000-0000000000a1',
  name: 'Alice Agent',
  email: 'alice@example.com',
  role: 'agent',
  level: 1,
};

let ticketCounter = 0;

/** A plausible ticket; override what the test is about. */
export function makeTicket(overrides: Partial<TicketView> = {}): TicketView {
  ticketCounter += 1;
  const suffix = String(ticketCounter).padStart(12, '0');
  return {
    id: `00000000-0000-4000-8000-${suffix}`,
    number: 1000 + ticketCounter,
    subject: `Printer on floor ${ticketCounter} is jammed`,
    description: 'It makes a grinding noise.',
    channel: 'email',
    requester: { email: 'bob@customer.test', name: 'Bob Customer', organization: null },
    type: 'incident',
    priority: 'normal',
    level: 1,
    groupId: null,
    assigneeId: null,
    assignedAt: null,
    assignedBy: null,
    precedent: false,
    status: 'new',
    tags: [],
    duplicateOf: null,
    followUpOf: null,
    holdUntil: null,
    reopenCount: 0,
    createdAt: Date.now() - 5 * 60_000,
    updatedAt: Date.now(),
    firstResponseAt: null,
    fixedAt: null,
    closedAt: null,
    sla: {
      firstResponseTargetMs: 4 * 3_600_000,
      resolutionTargetMs: 27 * 3_600_000,
      elapsedMs: 0,
      runningSince: null,
      firstResponseDueAt: null,
      resolutionDueAt: null,
      firstResponseWarnedAt: null,
      resolutionWarnedAt: null,
      firstResponseBreachedAt: null,
      resolutionBreachedAt: null,
    },
    version: 1,
    hasPendingChanges: false,
    ...overrides,
  };
}

export type FakeDeskSession = {
  session: DeskSession;
  connection: BehaviorSubject<ConnectionState>;
  tickets: BehaviorSubject<TicketView[]>;
  messages: BehaviorSubject<MessageView[]>;
  rejections: BehaviorSubject<RejectedChange[]>;
  notices: Subject<DeskNotice>;
  assignments: Subject<AssignmentNotice>;
  myPresence: BehaviorSubject<Presence>;
  teamPresence: BehaviorSubject<ReadonlyMap<string, Presence>>;
  viewers: BehaviorSubject<readonly TicketViewer[]>;
  kpi: BehaviorSubject<KpiLiveSnapshot | null>;
  record: ReturnType<typeof vi.fn<(intent: Intent) => Promise<void>>>;
  reportPresence: ReturnType<typeof vi.fn<(report: PresenceReport) => void>>;
  reportViewing: ReturnType<typeof vi.fn<(report: ViewingReport) => void>>;
  /** What the search box finds: set with `mockResolvedValue` (nothing by default). */
  searchTickets: ReturnType<typeof vi.fn<DeskSession['searchTickets']>>;
  searchArticles: ReturnType<typeof vi.fn<DeskSession['searchArticles']>>;
  suggestionsFor: ReturnType<typeof vi.fn<DeskSession['suggestionsFor']>>;
  articles: BehaviorSubject<ArticleDocument[]>;
  templates: BehaviorSubject<Template[]>;
};

/**
 * A DeskSession backed by BehaviorSubjects: tests push state in and watch what the UI records.
 * Filtering mimics the real session closely enough for the UI (no sorting: order as given).
 */
export function createFakeDeskSession(
  initial: {
    agent?: SessionAgent;
    tickets?: TicketView[];
    messages?: MessageView[];
    connection?: Partial<ConnectionState>;
    rejections?: RejectedChange[];
    articles?: ArticleDocument[];
    templates?: Template[];
  } = {},
): FakeDeskSession {
  const agent = initial.agent ?? TEST_AGENT;
  const connection = new BehaviorSubject<ConnectionState>({ status: 'online', pending: 0, refusal: null, ...initial.connection });
  const tickets = new BehaviorSubject<TicketView[]>(initial.tickets ?? []);
  const messages = new BehaviorSubject<MessageView[]>(initial.messages ?? []);
  const rejections = new BehaviorSubject<RejectedChange[]>(initial.rejections ?? []);
  const notices = new Subject<DeskNotice>();
  const assignments = new Subject<AssignmentNotice>();
  const myPresence = new BehaviorSubject<Presence>('online');
  const teamPresence = new BehaviorSubject<ReadonlyMap<string, Presence>>(new Map());
  const viewers = new BehaviorSubject<readonly TicketViewer[]>([]);
  const kpi = new BehaviorSubject<KpiLiveSnapshot | null>(null);
  const record = vi.fn<(intent: Intent) => Promise<void>>(async () => undefined);
  let attached = 0;
  const attachFile = vi.fn(async (_ticketId: string, file: Blob, filename: string) => ({ id: `00000000-0000-4000-8000-${String(++attached).padStart(12, '0')}`, filename, size: file.size }));
  const reportPresence = vi.fn<(report: PresenceReport) => void>((report) => myPresence.next(report.state));
  const reportViewing = vi.fn<(report: ViewingReport) => void>(() => undefined);
  const searchTickets = vi.fn<DeskSession['searchTickets']>(async () => []);
  const searchArticles = vi.fn<DeskSession['searchArticles']>(async () => []);
  const suggestionsFor = vi.fn<DeskSession['suggestionsFor']>(async () => ({ articles: [], solvedTickets: [] }));
  const articles = new BehaviorSubject<ArticleDocument[]>(initial.articles ?? []);
  const templates = new BehaviorSubject<Template[]>(initial.templates ?? []);

  const session: DeskSession = {
    agent,
    connection$: connection.asObservable(),
    queue$: (filter: QueueFilter) => tickets.pipe(map((all) => all.filter((ticket) => matches(ticket, filter, agent.id)))),
    ticket$: (ticketId: string) => tickets.pipe(map((all) => all.find((ticket) => ticket.id === ticketId) ?? null)),
    messages$: (ticketId: string) => messages.pipe(map((all) => all.filter((message) => message.ticketId === ticketId))),
    rejections$: rejections.asObservable(),
    notices$: notices.asObservable(),
    assignments$: assignments.asObservable(),
    reportPresence,
    myPresence$: myPresence.asObservable(),
    teamPresence$: teamPresence.asObservable(),
    reportViewing,
    viewers$: viewers.asObservable(),
    kpi$: () => kpi.asObservable(),
    record,
    attachFile,
    dismissRejection: vi.fn(async (id: string) => rejections.next(rejections.value.filter((change) => change.id !== id))),
    searchTickets,
    searchReady$: of(true),
    searchArticles,
    articles$: (language) => articles.pipe(map((all) => all.filter((article) => language === 'any' || article.language === language))),
    article$: (articleId) => articles.pipe(map((all) => all.find((article) => article.id === articleId) ?? null)),
    suggestionsFor,
    templates$: () => templates.asObservable(),
    tagSuggestions: (prefix, limit) => [...new Set(tickets.value.flatMap((ticket) => ticket.tags))].filter((tag) => tag.toLowerCase().startsWith(prefix.toLowerCase())).slice(0, limit),
    articleUrl: (article) => `http://desk.test/kb/${article.slug}`,
    close: vi.fn(async () => undefined),
  };
  return { session, connection, tickets, messages, rejections, notices, assignments, myPresence, teamPresence, viewers, kpi, record, reportPresence, reportViewing, searchTickets, searchArticles, suggestionsFor, articles, templates };
}

function matches(ticket: TicketView, filter: QueueFilter, agentId: string): boolean {
  if (filter.view === 'mine' && ticket.assigneeId !== agentId) return false;
  if (filter.view === 'unassigned' && ticket.assigneeId !== null) return false;
  if (filter.status === 'any') return true;
  if (filter.status === 'open') return !FINAL_STATUSES.includes(ticket.status);
  return ticket.status === filter.status;
}
