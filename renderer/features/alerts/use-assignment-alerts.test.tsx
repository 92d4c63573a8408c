// @vitest-environment jsdom
import { act, cleanup } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_AGENT } from '../../app/testing/fake-desk-session';
import { useUiStore } from '../../state/ui-store';
import { ACKNOWLEDGEMENTS_STORAGE_KEY, acknowledgedBy, useAcknowledgements } from './acknowledgements';
import { assignedToMe, mountAlerts, resetAlertState } from './alerts-testing';

beforeEach(resetAlertState);
afterEach(cleanup);

describe('assignment alerts: raising', () => {
  it('notify an assignment that appears in My tickets, with its tag, the badge and the sound', () => {
    const alerts = mountAlerts();
    expect(alerts.badge()).toBe(0);

    const ticket = assignedToMe({ number: 4001, subject: 'Server room is hot' });
    alerts.show([ticket]);

    expect(alerts.platform.notify).toHaveBeenCalledExactlyOnceWith({
      title: 'Ticket #4001 assigned to you',
      body: 'Server room is hot',
      tag: `ticket:${ticket.id}`,
    });
    expect(alerts.badge()).toBe(1);
    expect(alerts.sound.play).toHaveBeenCalledTimes(1);
  });

  it('raise nothing for a ticket I took myself, even while the take is pending', () => {
    const alerts = mountAlerts();
    alerts.show([assignedToMe({ assignedBy: TEST_AGENT.id, status: 'in_progress', hasPendingChanges: true })]);
    alerts.show([assignedToMe({ assignedBy: TEST_AGENT.id, status: 'in_progress' })]);

    expect(alerts.platform.notify).not.toHaveBeenCalled();
    expect(alerts.sound.play).not.toHaveBeenCalled();
    expect(alerts.badge()).toBe(0);
  });

  it('raise a supervisor assignment of a ticket I have pending changes on: touching a ticket is not seeing its assignment', () => {
    const alerts = mountAlerts();
    alerts.show([assignedToMe({ number: 4002, assignedBy: '00000000-0000-4000-8000-0000000000b2', hasPendingChanges: true })]);
    expect(alerts.platform.notify).toHaveBeenCalledWith(expect.objectContaining({ title: 'Ticket #4002 assigned to you' }));
    expect(alerts.badge()).toBe(1);
  });

  it('raise, on the first emission after start, assignments that arrived while the console was closed or offline', () => {
    const missed = assignedToMe({ number: 4003, subject: 'VPN down' });
    const alerts = mountAlerts([missed], { connection: 'offline' });
    expect(alerts.platform.notify).toHaveBeenCalledExactlyOnceWith({ title: 'Ticket #4003 assigned to you', body: 'VPN down', tag: `ticket:${missed.id}` });
    expect(alerts.badge()).toBe(1);
    expect(alerts.sound.play).toHaveBeenCalledTimes(1);
  });

  it('stay silent at start about assignments acknowledged in an earlier session', () => {
    const seen = assignedToMe();
    useAcknowledgements.getState().acknowledge(TEST_AGENT.id, seen.id, seen.assignedAt ?? 0);
    const alerts = mountAlerts([seen]);
    expect(alerts.platform.notify).not.toHaveBeenCalled();
    expect(alerts.badge()).toBe(0);
  });

  it('raise an assignment once per mounted session, however often My tickets emits or the ticket leaves and returns', () => {
    const ticket = assignedToMe();
    const alerts = mountAlerts([ticket]);
    alerts.show([{ ...ticket }]);
    alerts.show([{ ...ticket, status: 'fixed' }]);
    expect(alerts.badge()).toBe(0);
    alerts.show([{ ...ticket, status: 'in_progress' }]);
    expect(alerts.platform.notify).toHaveBeenCalledTimes(1);
    expect(alerts.badge()).toBe(1);
  });

  it('raise each assignment once under React StrictMode, whose effects run twice', () => {
    const alerts = mountAlerts([assignedToMe()], { strict: true });
    expect(alerts.platform.notify).toHaveBeenCalledTimes(1);
    expect(alerts.badge()).toBe(1);
  });

  it('raise the same ticket again when it is reassigned to me later (a new assignedAt)', () => {
    const ticket = assignedToMe({ number: 4004 });
    const alerts = mountAlerts([ticket]);
    act(() => useUiStore.getState().openTicket(ticket.id));
    act(() => useUiStore.getState().selectTicket(null));
    alerts.show([{ ...ticket, assigneeId: '00000000-0000-4000-8000-0000000000c3', assignedAt: Date.now() }]);
    expect(alerts.badge()).toBe(0);

    alerts.show([{ ...ticket, assignedAt: Date.now() + 1_000, assignedBy: '00000000-0000-4000-8000-0000000000b2' }]);
    expect(alerts.platform.notify).toHaveBeenCalledTimes(2);
    expect(alerts.platform.notify).toHaveBeenLastCalledWith(expect.objectContaining({ title: 'Ticket #4004 assigned to you' }));
    expect(alerts.badge()).toBe(1);
  });

  it('turn a burst of more than three into one summary that opens My tickets', () => {
    const alerts = mountAlerts();
    const burst = [5001, 5002, 5003, 5004].map((number) => assignedToMe({ number }));
    alerts.show(burst);
    expect(alerts.platform.notify).toHaveBeenCalledExactlyOnceWith({
      title: '4 tickets assigned to you',
      body: 'Open Tierdesk to see them: #5001, #5002, #5003, #5004',
      tag: 'tickets:mine',
    });
    expect(alerts.sound.play).toHaveBeenCalledTimes(1);
    expect(alerts.badge()).toBe(4);
  });

  it('notify up to three new assignments separately', () => {
    const alerts = mountAlerts();
    alerts.show([assignedToMe(), assignedToMe(), assignedToMe()]);
    expect(alerts.platform.notify).toHaveBeenCalledTimes(3);
    expect(alerts.sound.play).toHaveBeenCalledTimes(1);
  });

  it('notify at once on the ticket:assigned push, and not again when the ticket syncs', () => {
    const alerts = mountAlerts();
    const ticket = assignedToMe({ number: 4005, subject: 'Mail bounces' });
    act(() =>
      alerts.fake.assignments.next({ ticketId: ticket.id, number: 4005, subject: 'Mail bounces', priority: 'high', assignedAt: ticket.assignedAt ?? 0 }),
    );
    expect(alerts.platform.notify).toHaveBeenCalledExactlyOnceWith({ title: 'Ticket #4005 assigned to you', body: 'Mail bounces', tag: `ticket:${ticket.id}` });

    alerts.show([ticket]);
    expect(alerts.platform.notify).toHaveBeenCalledTimes(1);
    expect(alerts.badge()).toBe(1);
  });
});

describe('assignment alerts: acknowledging', () => {
  it('acknowledge by opening the ticket: the badge clears and the acknowledgement is stored for this agent', () => {
    const ticket = assignedToMe();
    const alerts = mountAlerts([ticket]);
    act(() => useUiStore.getState().selectTicket(ticket.id));

    expect(alerts.badge()).toBe(0);
    expect(acknowledgedBy(TEST_AGENT.id)).toEqual({ [ticket.id]: ticket.assignedAt });
    expect(localStorage.getItem(ACKNOWLEDGEMENTS_STORAGE_KEY)).toContain(`"${ticket.id}":${ticket.assignedAt}`);
  });

  it('open the ticket when its notification is clicked, which acknowledges it', () => {
    const ticket = assignedToMe();
    const alerts = mountAlerts([ticket]);
    alerts.click(`ticket:${ticket.id}`);
    expect(useUiStore.getState()).toMatchObject({ selectedTicketId: ticket.id, screen: 'desk' });
    expect(alerts.badge()).toBe(0);
  });

  it('acknowledge on click even when the ticket was already open (the selection does not change)', () => {
    const ticket = assignedToMe();
    useUiStore.setState({ selectedTicketId: ticket.id });
    const alerts = mountAlerts([ticket]);
    expect(alerts.badge()).toBe(1);
    alerts.click(`ticket:${ticket.id}`);
    expect(alerts.badge()).toBe(0);
  });

  it('show My tickets when a summary is clicked', () => {
    useUiStore.setState({ view: 'unassigned', statusFilter: 'hold', screen: 'sla' });
    const alerts = mountAlerts();
    alerts.click('tickets:mine');
    expect(useUiStore.getState()).toMatchObject({ view: 'mine', statusFilter: 'open', screen: 'desk' });
  });

  it('announce a ticket assigned while it was open in an unattended console, and acknowledge it when the window gets focus', () => {
    const ticket = assignedToMe();
    useUiStore.setState({ selectedTicketId: ticket.id });
    let attended = false;
    const alerts = mountAlerts([], { attended: () => attended });

    alerts.show([ticket]);
    expect(alerts.platform.notify).toHaveBeenCalledTimes(1);
    expect(alerts.badge()).toBe(1);

    attended = true;
    act(() => {
      window.dispatchEvent(new Event('focus'));
    });
    expect(alerts.badge()).toBe(0);
  });

  it('take a ticket assigned while the agent is looking at it as seen', () => {
    const ticket = assignedToMe();
    useUiStore.setState({ selectedTicketId: ticket.id });
    const alerts = mountAlerts([], { attended: () => true });
    // An old acknowledgement that the same emission prunes must not get the new ticket announced first.
    act(() => useAcknowledgements.getState().acknowledge(TEST_AGENT.id, 'no-longer-mine', 1));
    alerts.show([ticket]);
    expect(alerts.platform.notify).not.toHaveBeenCalled();
    expect(alerts.badge()).toBe(0);
  });

  it('forget acknowledgements of tickets no longer mine, but only while caught up with the server', () => {
    const kept = assignedToMe();
    const gone = assignedToMe();
    useAcknowledgements.getState().acknowledge(TEST_AGENT.id, kept.id, kept.assignedAt ?? 0);
    useAcknowledgements.getState().acknowledge(TEST_AGENT.id, gone.id, gone.assignedAt ?? 0);
    const alerts = mountAlerts([kept], { connection: 'syncing' });
    expect(Object.keys(acknowledgedBy(TEST_AGENT.id)).sort()).toEqual([kept.id, gone.id].sort());

    act(() => alerts.fake.connection.next({ status: 'online', pending: 0, refusal: null }));
    expect(acknowledgedBy(TEST_AGENT.id)).toEqual({ [kept.id]: kept.assignedAt });
    expect(alerts.platform.notify).not.toHaveBeenCalled();
  });

  it('keep acknowledgements through a new sync epoch, even when the desk reads caught up before My tickets refills', () => {
    // Opened in an earlier session: this mount has announced nothing about it.
    const opened = assignedToMe({ number: 4006 });
    useAcknowledgements.getState().acknowledge(TEST_AGENT.id, opened.id, opened.assignedAt ?? 0);
    const alerts = mountAlerts([opened]);

    // The desk drops everything for the new epoch (syncing), then its first pull lands: the
    // connection may read online before "My tickets" has emitted the pulled tickets.
    act(() => alerts.fake.connection.next({ status: 'syncing', pending: 0, refusal: null }));
    alerts.show([]);
    act(() => alerts.fake.connection.next({ status: 'online', pending: 0, refusal: null }));
    expect(acknowledgedBy(TEST_AGENT.id)).toEqual({ [opened.id]: opened.assignedAt });
    alerts.show([opened]);

    expect(alerts.platform.notify).not.toHaveBeenCalled();
    expect(alerts.badge()).toBe(0);
    // Once a list arrives while caught up, tickets no longer mine are forgotten as before.
    alerts.show([]);
    expect(acknowledgedBy(TEST_AGENT.id)).toEqual({});
  });

  it('clear the badge when unmounted (sign-out)', () => {
    const alerts = mountAlerts([assignedToMe()]);
    expect(alerts.badge()).toBe(1);
    alerts.unmount();
    expect(alerts.badge()).toBe(0);
  });
});
