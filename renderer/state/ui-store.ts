import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { QueueFilter, QueueView } from '../sync/desk-session';
import type { ArticleLanguage, ArticleVisibility, TemplateActions, TemplateScope } from '../../core';
import { ANY_TICKET, type TicketSearchFilter } from '../sync/local-search';

export type StatusFilter = QueueFilter['status'];

/** What fills the desk below the header: the queue with the open ticket, the supervisors' workload panel, the SLA settings, the team admin, the agent's own account, or the admins' security log. */
export type DeskScreenName = 'desk' | 'workload' | 'sla' | 'team' | 'account' | 'security' | 'spam' | 'mailboxes' | 'knowledge' | 'templates';

/**
 * What the agent is typing for one ticket, whether it goes out as an internal note, and what the
 * templates put into it will also do to the ticket once it is sent (`templateActions`).
 */
export type ReplyDraft = { body: string; asNote: boolean; templateActions?: PendingTemplateActions };
/** A template's actions waiting for the reply it was inserted into; `from` names the template. */
export type PendingTemplateActions = TemplateActions & { from: string };
export const EMPTY_DRAFT: ReplyDraft = { body: '', asNote: false };

/**
 * An article being written or edited in the console (kept like reply drafts: nothing typed is
 * lost). `articleId` null: a new article; `sourceTicketNumber`: written from that ticket.
 */
export type ArticleDraft = {
  /** Whose draft: another agent signing in on this machine never sees it. */
  agentId: string;
  articleId: string | null;
  version: number | null;
  sourceTicketNumber: number | null;
  title: string;
  body: string;
  visibility: ArticleVisibility;
  language: ArticleLanguage;
  tags: string[];
};

/** A template being written or edited (kept like reply drafts); `templateId` null: a new one. */
export type TemplateDraft = {
  /** Whose draft: another agent signing in on this machine never sees it. */
  agentId: string;
  templateId: string | null;
  version: number | null;
  name: string;
  body: string;
  scope: TemplateScope;
  actions: TemplateActions;
};

/** Drafts are per agent and ticket: a colleague signing in on the same machine never sees them. */
export const draftKey = (agentId: string, ticketId: string): string => `${agentId}:${ticketId}`;

/**
 * UI state only. Tickets, messages and connection state never live here: they come from the
 * DeskSession observables, which are the single source of truth (and work offline).
 */
export type UiState = {
  view: QueueView;
  statusFilter: StatusFilter;
  selectedTicketId: string | null;
  screen: DeskScreenName;
  drafts: Record<string, ReplyDraft>;
  /** What the search box holds; while it is not blank the left pane lists what it finds instead of the queue. */
  searchText: string;
  searchFilter: TicketSearchFilter;
  setSearchText(text: string): void;
  setSearchFilter(changes: Partial<TicketSearchFilter>): void;
  /** The article the knowledge screen shows. */
  selectedArticleId: string | null;
  /** The knowledge screen with this article open (a search result or a suggestion was chosen). */
  openArticle(articleId: string | null): void;
  /** The article being written (the knowledge screen shows its editor), or null. */
  articleDraft: ArticleDraft | null;
  editArticle(draft: ArticleDraft | null): void;
  /** The template being written (the templates screen shows its editor), or null. */
  templateDraft: TemplateDraft | null;
  editTemplate(draft: TemplateDraft | null): void;
  selectView(view: QueueView): void;
  setStatusFilter(status: StatusFilter): void;
  selectTicket(ticketId: string | null): void;
  showScreen(screen: DeskScreenName): void;
  /** Back to the desk with this ticket open (a notice or notification was clicked). */
  openTicket(ticketId: string): void;
  updateDraft(key: string, changes: Partial<ReplyDraft>): void;
  /** Empties the text (and its template actions) after it was recorded; keeps the note toggle as the agent set it. */
  clearDraftBody(key: string): void;
  /** After sign-out: forget what was open (ticket and screen), keep drafts and queue preferences. */
  resetSelection(): void;
};

export const useUiStore = create<UiState>()(
  persist(
    (set) => ({
      view: 'mine',
      statusFilter: 'open',
      selectedTicketId: null,
      screen: 'desk',
      drafts: {},
      searchText: '',
      searchFilter: ANY_TICKET,
      setSearchText: (searchText) => set({ searchText }),
      setSearchFilter: (changes) => set((state) => ({ searchFilter: { ...state.searchFilter, ...changes } })),
      selectedArticleId: null,
      openArticle: (selectedArticleId) => set({ selectedArticleId, screen: 'knowledge' }),
      articleDraft: null,
      editArticle: (articleDraft) => set(articleDraft ? { articleDraft, screen: 'knowledge' } : { articleDraft }),
      templateDraft: null,
      editTemplate: (templateDraft) => set({ templateDraft }),
      selectView: (view) => set({ view }),
      setStatusFilter: (statusFilter) => set({ statusFilter }),
      selectTicket: (selectedTicketId) => set({ selectedTicketId }),
      showScreen: (screen) => set({ screen }),
      openTicket: (selectedTicketId) => set({ selectedTicketId, screen: 'desk' }),
      updateDraft: (key, changes) =>
        set((state) => ({ drafts: withDraft(state.drafts, key, { ...(state.drafts[key] ?? EMPTY_DRAFT), ...changes }) })),
      clearDraftBody: (key) =>
        set((state) => ({ drafts: withDraft(state.drafts, key, { asNote: (state.drafts[key] ?? EMPTY_DRAFT).asNote, body: '' }) })),
      resetSelection: () => set({ selectedTicketId: null, selectedArticleId: null, screen: 'desk', searchText: '' }),
    }),
    {
      // Drafts are persisted on every keystroke so that nothing typed is lost on reload or crash.
      name: 'tierdesk.ui',
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: (state) => ({ view: state.view, statusFilter: state.statusFilter, searchFilter: state.searchFilter, drafts: state.drafts, articleDraft: state.articleDraft, templateDraft: state.templateDraft }),
    },
  ),
);

/** An untouched draft is dropped rather than stored, so localStorage does not fill with empties. */
function withDraft(drafts: Record<string, ReplyDraft>, key: string, draft: ReplyDraft): Record<string, ReplyDraft> {
  const next = { ...drafts };
  if (draft.body === '' && !draft.asNote && !draft.templateActions) delete next[key];
  else next[key] = draft;
  return next;
}
