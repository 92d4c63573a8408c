import { z } from 'zod';
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { quietHoursProblem, type QuietHours } from './quiet-hours';

/** The reminder intervals the agent may choose, in minutes; 0 never repeats. */
export const REPEAT_CHOICES = [0, 2, 5, 10, 15, 30] as const;
export type RepeatMinutes = (typeof REPEAT_CHOICES)[number];

export type AlertPreferences = {
  /** Play the alert tone with assignment notifications (never during quiet hours). */
  soundOn: boolean;
  quietHours: QuietHours;
  /** Notify again this often while an assignment stays unopened; 0: never. */
  repeatMinutes: RepeatMinutes;
};

export const DEFAULT_ALERT_PREFERENCES: AlertPreferences = {
  soundOn: true,
  quietHours: { enabled: false, start: '18:00', end: '08:00' },
  repeatMinutes: 5,
};

export type AlertPreferencesState = AlertPreferences & {
  setSoundOn(soundOn: boolean): void;
  setQuietHoursEnabled(enabled: boolean): void;
  /** Stores the range and answers true, or answers false and keeps the old one when it is unusable. */
  setQuietHoursRange(start: string, end: string): boolean;
  /** Ignores an interval that is not one of REPEAT_CHOICES. */
  setRepeatMinutes(minutes: number): void;
};

export const ALERT_PREFERENCES_STORAGE_KEY = 'tierdesk.alert-preferences';

const isRepeatChoice = (minutes: number): minutes is RepeatMinutes => (REPEAT_CHOICES as readonly number[]).includes(minutes);

const StoredPreferencesSchema = z.object({
  soundOn: z.boolean().catch(DEFAULT_ALERT_PREFERENCES.soundOn),
  quietHours: z
    .object({ enabled: z.boolean(), start: z.string(), end: z.string() })
    .refine((quiet) => quietHoursProblem(quiet.start, quiet.end) === null)
    .catch(DEFAULT_ALERT_PREFERENCES.quietHours),
  repeatMinutes: z.literal(REPEAT_CHOICES).catch(DEFAULT_ALERT_PREFERENCES.repeatMinutes),
});

/**
 * How this console alerts about assignments, for whoever signs in on it (a machine's sound and
 * quiet hours belong to its desk, not to an agent). Persisted under its own localStorage key; a
 * stored value that is missing, unreadable or from another version falls back field by field to
 * the defaults, so what the agent set is never half-applied and the alerts never break.
 */
export const useAlertPreferences = create<AlertPreferencesState>()(
  persist(
    (set) => ({
      ...DEFAULT_ALERT_PREFERENCES,
      setSoundOn: (soundOn) => set({ soundOn }),
      setQuietHoursEnabled: (enabled) => set((state) => ({ quietHours: { ...state.quietHours, enabled } })),
      setQuietHoursRange: (start, end) => {
        if (quietHoursProblem(start, end) !== null) return false;
        set((state) => ({ quietHours: { ...state.quietHours, start, end } }));
        return true;
      },
      setRepeatMinutes: (minutes) => {
        if (isRepeatChoice(minutes)) set({ repeatMinutes: minutes });
      },
    }),
    {
      name: ALERT_PREFERENCES_STORAGE_KEY,
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: ({ soundOn, quietHours, repeatMinutes }): AlertPreferences => ({ soundOn, quietHours, repeatMinutes }),
      merge: (persisted, current) => ({ ...current, ...readStoredPreferences(persisted) }),
    },
  ),
);

/** What was stored, cleaned: every field valid or its default. */
export function readStoredPreferences(stored: unknown): AlertPreferences {
  const fields = typeof stored === 'object' && stored !== null ? stored : {};
  return StoredPreferencesSchema.parse(fields);
}

/** The preferences' data alone, for code that reads them outside React. */
export function currentAlertPreferences(): AlertPreferences {
  const { soundOn, quietHours, repeatMinutes } = useAlertPreferences.getState();
  return { soundOn, quietHours, repeatMinutes };
}

/** Back to the defaults (tests; nothing in the console forgets preferences by itself). */
export function resetAlertPreferences(): void {
  useAlertPreferences.setState({ ...DEFAULT_ALERT_PREFERENCES });
}
