import { isSlaRunning, SLA_WARNING_SHARE, type Ticket } from '../../../core';

/** What the indicator shows; the value of its data-sla attribute. */
export type SlaIndicatorState = 'ok' | 'warning' | 'overdue' | 'breached' | 'paused' | 'met' | 'stopped';

/** Which way the clock stands, whatever the display says: the "Time left" sort groups by this. */
export type SlaPhase = 'running' | 'paused' | 'finished';

export type SlaClockName = 'first_response' | 'resolution';

export type SlaReading = {
  state: SlaIndicatorState;
  phase: SlaPhase;
  /** The clock the reading is about: the nearer of the two that still apply; null when finished. */
  clock: SlaClockName | null;
  /** Time left on that clock (negative when overdue); null when finished. */
  leftMs: number | null;
  /** When that clock is due (only while running; a paused clock has no due time). */
  dueAt: number | null;
};

type SlaTicket = Pick<Ticket, 'status' | 'firstResponseAt' | 'sla'>;

type Candidate = { clock: SlaClockName; targetMs: number; leftMs: number; dueAt: number | null; warnedAt: number | null };

/**
 * Reads a ticket's SLA clocks (the server's `ticket.sla`) at `now`, the console's clock.
 *
 * Whose word counts:
 * - A breach the server recorded (firstResponseBreachedAt / resolutionBreachedAt) always wins:
 *   "breached", whatever the local clock says and whatever the status is now.
 * - A warning the server recorded for the clock shown (…WarnedAt) makes it "warning" even when
 *   the local estimate is still green: only the server knows the business calendar.
 * - Otherwise the local clock decides: past the due time is "overdue" (the server records the
 *   breach a moment later); with at most 20% of the target left it is "warning". Without the
 *   calendar, time left is wall-clock time to the due instant, which is never less than the
 *   business time left, so the local estimate can only turn amber later than the server, never
 *   sooner.
 * Paused clocks (Waiting, Hold, or a status change not yet synced) show the business time left
 * as banked by the server: target − elapsedMs. Fixed and Closed read "met", Canceled "stopped".
 */
export function readSla(ticket: SlaTicket, now: number): SlaReading {
  const breached = ticket.sla.firstResponseBreachedAt !== null || ticket.sla.resolutionBreachedAt !== null;
  const finished = ticket.status === 'fixed' || ticket.status === 'closed' || ticket.status === 'canceled';
  if (finished) {
    const state = breached ? 'breached' : ticket.status === 'canceled' ? 'stopped' : 'met';
    return { state, phase: 'finished', clock: null, leftMs: null, dueAt: null };
  }

  const running = ticket.sla.runningSince !== null && isSlaRunning(ticket.status);
  const nearest = nearestClock(ticket, running, now);
  const phase: SlaPhase = running ? 'running' : 'paused';
  const base = { phase, clock: nearest.clock, leftMs: nearest.leftMs, dueAt: nearest.dueAt };
  if (breached) return { state: 'breached', ...base };
  if (!running) return { state: 'paused', ...base };
  if (nearest.leftMs <= 0) return { state: 'overdue', ...base };
  const usedShare = (nearest.targetMs - nearest.leftMs) / nearest.targetMs;
  const warned = nearest.warnedAt !== null || usedShare >= SLA_WARNING_SHARE;
  return { state: warned ? 'warning' : 'ok', ...base };
}

function nearestClock(ticket: SlaTicket, running: boolean, now: number): Candidate {
  const { sla } = ticket;
  const candidates: Candidate[] = [];
  const add = (clock: SlaClockName, targetMs: number, dueAt: number | null, warnedAt: number | null) => {
    // A running clock counts down to its due instant; a paused (or not yet resumed) one holds what is left of the target.
    const leftMs = running && dueAt !== null ? dueAt - now : targetMs - sla.elapsedMs;
    candidates.push({ clock, targetMs, leftMs, dueAt: running ? dueAt : null, warnedAt });
  };
  if (ticket.firstResponseAt === null) add('first_response', sla.firstResponseTargetMs, sla.firstResponseDueAt, sla.firstResponseWarnedAt);
  add('resolution', sla.resolutionTargetMs, sla.resolutionDueAt, sla.resolutionWarnedAt);
  return candidates.reduce((nearer, candidate) => (candidate.leftMs < nearer.leftMs ? candidate : nearer));
}

const PHASE_ORDER: Record<SlaPhase, number> = { running: 0, paused: 1, finished: 2 };

/**
 * Orders for the "Time left" sort: running clocks first, least time left (most overdue) on top,
 * then paused ones by time left, then finished tickets. Equal keys return 0, so a stable sort
 * keeps the session's priority order among them.
 */
export function compareByTimeLeft(a: SlaReading, b: SlaReading): number {
  return PHASE_ORDER[a.phase] - PHASE_ORDER[b.phase] || (a.leftMs ?? 0) - (b.leftMs ?? 0);
}

/** The queue in "Time left" order, reading every ticket at the same `now`. Does not touch `tickets`. */
export function sortByTimeLeft<T extends SlaTicket>(tickets: readonly T[], now: number): T[] {
  const readings = new Map(tickets.map((ticket) => [ticket, readSla(ticket, now)]));
  return [...tickets].sort((a, b) => compareByTimeLeft(readings.get(a) as SlaReading, readings.get(b) as SlaReading));
}

/** The indicator's colour: green, amber, red, or grey for clocks that are not counting. */
export type SlaTone = 'green' | 'amber' | 'red' | 'grey';

export function slaTone(state: SlaIndicatorState): SlaTone {
  if (state === 'ok') return 'green';
  if (state === 'warning') return 'amber';
  if (state === 'overdue' || state === 'breached') return 'red';
  return 'grey';
}
