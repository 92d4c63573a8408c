// Test-only helpers for the mutation tests. Not part of core's public API (not exported from index).
import type { Actor } from '../domain/agent';
import type { Ticket } from '../domain/ticket';
import type { ApplyContext, ApplyResult, Applied, Refused } from './context';

/** Fixed ids: core has no Node or DOM types, so no crypto.randomUUID here. Zod 4 wants RFC 9562 UUIDs. */
export const IDS = {
  ticket: '00000000-0000-4000-8000-00000000000a',
  agentAnna: '00000000-0000-4000-8000-0000000000a1',
  agentBoris: '00000000-0000-4000-8000-0000000000b2',
  supervisor: '00000000-0000-4000-8000-0000000000c3',
  admin: '00000000-0000-4000-8000-0000000000d4',
  mutation: '00000000-0000-4000-8000-0000000000e5',
  otherMutation: '00000000-0000-4000-8000-0000000000f6',
} as const;

export const ANNA: Actor = { id: IDS.agentAnna, name: 'Anna Agent', role: 'agent', level: 1 };
export const BORIS: Actor = { id: IDS.agentBoris, name: 'Boris Agent', role: 'agent', level: 2 };
export const SUPERVISOR: Actor = { id: IDS.supervisor, name: 'Sam Supervisor', role: 'supervisor', level: 3 };
export const ADMIN: Actor = { id: IDS.admin, name: 'Ada Admin', role: 'admin', level: 3 };

export const CREATED_AT = 1_700_000_000_000;
export const NOW = CREATED_AT + 3_600_000;

export function makeTicket(overrides: Partial<Ticket> = {}): Ticket {
  return {
    id: IDS.ticket,
    number: 1042,
    subject: 'Printer on floor 3 jams',
    description: 'It jams on every second page.',
    channel: 'email',
    requester: { email: 'carol@example.com', name: 'Carol Customer', organization: null },
    type: 'incident',
    priority: 'normal',
    level: 1,
    groupId: null,
    assigneeId: null,
    assignedAt: null,
    assignedBy: null,
    precedent: false,
    status: 'new',
    tags: ['printer'],
    duplicateOf: null,
    followUpOf: null,
    holdUntil: null,
    reopenCount: 0,
    createdAt: CREATED_AT,
    updatedAt: CREATED_AT,
    firstResponseAt: null,
    fixedAt: null,
    closedAt: null,
    sla: {
      firstResponseTargetMs: 4 * 3_600_000,
      resolutionTargetMs: 27 * 3_600_000,
      elapsedMs: 0,
      runningSince: CREATED_AT,
      firstResponseDueAt: CREATED_AT + 4 * 3_600_000,
      resolutionDueAt: CREATED_AT + 27 * 3_600_000,
      firstResponseWarnedAt: null,
      resolutionWarnedAt: null,
      firstResponseBreachedAt: null,
      resolutionBreachedAt: null,
    },
    version: 3,
    ...overrides,
  };
}

export function makeContext(actor: Actor = ANNA, overrides: Partial<ApplyContext> = {}): ApplyContext {
  return { actor, now: NOW, ...overrides };
}

/** A deep copy to compare the input against after apply: apply must not mutate its input. */
export const snapshot = (ticket: Ticket): Ticket => JSON.parse(JSON.stringify(ticket)) as Ticket;

export function expectApplied(result: ApplyResult): Applied {
  if (!result.ok) throw new Error(`expected the mutation to apply, it was refused: ${JSON.stringify(result.rejection)}`);
  return result;
}

export function expectRefused(result: ApplyResult): Refused {
  if (result.ok) throw new Error(`expected a refusal, the mutation applied: ${JSON.stringify(result.audit)}`);
  return result;
}
