import { PRIORITIES, type BusinessInterval, type Priority, type SlaSettings, type SlaTargets } from '../../../core';

/** Weekday keys of the calendar (0 = Sunday), listed Monday first as people read a week. */
export const WEEK_ORDER = ['1', '2', '3', '4', '5', '6', '0'] as const;
export type WeekdayKey = (typeof WEEK_ORDER)[number];

/** Number inputs hold text while being edited: an emptied field is '' rather than a made-up 0. */
export type TargetsDraft = { firstResponseMinutes: string; resolutionMinutes: string };
export type PoliciesDraft = Record<Priority, TargetsDraft>;
/** As the time inputs show it: an end of '00:00' stands for midnight at the end of the day ('24:00'). */
export type IntervalDraft = { start: string; end: string };
export type OrganizationDraft = { key: number; organization: string; policies: PoliciesDraft };

/** The SLA settings form's state: everything as the inputs hold it. */
export type SettingsDraft = {
  timeZone: string;
  weeklyHours: Record<WeekdayKey, IntervalDraft[]>;
  holidays: string[];
  policies: PoliciesDraft;
  organizations: OrganizationDraft[];
};

const EMPTY_TARGETS: TargetsDraft = { firstResponseMinutes: '', resolutionMinutes: '' };

let organizationKeys = 0;
/** A React key for an organisation row that survives removing the rows above it. */
export const newOrganizationKey = (): number => ++organizationKeys;

export function emptyPolicies(): PoliciesDraft {
  return { urgent: { ...EMPTY_TARGETS }, high: { ...EMPTY_TARGETS }, normal: { ...EMPTY_TARGETS }, low: { ...EMPTY_TARGETS } };
}

const targetsDraft = (targets: SlaTargets | undefined): TargetsDraft =>
  targets
    ? { firstResponseMinutes: String(targets.firstResponseMinutes), resolutionMinutes: String(targets.resolutionMinutes) }
    : { ...EMPTY_TARGETS };

function policiesDraft(policies: Partial<Record<Priority, SlaTargets>>): PoliciesDraft {
  const draft = emptyPolicies();
  for (const priority of PRIORITIES) draft[priority] = targetsDraft(policies[priority]);
  return draft;
}

/** The form's starting point for settings as the server sent them. */
export function toDraft(settings: SlaSettings): SettingsDraft {
  const weeklyHours = {} as Record<WeekdayKey, IntervalDraft[]>;
  for (const day of WEEK_ORDER) {
    weeklyHours[day] = settings.calendar.weeklyHours[day].map((interval) => ({
      start: interval.start,
      end: interval.end === '24:00' ? '00:00' : interval.end,
    }));
  }
  return {
    timeZone: settings.calendar.timeZone,
    weeklyHours,
    holidays: [...settings.calendar.holidays].sort(),
    policies: policiesDraft(settings.policies),
    organizations: settings.organizations.map((entry) => ({
      key: newOrganizationKey(),
      organization: entry.organization,
      policies: policiesDraft(entry.policies),
    })),
  };
}

/**
 * What the form sends. It converts, it does not judge: a field left empty goes out as 0 and the
 * server's validation explains what is wrong (the screen shows its words). An organisation's
 * priority with both fields empty keeps the default targets and is left out.
 */
export function fromDraft(draft: SettingsDraft): SlaSettings {
  const weeklyHours = {} as SlaSettings['calendar']['weeklyHours'];
  for (const day of WEEK_ORDER) weeklyHours[day] = draft.weeklyHours[day].map(intervalOf);
  const policies = {} as SlaSettings['policies'];
  for (const priority of PRIORITIES) policies[priority] = targetsOf(draft.policies[priority]);
  return {
    calendar: { timeZone: draft.timeZone.trim(), weeklyHours, holidays: [...new Set(draft.holidays)].sort() },
    policies,
    organizations: draft.organizations.map((entry) => {
      const overrides: Partial<Record<Priority, SlaTargets>> = {};
      for (const priority of PRIORITIES) {
        const targets = entry.policies[priority];
        if (targets.firstResponseMinutes.trim() === '' && targets.resolutionMinutes.trim() === '') continue;
        overrides[priority] = targetsOf(targets);
      }
      return { organization: entry.organization.trim(), policies: overrides };
    }),
  };
}

// Midnight typed as an end time means the end of the day: 22:00–00:00 and 00:00–00:00 (all day).
const intervalOf = (interval: IntervalDraft): BusinessInterval => ({
  start: interval.start,
  end: interval.end === '00:00' ? '24:00' : interval.end,
});

const targetsOf = (targets: TargetsDraft): SlaTargets => ({
  firstResponseMinutes: minutesOf(targets.firstResponseMinutes),
  resolutionMinutes: minutesOf(targets.resolutionMinutes),
});

const minutesOf = (text: string): number => (text.trim() === '' ? 0 : Number(text));

/** An IANA zone name this browser knows; the server checks the same way. */
export function isTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timeZone.trim() });
    return true;
  } catch {
    return false;
  }
}

/** Minutes typed in a target field, when they make a whole positive number (for the helper text). */
export function typedMinutes(text: string): number | null {
  if (text.trim() === '') return null;
  const minutes = Number(text);
  return Number.isInteger(minutes) && minutes > 0 ? minutes : null;
}

/** The weekday's name in the agent's language: Intl knows them, so the catalogs need not. */
export function weekdayName(language: string, day: WeekdayKey): string {
  // 2024-01-07 was a Sunday: day 0.
  return new Intl.DateTimeFormat(language, { weekday: 'long', timeZone: 'UTC' }).format(Date.UTC(2024, 0, 7 + Number(day)));
}
