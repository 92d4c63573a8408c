import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

export const DEFAULT_IDLE_MINUTES = 5;
const MIN_IDLE_MINUTES = 1;
const MAX_IDLE_MINUTES = 240;

export type PresenceSettingsState = {
  /**
   * Agents (by id) who set themselves away by hand on this console. Per agent, so that a colleague
   * signing in on the same machine does not inherit someone else's "away".
   */
  manualAway: Record<string, true>;
  /** Minutes without input after which the console reports the agent away. */
  idleMinutes: number;
  setManualAway(agentId: string, away: boolean): void;
  /** Rounds and clamps to 1–240 minutes; anything unreadable keeps the current value. */
  setIdleMinutes(minutes: number): void;
};

/**
 * The agent's own presence choices, remembered across reloads: a reload must not silently turn an
 * agent who said "away" back into a target for routing. Its own persisted store (key
 * `tierdesk.presence`) so the stored shape of `tierdesk.ui` does not change.
 */
export const usePresenceSettings = create<PresenceSettingsState>()(
  persist(
    (set) => ({
      manualAway: {},
      idleMinutes: DEFAULT_IDLE_MINUTES,
      setManualAway: (agentId, away) =>
        set((state) => {
          const manualAway = { ...state.manualAway };
          if (away) manualAway[agentId] = true;
          else delete manualAway[agentId];
          return { manualAway };
        }),
      setIdleMinutes: (minutes) => set((state) => ({ idleMinutes: clampIdleMinutes(minutes, state.idleMinutes) })),
    }),
    {
      name: 'tierdesk.presence',
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: (state) => ({ manualAway: state.manualAway, idleMinutes: state.idleMinutes }),
      // Whatever a newer (or tampered) console stored, keep only values this one understands.
      merge: (persisted, current) => {
        const stored = (persisted ?? {}) as Partial<PresenceSettingsState>;
        const manualAway: Record<string, true> = {};
        if (stored.manualAway && typeof stored.manualAway === 'object') {
          for (const [agentId, away] of Object.entries(stored.manualAway)) if (away === true) manualAway[agentId] = true;
        }
        return { ...current, manualAway, idleMinutes: clampIdleMinutes(stored.idleMinutes, current.idleMinutes) };
      },
    },
  ),
);

/**
 * The presence this console announces for the agent when it connects: away when they set
 * themselves away here (and never said otherwise), else online. Read before the desk opens, so
 * the first handshake does not make a remembered "away" agent a routing target for a moment.
 */
export function rememberedPresence(agentId: string): 'online' | 'away' {
  return usePresenceSettings.getState().manualAway[agentId] === true ? 'away' : 'online';
}

function clampIdleMinutes(value: unknown, fallback: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(MAX_IDLE_MINUTES, Math.max(MIN_IDLE_MINUTES, Math.round(value)));
}

/** For tests: the defaults, in memory and in storage. */
export function resetPresenceSettings(): void {
  localStorage.removeItem('tierdesk.presence');
  usePresenceSettings.setState({ manualAway: {}, idleMinutes: DEFAULT_IDLE_MINUTES });
}
