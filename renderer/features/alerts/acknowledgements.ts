import { z } from 'zod';
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

/** ticketId → the assignedAt the agent acknowledged by opening the ticket. */
export type Acknowledged = Readonly<Record<string, number>>;

const NONE: Acknowledged = Object.freeze({});

/** The same map with one more acknowledgement; the same object when nothing changes. */
export function withAcknowledgement(acknowledged: Acknowledged, ticketId: string, assignedAt: number): Acknowledged {
  return acknowledged[ticketId] === assignedAt ? acknowledged : { ...acknowledged, [ticketId]: assignedAt };
}

/**
 * Only the acknowledgements of tickets still in `keep` (the agent's open tickets), so storage
 * stays as small as the agent's queue. The same object when nothing is dropped, so callers can
 * skip writing. An acknowledgement dropped too early costs at most one repeated notification.
 */
export function pruneAcknowledgements(acknowledged: Acknowledged, keep: ReadonlySet<string>): Acknowledged {
  const kept = Object.entries(acknowledged).filter(([ticketId]) => keep.has(ticketId));
  return kept.length === Object.keys(acknowledged).length ? acknowledged : Object.fromEntries(kept);
}

export type AcknowledgementsState = {
  /** agentId → that agent's acknowledgements on this console. */
  byAgent: Readonly<Record<string, Acknowledged>>;
  acknowledge(agentId: string, ticketId: string, assignedAt: number): void;
  /** Forgets this agent's acknowledgements of tickets not in `keep`. */
  prune(agentId: string, keep: ReadonlySet<string>): void;
};

export const ACKNOWLEDGEMENTS_STORAGE_KEY = 'tierdesk.alert-acknowledgements';

const StoredSchema = z
  .object({ byAgent: z.record(z.string(), z.record(z.string(), z.number())) })
  .catch({ byAgent: {} });

/**
 * Which assignments each agent has seen on this console: an assignment stays unacknowledged
 * (badge, notifications, reminders) until its agent opens the ticket. Per agent, because two
 * agents may share a machine; persisted under its own key so it survives restarts and the
 * console does not alert again about what the agent already opened. Unreadable storage reads as
 * "nothing acknowledged": the console would rather alert twice than never.
 */
export const useAcknowledgements = create<AcknowledgementsState>()(
  persist(
    (set) => ({
      byAgent: {},
      acknowledge: (agentId, ticketId, assignedAt) =>
        set((state) => {
          const before = state.byAgent[agentId] ?? NONE;
          const after = withAcknowledgement(before, ticketId, assignedAt);
          return after === before ? state : { byAgent: { ...state.byAgent, [agentId]: after } };
        }),
      prune: (agentId, keep) =>
        set((state) => {
          const before = state.byAgent[agentId];
          if (before === undefined) return state;
          const after = pruneAcknowledgements(before, keep);
          return after === before ? state : { byAgent: { ...state.byAgent, [agentId]: after } };
        }),
    }),
    {
      name: ACKNOWLEDGEMENTS_STORAGE_KEY,
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: (state) => ({ byAgent: state.byAgent }),
      merge: (persisted, current) => ({ ...current, byAgent: StoredSchema.parse(persisted).byAgent }),
    },
  ),
);

/** One agent's acknowledgements right now (empty when they have none). */
export function acknowledgedBy(agentId: string): Acknowledged {
  return useAcknowledgements.getState().byAgent[agentId] ?? NONE;
}

/**
 * Picks up acknowledgements written by another tab of the console (the same agent signed in
 * twice in one browser), so opening the ticket in one tab silences the other. Returns the
 * unsubscribe function.
 */
export function followAcknowledgementsFromOtherTabs(win: Window = window): () => void {
  const onStorage = (event: StorageEvent) => {
    if (event.key === ACKNOWLEDGEMENTS_STORAGE_KEY) void useAcknowledgements.persist.rehydrate();
  };
  win.addEventListener('storage', onStorage);
  return () => win.removeEventListener('storage', onStorage);
}
