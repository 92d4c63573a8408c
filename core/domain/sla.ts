import { z } from 'zod';
import { BusinessCalendarSchema, DEFAULT_CALENDAR } from './calendar';
import { TimestampSchema } from './common';
import type { Priority } from './ticket';

const MINUTES_IN_A_YEAR = 525_600;

/** First-response and resolution targets, in business minutes of the calendar. */
export const SlaTargetsSchema = z
  .object({
    firstResponseMinutes: z.number().int().min(1).max(MINUTES_IN_A_YEAR),
    resolutionMinutes: z.number().int().min(1).max(10 * MINUTES_IN_A_YEAR),
  })
  .strict()
  .refine((targets) => targets.resolutionMinutes >= targets.firstResponseMinutes, 'the resolution target cannot be shorter than the first-response target');
export type SlaTargets = z.infer<typeof SlaTargetsSchema>;

/** Targets per priority, and overrides per customer organisation (its contract). */
export const SlaSettingsSchema = z
  .object({
    calendar: BusinessCalendarSchema,
    policies: z.object({ urgent: SlaTargetsSchema, high: SlaTargetsSchema, normal: SlaTargetsSchema, low: SlaTargetsSchema }).strict(),
    organizations: z
      .array(
        z
          .object({
            organization: z.string().trim().min(1).max(120),
            policies: z.object({ urgent: SlaTargetsSchema, high: SlaTargetsSchema, normal: SlaTargetsSchema, low: SlaTargetsSchema }).partial().strict(),
          })
          .strict(),
      )
      .max(500),
  })
  .strict();
export type SlaSettings = z.infer<typeof SlaSettingsSchema>;

export const DEFAULT_SLA_SETTINGS: SlaSettings = {
  calendar: DEFAULT_CALENDAR,
  policies: {
    urgent: { firstResponseMinutes: 30, resolutionMinutes: 4 * 60 },
    high: { firstResponseMinutes: 2 * 60, resolutionMinutes: 9 * 60 },
    normal: { firstResponseMinutes: 4 * 60, resolutionMinutes: 3 * 9 * 60 },
    low: { firstResponseMinutes: 9 * 60, resolutionMinutes: 5 * 9 * 60 },
  },
  organizations: [],
};

/** The targets that apply to a ticket: its organisation's contract if it sets one for the priority, else the default. */
export function targetsFor(settings: SlaSettings, priority: Priority, organization: string | null): SlaTargets {
  const contract = organization ? settings.organizations.find((entry) => entry.organization === organization) : undefined;
  return contract?.policies[priority] ?? settings.policies[priority];
}

/**
 * A ticket's SLA clocks. Both clocks count the same business time; it runs while the ticket is
 * New or In Progress and pauses otherwise. `elapsedMs` is what was counted before `runningSince`;
 * due instants exist only while running (a paused clock has no due time, only time left).
 */
export const SlaClockSchema = z.object({
  firstResponseTargetMs: z.number().int().nonnegative(),
  resolutionTargetMs: z.number().int().nonnegative(),
  elapsedMs: z.number().nonnegative(),
  runningSince: TimestampSchema.nullable(),
  firstResponseDueAt: TimestampSchema.nullable(),
  resolutionDueAt: TimestampSchema.nullable(),
  firstResponseWarnedAt: TimestampSchema.nullable(),
  resolutionWarnedAt: TimestampSchema.nullable(),
  firstResponseBreachedAt: TimestampSchema.nullable(),
  resolutionBreachedAt: TimestampSchema.nullable(),
});
export type SlaClock = z.infer<typeof SlaClockSchema>;

/** A warning goes out when this share of a target has been used. */
export const SLA_WARNING_SHARE = 0.8;
