import { z } from 'zod';

/**
 * online: connected and at the desk; away: connected but idle or set away by hand; offline: no
 * connected console. Only online agents receive new work.
 */
export const PRESENCE_STATES = ['online', 'away', 'offline'] as const;
export const PresenceSchema = z.enum(PRESENCE_STATES);
export type Presence = z.infer<typeof PresenceSchema>;

/** What a console reports about its own agent: it is never "offline" while it is talking. */
export const PresenceReportSchema = z
  .object({
    state: z.enum(['online', 'away']),
    /** True when the agent chose "away" themselves (idle detection sets false). */
    manual: z.boolean(),
  })
  .strict();
export type PresenceReport = z.infer<typeof PresenceReportSchema>;
