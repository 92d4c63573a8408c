// @vitest-environment jsdom
import { act, cleanup } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeDeskSession, makeTicket, TEST_AGENT } from '../../app/testing/fake-desk-session';
import { createFakePlatform, renderInDesk, resetUiState } from '../../app/testing/render-desk';
import { useAssignmentAlerts } from './use-assignment-alerts';

beforeEach(resetUiState);
afterEach(cleanup);

function AlertsProbe() {
  useAssignmentAlerts();
  return null;
}

describe('assignment alerts', () => {
  it('notify about tickets newly assigned to me, not about what I already had or took myself', () => {
    const had = makeTicket({ assigneeId: TEST_AGENT.id, status: 'in_progress' });
    const fake = createFakeDeskSession({ tickets: [had] });
    const platform = createFakePlatform();
    renderInDesk(<AlertsProbe />, { session: fake.session, platform });
    expect(platform.notify).not.toHaveBeenCalled();

    const assigned = makeTicket({ number: 4001, subject: 'Server room is hot', assigneeId: TEST_AGENT.id, status: 'new' });
    act(() => fake.tickets.next([had, assigned]));
    expect(platform.notify).toHaveBeenCalledWith({ title: 'Ticket #4001 assigned to you', body: 'Server room is hot' });
    expect(platform.setBadgeCount).toHaveBeenLastCalledWith(1);

    const taken = makeTicket({ assigneeId: TEST_AGENT.id, status: 'in_progress', hasPendingChanges: true });
    act(() => fake.tickets.next([had, assigned, taken]));
    expect(platform.notify).toHaveBeenCalledTimes(1);

    const burst = [1, 2, 3].map(() => makeTicket({ assigneeId: TEST_AGENT.id, status: 'new' }));
    act(() => fake.tickets.next([had, assigned, taken, ...burst]));
    expect(platform.notify).toHaveBeenLastCalledWith({ title: '3 tickets assigned to you', body: 'Open Tierdesk to see them.' });
    expect(platform.setBadgeCount).toHaveBeenLastCalledWith(4);
  });
});
