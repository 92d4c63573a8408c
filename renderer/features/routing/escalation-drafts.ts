import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

export const ESCALATION_DRAFTS_STORAGE_KEY = 'tierdesk.escalation-drafts';

export type EscalationDraftsState = {
  /** draftKey(agentId, ticketId) → the reason typed so far, exactly as typed (never empty). */
  reasons: Readonly<Record<string, string>>;
  /** Keeps the text; an empty text forgets the draft. */
  setReason(key: string, reason: string): void;
  /** After the escalation was recorded, or the agent cancelled it. */
  clear(key: string): void;
};

/**
 * Escalation reasons being typed, per agent and ticket (key `draftKey` of ui-store), so that
 * switching tickets, a reload or a crash does not throw away the agent's explanation. Persisted
 * on every keystroke under its own key, so that the stored shape of `tierdesk.ui` does not change.
 */
export const useEscalationDrafts = create<EscalationDraftsState>()(
  persist(
    (set) => ({
      reasons: {},
      setReason: (key, reason) => set((state) => ({ reasons: withReason(state.reasons, key, reason) })),
      clear: (key) => set((state) => (Object.hasOwn(state.reasons, key) ? { reasons: withReason(state.reasons, key, '') } : state)),
    }),
    {
      name: ESCALATION_DRAFTS_STORAGE_KEY,
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: (state) => ({ reasons: state.reasons }),
      // Whatever a newer (or tampered) console stored, keep only non-empty strings.
      merge: (persisted, current) => {
        const stored = (persisted ?? {}) as { reasons?: unknown };
        const reasons: Record<string, string> = {};
        if (stored.reasons && typeof stored.reasons === 'object') {
          for (const [key, reason] of Object.entries(stored.reasons)) if (typeof reason === 'string' && reason !== '') reasons[key] = reason;
        }
        return { ...current, reasons };
      },
    },
  ),
);

function withReason(reasons: Readonly<Record<string, string>>, key: string, reason: string): Record<string, string> {
  const next = { ...reasons };
  if (reason === '') delete next[key];
  else next[key] = reason;
  return next;
}

/** For tests: nothing kept, in memory and in storage. */
export function resetEscalationDrafts(): void {
  localStorage.removeItem(ESCALATION_DRAFTS_STORAGE_KEY);
  useEscalationDrafts.setState({ reasons: {} });
}
