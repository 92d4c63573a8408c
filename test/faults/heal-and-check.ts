import { current } from '../support/test-desk';
import { ConsoleWatch, differences, type ConsoleHoldings } from './console-state';
import type { FaultModel } from './fault-commands';
import type { AgentSeat, FaultWorld } from './fault-world';
import { findViolations, type FinalState } from './invariants';
import { readServerRecords, serverPulls, type AgentView, type ServerPulls } from './server-view';

/** The promise of the issue: a console equals the server within this long after it reconnected. */
export const CONVERGENCE_LIMIT_MS = 5_000;
/**
 * How long a console may take to reconnect by itself once its server is back: socket.io's
 * backoff waits at most 5 s (reconnectionDelayMax) plus half of that as jitter, and the
 * handshake itself runs on a loaded machine.
 */
const RECONNECT_LIMIT_MS = 15_000;
const POLL_MS = 100;

/** A failed run: what broke, for the report (the journal of the run is added by the runner). */
export class FaultViolation extends Error {}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Heals everything (PostgreSQL and Redis up, every server started, every network restored),
 * waits for every console to reconnect by itself and converge, and checks every invariant on
 * one consistent final state. Throws a FaultViolation naming each broken promise.
 */
export async function healAndCheck(model: FaultModel, world: FaultWorld): Promise<void> {
  world.stats.checkpoints++;
  world.note('heal: bringing everything back');
  const { postgres, redis } = world.infrastructure;
  if (postgres && !postgres.running) world.stats.postgresRestarts++;
  if (redis && !redis.running) world.note('heal: Redis starts again');
  await world.infrastructure.revive();
  model.redisUp = true;
  model.postgresUp = true;
  for (const [index, server] of world.servers.entries()) {
    if (!server.running) await server.start();
    model.servers[index] = 'up';
  }
  for (const seat of world.seats) {
    if (!seat.cut) continue;
    seat.cut = false;
    model.cut[seat.index] = false;
    seat.desk.socket.connect();
  }
  const healedAt = performance.now();
  const watches = new Map(world.seats.map((seat) => [seat, new ConsoleWatch(seat)]));
  const pulls = serverPulls();
  try {
    await converge(world, pulls, watches, healedAt);
    const final = await settledState(world, pulls, watches);
    const violations = findViolations(world, final);
    if (violations.length) throw new FaultViolation(`${violations.length} invariant(s) broken:\n  - ${violations.slice(0, 40).join('\n  - ')}`);
    world.note('heal: converged, every invariant holds');
  } finally {
    pulls.close();
    watches.forEach((watch) => watch.stop());
  }
}

/** Consoles not connected yet: a violation once they have had long enough to reconnect by themselves. */
async function checkReconnects(seats: AgentSeat[], healedAt: number): Promise<AgentSeat[]> {
  const down = seats.filter((seat) => !seat.desk.socket.connected);
  if (down.length && performance.now() - healedAt > RECONNECT_LIMIT_MS) {
    const states = await Promise.all(down.map(async (seat) => `${seat.agent.name} (refusal: ${(await current(seat.desk.connection$)).refusal ?? 'none'})`));
    throw new FaultViolation(`consoles did not reconnect by themselves within ${RECONNECT_LIMIT_MS / 1000} s of their server being back: ${states.join(', ')}`);
  }
  return down;
}

/** The server's view for every console's agent, read through the console's own server. */
async function viewsOf(world: FaultWorld, pulls: ServerPulls): Promise<Map<AgentSeat, AgentView>> {
  const views = new Map<AgentSeat, AgentView>();
  for (const seat of world.seats) views.set(seat, await pulls.viewOf(seat.agent, world.serverOf(seat).url));
  return views;
}

/**
 * Polls from the moment everything is back until every console has equalled the server's view
 * once; each must, within the limit of its own reconnect (consoles reconnect at their own pace).
 */
async function converge(world: FaultWorld, pulls: ServerPulls, watches: Map<AgentSeat, ConsoleWatch>, healedAt: number): Promise<void> {
  const waiting = new Set(world.seats);
  const lastDifferences = new Map<AgentSeat, string[]>();
  for (;;) {
    const offline = new Set(await checkReconnects([...waiting], healedAt));
    const views = await viewsOf(world, pulls);
    for (const seat of [...waiting]) {
      if (offline.has(seat) || !seat.desk.socket.connected) continue;
      const view = views.get(seat)!;
      const watch = watches.get(seat)!;
      watch.follow([...view.messages.keys(), ...view.tombstones]);
      await watch.ready();
      const found = differences(seat, watch.holdings(), view);
      const since = Math.max(healedAt, seat.lastConnectAt);
      if (found.length === 0) {
        const tookMs = performance.now() - since;
        world.stats.convergenceMs.push(tookMs);
        waiting.delete(seat);
        if (tookMs > 1_000) world.note(`${seat.agent.name}: converged after ${tookMs.toFixed(0)} ms; last seen before: ${(lastDifferences.get(seat) ?? []).slice(0, 3).join('; ')}`);
        if (tookMs > CONVERGENCE_LIMIT_MS) {
          throw new FaultViolation(`${seat.agent.name}'s console converged only ${(tookMs / 1000).toFixed(1)} s after reconnecting (limit ${CONVERGENCE_LIMIT_MS / 1000} s); before, it differed:\n  - ${(lastDifferences.get(seat) ?? []).slice(0, 15).join('\n  - ')}`);
        }
      } else {
        lastDifferences.set(seat, found);
        if (performance.now() - since > CONVERGENCE_LIMIT_MS) {
          throw new FaultViolation(`${seat.agent.name}'s console did not converge within ${CONVERGENCE_LIMIT_MS / 1000} s of reconnecting:\n  - ${found.slice(0, 15).join('\n  - ')}`);
        }
      }
    }
    if (waiting.size === 0) return;
    await sleep(POLL_MS);
  }
}

/**
 * One state in which every console equals the server at once (routing may still hand out a
 * waiting ticket just after the last console converged, so poll briefly for it).
 */
async function settledState(world: FaultWorld, pulls: ServerPulls, watches: Map<AgentSeat, ConsoleWatch>): Promise<FinalState> {
  const startedAt = performance.now();
  for (;;) {
    const views = await viewsOf(world, pulls);
    const holdings = new Map<AgentSeat, ConsoleHoldings>();
    const found: string[] = [];
    for (const seat of world.seats) {
      const view = views.get(seat)!;
      const watch = watches.get(seat)!;
      watch.follow([...view.messages.keys(), ...views.get(world.adminSeat)!.tickets.keys()]);
      await watch.ready();
      const held = watch.holdings();
      holdings.set(seat, held);
      found.push(...differences(seat, held, view));
    }
    if (found.length === 0) {
      // Read after the views: a write the views had not seen yet would show as a phantom record.
      const records = await readServerRecords(world.store);
      const recheck = await viewsOf(world, pulls);
      if (sameViews(views, recheck)) return { views, holdings, records, groups: await world.groupsNow() };
    } else if (performance.now() - startedAt > CONVERGENCE_LIMIT_MS) {
      throw new FaultViolation(`the consoles did not hold still together for one consistent check:\n  - ${found.slice(0, 15).join('\n  - ')}`);
    }
    await sleep(POLL_MS);
  }
}

const sameViews = (a: Map<AgentSeat, AgentView>, b: Map<AgentSeat, AgentView>) =>
  [...a].every(([seat, view]) => {
    const other = b.get(seat)!;
    return view.tickets.size === other.tickets.size && [...view.tickets].every(([id, ticket]) => other.tickets.get(id)?.version === ticket.version) && countMessages(view) === countMessages(other);
  });
const countMessages = (view: AgentView) => [...view.messages.values()].reduce((sum, list) => sum + list.length, 0);
