/**
 * When alert sounds stay silent; start and end are 24-hour "HH:MM" in local time. Notifications
 * still show: quiet hours only mute the sound.
 */
export type QuietHours = { enabled: boolean; start: string; end: string };

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after local midnight of a strict "HH:MM" (00:00–23:59); null for anything else. */
export function parseClock(text: string): number | null {
  const match = CLOCK.exec(text);
  if (!match) return null;
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Why a quiet-hours range cannot be stored, or null when it can. */
export function quietHoursProblem(start: string, end: string): 'invalid_time' | 'empty_range' | null {
  const from = parseClock(start);
  const to = parseClock(end);
  if (from === null || to === null) return 'invalid_time';
  // Equal ends would mean either "never" or "always": both better said by the switches.
  if (from === to) return 'empty_range';
  return null;
}

/**
 * Whether `at` (epoch ms) falls within the quiet hours, in the machine's local time. The range
 * includes its start and excludes its end; a start after the end spans midnight (18:00–08:00 is
 * quiet from 18:00 to 07:59). Disabled or unreadable settings are never quiet, so a corrupt
 * preference can only make noise, not swallow it.
 */
export function isWithinQuietHours(quiet: QuietHours, at: number): boolean {
  if (!quiet.enabled || quietHoursProblem(quiet.start, quiet.end) !== null) return false;
  const from = parseClock(quiet.start) ?? 0;
  const to = parseClock(quiet.end) ?? 0;
  const date = new Date(at);
  const minute = date.getHours() * 60 + date.getMinutes();
  return from < to ? minute >= from && minute < to : minute >= from || minute < to;
}
