import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

export type ReplyBaselinesState = {
  /** By draft key (agent and ticket, see draftKey): the message ids the conversation held when the draft began. */
  seenMessageIds: Record<string, readonly string[]>;
  /** The draft began (or the agent reviewed what arrived meanwhile): this is the conversation it answers. */
  remember(draftKey: string, messageIds: readonly string[]): void;
  /** The draft was recorded or emptied: the next one starts afresh. */
  forget(draftKey: string): void;
};

/**
 * What conversation each reply draft was written against, for the stale-reply warning. Persisted
 * beside the drafts (its own key, `tierdesk.reply-baselines`) so that a reload between typing and
 * sending still warns about a reply that arrived meanwhile.
 */
export const useReplyBaselines = create<ReplyBaselinesState>()(
  persist(
    (set) => ({
      seenMessageIds: {},
      remember: (draftKey, messageIds) => set((state) => ({ seenMessageIds: { ...state.seenMessageIds, [draftKey]: [...messageIds] } })),
      forget: (draftKey) =>
        set((state) => {
          if (!(draftKey in state.seenMessageIds)) return state;
          const seenMessageIds = { ...state.seenMessageIds };
          delete seenMessageIds[draftKey];
          return { seenMessageIds };
        }),
    }),
    {
      name: 'tierdesk.reply-baselines',
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: (state) => ({ seenMessageIds: state.seenMessageIds }),
      // Keep only well-formed entries: a malformed one would otherwise break the composer.
      merge: (persisted, current) => {
        const stored = (persisted as Partial<ReplyBaselinesState> | undefined)?.seenMessageIds;
        const seenMessageIds: Record<string, readonly string[]> = {};
        if (stored && typeof stored === 'object') {
          for (const [key, ids] of Object.entries(stored)) {
            if (Array.isArray(ids) && ids.every((id) => typeof id === 'string')) seenMessageIds[key] = ids;
          }
        }
        return { ...current, seenMessageIds };
      },
    },
  ),
);

/** For tests: nothing remembered, in memory or in storage. */
export function resetReplyBaselines(): void {
  localStorage.removeItem('tierdesk.reply-baselines');
  useReplyBaselines.setState({ seenMessageIds: {} });
}
