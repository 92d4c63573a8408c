import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

/** priority: the session's order (priority, then oldest first); time_left: least SLA time left first. */
export const QUEUE_SORTS = ['priority', 'time_left'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

export type QueueSortState = {
  sort: QueueSort;
  setSort(sort: QueueSort): void;
};

/**
 * The queue's sort order, remembered across reloads like the other queue preferences. Its own
 * small persisted store (key `tierdesk.queue-sort`) so the stored shape of `tierdesk.ui`, which
 * holds the drafts, does not change.
 */
export const useQueueSort = create<QueueSortState>()(
  persist(
    (set) => ({
      sort: 'priority',
      setSort: (sort) => set({ sort }),
    }),
    {
      name: 'tierdesk.queue-sort',
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: (state) => ({ sort: state.sort }),
      // A value written by a newer console (an unknown sort) falls back to the default.
      merge: (persisted, current) => {
        const sort = (persisted as Partial<QueueSortState> | undefined)?.sort;
        return { ...current, sort: QUEUE_SORTS.includes(sort as QueueSort) ? (sort as QueueSort) : current.sort };
      },
    },
  ),
);
