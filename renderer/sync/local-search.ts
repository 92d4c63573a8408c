import { BehaviorSubject, Subscription, type Observable } from 'rxjs';
import { isOpenStatus, type Channel, type TicketStatus } from '../../core';
import { allWordsQuery, anyWordsQuery, createSearchIndex, isSearchedMessage, snippetOf, type SearchResult, type Snippet } from '../../core/search';
import type { DeskDatabase } from '../db/database';
import type { MessageDocument, TicketDocument } from '../db/schemas';

/** What narrows a search: the queue's status choice, only the agent's own tickets, one channel. */
export type TicketSearchFilter = { status: TicketStatus | 'open' | 'any'; mine: boolean; channel: Channel | 'any' };
export const ANY_TICKET: TicketSearchFilter = { status: 'any', mine: false, channel: 'any' };

/** One found ticket: enough to list it, with the words that matched marked in its subject and in a snippet. */
export type TicketSearchHit = {
  ticketId: string;
  number: number;
  subject: Snippet;
  status: TicketStatus;
  channel: Channel;
  requesterName: string;
  score: number;
  /** Where the words were found in the conversation; null when only the subject, number, requester or tags matched. */
  snippet: Snippet | null;
};

/** The local index of the desk's tickets, searchable offline. */
export type LocalSearch = {
  /** False while the index is first built from the local database. */
  readonly ready$: Observable<boolean>;
  /** Best first, at most `limit`; empty for a query of stop words only. Waits for the first build. */
  search(text: string, filter: TicketSearchFilter, agentId: string, limit?: number): Promise<TicketSearchHit[]>;
  /** Solved tickets (Fixed or Closed) that share the most words with a text, best first, never `exceptTicketId`. */
  similarSolved(text: string, exceptTicketId: string, limit: number): Promise<TicketSearchHit[]>;
  /** The tags on this desk's tickets that begin with `prefix` (case aside), the most used first: what a tag field suggests. */
  tagSuggestions(prefix: string, limit: number): string[];
  stop(): void;
};

type IndexedTicket = {
  id: string;
  number: string;
  subject: string;
  requester: string;
  tags: string;
  text: string;
  status: TicketStatus;
  assigneeKey: string;
  channel: Channel;
};

/** What "solved" means for suggestions: answered, whether or not the customer confirmed. */
const SOLVED: ReadonlySet<TicketStatus> = new Set(['fixed', 'closed']);

/** Tickets indexed per slice while building: small enough that the console stays responsive between slices. */
const BUILD_PAGE = 500;
/** Changes arriving close together are indexed together. */
const REINDEX_DELAY_MS = 150;
/**
 * More changed tickets than this at once (a first sync's pull pages) are not re-read one by one
 * (a message query each: a first sync of 10,000 tickets was searchable only 13 s after its last
 * page in Chromium); the index is built again from two whole reads once the changes pause, as at
 * start. While they keep coming it waits for a pause this long, but never longer than the max (a
 * whole rebuild per pull page would cost more than the pages do: each reads the whole desk).
 */
const BULK_CHANGE = 200;
const BULK_QUIET_MS = 400;
const BULK_WAIT_MAX_MS = 15_000;
/** Hits shown with a snippet of the message their words were found in. */
const SNIPPETS_READ = 20;

const FIELDS = ['number', 'subject', 'requester', 'tags', 'text'] as const;
// The number and subject name a ticket; a word in a long conversation says less.
const BOOST = { number: 4, subject: 2.5, requester: 1.5, tags: 1.5, text: 1 };

/**
 * Keeps a MiniSearch index (core/search's analysis: every form of a word, in en/ru/pl) over the
 * local tickets: number, subject, requester, tags and the conversation (core's ticket-text rule). It is built once
 * from the database, a page at a time, and then follows the database's changes, re-reading only
 * the tickets that changed. Message bodies are not held in memory: the index holds terms, and the
 * few tickets a search shows are read back for their snippets.
 */
export function startLocalSearch(db: DeskDatabase): LocalSearch {
  let index = newTicketIndex();
  // The desk's tags, counted as tickets are indexed (the index sees every ticket anyway).
  let tags = new TagCounts();
  const ready$ = new BehaviorSubject(false);
  const dirty = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  let work: Promise<void> = Promise.resolve();
  let firstDirtyAt = 0;
  let lastChangeAt = 0;

  const schedule = (ticketId: string) => {
    if (dirty.size === 0) firstDirtyAt = Date.now();
    lastChangeAt = Date.now();
    dirty.add(ticketId);
    if (timer === null && ready$.value) timer = setTimeout(flush, REINDEX_DELAY_MS);
  };
  const flush = () => {
    timer = null;
    const failed = (error: unknown) => console.error('could not update the search index', error);
    if (dirty.size > BULK_CHANGE) {
      const now = Date.now();
      if (now - lastChangeAt < BULK_QUIET_MS && now - firstDirtyAt < BULK_WAIT_MAX_MS) {
        timer = setTimeout(flush, BULK_QUIET_MS);
        return;
      }
      dirty.clear();
      work = work.then(rebuild).catch(failed);
      return;
    }
    const ids = [...dirty];
    dirty.clear();
    work = work.then(() => reindex(ids)).catch(failed);
  };

  const subscriptions = new Subscription();
  subscriptions.add(db.tickets.$.subscribe((event) => schedule(event.documentId)));
  subscriptions.add(db.messages.$.subscribe((event) => {
    const ticketId = (event.documentData as { ticketId?: string } | undefined)?.ticketId ?? (event.previousDocumentData as { ticketId?: string } | undefined)?.ticketId;
    if (ticketId) schedule(ticketId);
  }));

  async function reindex(ids: string[]): Promise<void> {
    if (stopped || db.closed || ids.length === 0) return;
    const tickets = await db.tickets.findByIds(ids).exec();
    const texts = await messageTexts(db, [...tickets.keys()]);
    for (const id of ids) {
      const doc = tickets.get(id)?.toJSON() as TicketDocument | undefined;
      if (index.has(id)) index.discard(id);
      tags.set(id, doc?.tags ?? []);
      if (doc) index.add(toIndexed(doc, texts.get(id) ?? []));
    }
  }

  /** The whole desk indexed afresh from two whole reads (tags counted alongside), or null when stopped meanwhile. */
  async function indexWholeDesk(): Promise<{ index: ReturnType<typeof newTicketIndex>; tags: TagCounts } | null> {
    // Two reads of the whole desk, not pages: RxDB answers `id > after` pages by scanning, so paging
    // cost grew with the square of the desk (50,000 tickets: 5.8 s of queries alone). The adds go
    // in slices with a pause between them, so the console stays responsive while it indexes (and
    // searches meanwhile use the index as it was).
    const [tickets, messages] = await Promise.all([db.tickets.find().exec(), db.messages.find().exec()]);
    if (stopped || db.closed) return null;
    const texts = textsByTicket(messages);
    const fresh = { index: newTicketIndex(), tags: new TagCounts() };
    for (let start = 0; start < tickets.length; start += BUILD_PAGE) {
      if (stopped || db.closed) return null;
      for (const doc of tickets.slice(start, start + BUILD_PAGE)) {
        const ticket = doc.toJSON() as TicketDocument;
        fresh.tags.set(ticket.id, ticket.tags);
        fresh.index.add(toIndexed(ticket, texts.get(doc.id) ?? []));
      }
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    return fresh;
  }

  async function rebuild(): Promise<void> {
    const fresh = await indexWholeDesk();
    if (fresh) ({ index, tags } = fresh);
  }

  async function build(): Promise<void> {
    await rebuild();
    if (stopped || db.closed) return;
    ready$.next(true);
    // Changes during the build are read again afterwards.
    if (dirty.size) flush();
  }
  const built = build().catch((error: unknown) => console.error('could not build the search index', error));

  async function search(text: string, filter: TicketSearchFilter, agentId: string, limit = 50): Promise<TicketSearchHit[]> {
    await built;
    await work;
    const query = allWordsQuery(text.replace(/#(\d+)/g, '$1'));
    if (query === null || stopped) return [];
    const results = index
      .search(query, { filter: (result) => matches(result as unknown as IndexedTicket, filter, agentId) })
      .slice(0, limit);
    return hitsOf(results);
  }

  async function similarSolved(text: string, exceptTicketId: string, limit: number): Promise<TicketSearchHit[]> {
    await built;
    await work;
    const any = anyWordsQuery(text);
    if (any === null || stopped) return [];
    const solved = (result: SearchResult) => result.id !== exceptTicketId && SOLVED.has((result as unknown as IndexedTicket).status);
    return hitsOf(index.search(any.query, { ...any.options, filter: solved }).slice(0, limit));
  }

  async function hitsOf(results: SearchResult[]): Promise<TicketSearchHit[]> {
    const tickets = await db.tickets.findByIds(results.map((result) => String(result.id))).exec();
    // Messages are read (one query each) only for the first hits whose words are in them: what the
    // list shows first; in Chromium these reads were most of a search.
    const inText = (result: SearchResult) => Object.values(result.match).some((fields) => fields.includes('text'));
    const snippetIds = results.filter((result) => inText(result) && tickets.has(String(result.id))).slice(0, SNIPPETS_READ).map((result) => String(result.id));
    const texts = await messageTexts(db, snippetIds);
    return results.flatMap((result) => {
      const doc = tickets.get(String(result.id))?.toJSON() as TicketDocument | undefined;
      if (!doc) return [];
      const matchedInText = texts.has(doc.id);
      return [{
        ticketId: doc.id,
        number: doc.number,
        subject: snippetOf(doc.subject, result.terms, 200),
        status: doc.status,
        channel: doc.channel,
        requesterName: doc.requester.name || doc.requester.email,
        score: result.score,
        snippet: matchedInText ? bestSnippet(texts.get(doc.id) ?? [], result.terms) : null,
      }];
    });
  }

  return {
    ready$: ready$.asObservable(),
    search,
    similarSolved,
    tagSuggestions: (prefix, limit) => tags.top(prefix, limit),
    stop() {
      stopped = true;
      subscriptions.unsubscribe();
      if (timer !== null) clearTimeout(timer);
      ready$.complete();
    },
  };
}

/** How many tickets carry each tag (compared without case, shown as most often written). */
class TagCounts {
  private readonly byTicket = new Map<string, string[]>();
  private readonly counts = new Map<string, Map<string, number>>();

  set(ticketId: string, tags: readonly string[]): void {
    for (const tag of this.byTicket.get(ticketId) ?? []) this.change(tag, -1);
    if (tags.length) this.byTicket.set(ticketId, [...tags]);
    else this.byTicket.delete(ticketId);
    for (const tag of tags) this.change(tag, 1);
  }

  top(prefix: string, limit: number): string[] {
    const wanted = prefix.trim().toLowerCase();
    const found: { spelling: string; total: number }[] = [];
    for (const [key, spellings] of this.counts) {
      if (!key.startsWith(wanted)) continue;
      let spelling = '';
      let most = 0;
      let total = 0;
      for (const [written, count] of spellings) {
        total += count;
        if (count > most) [most, spelling] = [count, written];
      }
      found.push({ spelling, total });
    }
    return found
      .sort((a, b) => b.total - a.total || a.spelling.localeCompare(b.spelling))
      .slice(0, limit)
      .map((entry) => entry.spelling);
  }

  private change(tag: string, by: number): void {
    const key = tag.toLowerCase();
    const spellings = this.counts.get(key) ?? new Map<string, number>();
    const count = (spellings.get(tag) ?? 0) + by;
    if (count > 0) spellings.set(tag, count);
    else spellings.delete(tag);
    if (spellings.size) this.counts.set(key, spellings);
    else this.counts.delete(key);
  }
}

function newTicketIndex() {
  return createSearchIndex<IndexedTicket>({ fields: [...FIELDS], storeFields: ['status', 'assigneeKey', 'channel'], boost: BOOST });
}

function toIndexed(ticket: TicketDocument, messages: string[]): IndexedTicket {
  return {
    id: ticket.id,
    number: String(ticket.number),
    subject: ticket.subject,
    requester: `${ticket.requester.name} ${ticket.requester.email}`,
    tags: ticket.tags.join(' '),
    text: messages.join('\n'),
    status: ticket.status,
    assigneeKey: ticket.assigneeKey,
    channel: ticket.channel,
  };
}

function matches(stored: Pick<IndexedTicket, 'status' | 'assigneeKey' | 'channel'>, filter: TicketSearchFilter, agentId: string): boolean {
  if (filter.mine && stored.assigneeKey !== agentId) return false;
  if (filter.channel !== 'any' && stored.channel !== filter.channel) return false;
  if (filter.status === 'open') return isOpenStatus(stored.status);
  return filter.status === 'any' || stored.status === filter.status;
}

/**
 * The searched message bodies of these tickets (core's rule), oldest first: one query per ticket,
 * each a range of the (ticketId, createdAt) index. One `$in` query over all of them was measured to
 * scan every message of the desk (RxDB plans `$in` without the index range): 0.3 s at 50,000 tickets.
 */
async function messageTexts(db: DeskDatabase, ticketIds: string[]): Promise<Map<string, string[]>> {
  const pages = await Promise.all(ticketIds.map((ticketId) => db.messages.find({ selector: { ticketId }, sort: [{ ticketId: 'asc' }, { createdAt: 'asc' }] }).exec()));
  return textsByTicket(pages.flat());
}

function textsByTicket(messages: readonly { toJSON(): unknown }[]): Map<string, string[]> {
  const texts = new Map<string, string[]>();
  for (const doc of messages) {
    const message = doc.toJSON() as MessageDocument;
    if (!isSearchedMessage(message)) continue;
    const list = texts.get(message.ticketId) ?? [];
    list.push(message.body);
    texts.set(message.ticketId, list);
  }
  return texts;
}

/** The snippet of the text with the most matched words (the latest such message on a tie: the newest is usually the most telling). */
function bestSnippet(texts: string[], terms: string[]): Snippet | null {
  let best: Snippet | null = null;
  for (const text of texts) {
    const snippet = snippetOf(text, terms);
    if (snippet.highlights.length > 0 && snippet.highlights.length >= (best?.highlights.length ?? 0)) best = snippet;
  }
  return best;
}
