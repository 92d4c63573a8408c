/**
 * For suites about something other than the intake limits that take in many tickets from one
 * address (loopback) for one requester: the default allowance (30 per address, 10 per requester
 * in 10 minutes) would refuse them partway. The limits stay on, with room for any suite;
 * test/integration/intake-limits.test.ts is where the defaults are tested.
 */
export const ROOMY_INTAKE_LIMITS = {
  TIERDESK_LIMIT_INTAKE_ADDRESS: '100000/1m',
  TIERDESK_LIMIT_INTAKE_REQUESTER: '100000/1m',
} as const;
