import { describe, expect, it } from 'vitest';
import { makeTicket, TEST_AGENT } from '../../app/testing/fake-desk-session';
import type { TicketView } from '../../sync/desk-session';
import { unacknowledgedAssignments } from './unacknowledged';

const ME = TEST_AGENT.id;
const SUPERVISOR = '00000000-0000-4000-8000-0000000000b2';
const ASSIGNED_AT = 1_700_000_000_000;
const mine = (overrides: Partial<TicketView> = {}) => makeTicket({ assigneeId: ME, status: 'new', assignedAt: ASSIGNED_AT, assignedBy: null, ...overrides });
const ids = (tickets: TicketView[]) => tickets.map((ticket) => ticket.id);

describe('unacknowledged assignments', () => {
  it('include tickets routing or a supervisor gave me, in every working status', () => {
    const tickets = [
      mine({ status: 'new' }),
      mine({ status: 'in_progress', assignedBy: SUPERVISOR }),
      mine({ status: 'waiting_for_customer' }),
      mine({ status: 'hold' }),
    ];
    expect(ids(unacknowledgedAssignments(tickets, ME, {}))).toEqual(ids(tickets));
  });

  it('leave out what I took myself, what is done, unassigned or someone else’s, and assignments without a time', () => {
    const tickets = [
      mine({ assignedBy: ME }),
      mine({ status: 'fixed' }),
      mine({ status: 'closed' }),
      mine({ status: 'canceled' }),
      mine({ assignedAt: null }),
      makeTicket({ assigneeId: null }),
      makeTicket({ assigneeId: SUPERVISOR, assignedAt: ASSIGNED_AT }),
    ];
    expect(unacknowledgedAssignments(tickets, ME, {})).toEqual([]);
  });

  it('leave out an acknowledged assignment, but not a later reassignment of the same ticket', () => {
    const seen = mine();
    const reassigned = mine({ assignedAt: ASSIGNED_AT + 5_000, assignedBy: SUPERVISOR });
    const acknowledged = { [seen.id]: ASSIGNED_AT, [reassigned.id]: ASSIGNED_AT };
    expect(ids(unacknowledgedAssignments([seen, reassigned], ME, acknowledged))).toEqual([reassigned.id]);
  });

  it('keep a ticket with pending local changes when someone else assigned it', () => {
    const touched = mine({ assignedBy: SUPERVISOR, hasPendingChanges: true });
    expect(ids(unacknowledgedAssignments([touched], ME, {}))).toEqual([touched.id]);
  });
});
