import type { AgentLiveKpi, KpiLiveSnapshot, TeamLiveKpi } from '../../core';
import { CostPacer } from '../limits/cost-pacer';
import type { Logger } from '../logger';
import type { ChangeFeed } from '../sync/change-feed';
import type { DeskSocket } from './socket-types';
import type { PresenceTracker } from '../features/presence/presence-tracker';
import type { LiveKpi } from '../features/kpi/live-kpi';
import { agentView, scopedTeamKeys, scopeKey, scopeOf, snapshotFor, teamView, totalsOf, type KpiScope } from '../features/kpi/kpi-view';

/**
 * Gathering adapts to the cost of an update (CostPacer): after a quiet spell an update goes out at
 * once; while changes keep coming, updates are spaced so that computing them takes at most a
 * tenth of the time, 25 to 200 ms apart (well inside the one-second promise). A fixed 200 ms
 * window was most of the supervisors' staleness.
 */
const UPDATE_PACING = { budget: 0.1, minMs: 25, maxMs: 200 };
/** Predicted breaches and the turn of the day depend on time alone. */
const TIME_TICK_MS = 30_000;

/**
 * Pushes `kpi:update` to subscribed supervisors and admins of this process: a snapshot when they
 * subscribe (or their scope changes, or the day turns), otherwise deltas of what changed, computed
 * once per scope. Every committed change and presence change reaches the live state; updates go
 * out as gathering allows (above) while something changes, and not at all while nothing does.
 */
export class KpiPublisher {
  private readonly subscribers = new Map<DeskSocket, string>();
  /** Per scope, the agents its viewers were last shown: only they can "leave" it in a delta. */
  private readonly shown = new Map<string, Set<string>>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private readonly pacer = new CostPacer(UPDATE_PACING);
  private readonly ticker: ReturnType<typeof setInterval>;
  private readonly detach: (() => void)[];

  constructor(
    private readonly live: LiveKpi,
    feed: ChangeFeed,
    presence: PresenceTracker,
    private readonly logger: Logger,
  ) {
    // Subscribed before the live state loads (it buffers changes meanwhile), so none is missed.
    this.detach = [
      feed.subscribe((change) => this.live.apply(change), { includeStale: true }),
      feed.onGap(() => this.live.resync().catch((error: unknown) => this.logger.error({ err: error }, 'could not reload the live KPIs after a gap'))),
      presence.onChange((change) => this.live.presenceChanged(change.agentId)),
      this.live.onDirty(() => this.schedule()),
    ];
    this.ticker = setInterval(() => void this.onTimeTick(), TIME_TICK_MS);
    this.ticker.unref();
  }

  /** Adds the socket to the audience; answers its current snapshot (of today, even just past midnight). */
  async subscribe(socket: DeskSocket): Promise<KpiLiveSnapshot> {
    await this.live.rollOverIfDue();
    const scope = scopeOf(socket.data.viewer);
    this.subscribers.set(socket, scopeKey(scope));
    return this.snapshot(scope);
  }

  unsubscribe(socket: DeskSocket): void {
    this.subscribers.delete(socket);
  }

  /** Agents, roles or memberships changed: the live state reloads them and every scope gets a snapshot. */
  teamChanged(): void {
    this.live.teamChanged().catch((error: unknown) => this.logger.error({ err: error }, 'could not reload the team for KPIs'));
  }

  stop(): void {
    this.detach.forEach((off) => off());
    clearInterval(this.ticker);
    if (this.timer) clearTimeout(this.timer);
  }

  private snapshot(scope: KpiScope): KpiLiveSnapshot {
    const snapshot = snapshotFor(this.live, scope);
    this.shown.set(scopeKey(scope), new Set(snapshot.agents.map((agent) => agent.agentId)));
    return snapshot;
  }

  private shownIn(scope: KpiScope): Set<string> {
    const key = scopeKey(scope);
    return this.shown.get(key) ?? this.shown.set(key, new Set()).get(key)!;
  }

  private async onTimeTick(): Promise<void> {
    try {
      await this.live.rollOverIfDue();
      this.live.markAllTeams();
    } catch (error) {
      this.logger.error({ err: error }, 'KPI day rollover failed');
    }
  }

  private schedule(): void {
    if (this.timer) return;
    const wait = this.pacer.waitMs();
    this.timer = setTimeout(() => {
      this.timer = null;
      // One flush at a time; changes arriving meanwhile schedule the next.
      this.flushing = this.flushing
        .then(() => this.timedFlush())
        .catch((error: unknown) => this.logger.error({ err: error }, 'could not publish KPI updates'));
    }, wait);
    this.timer.unref();
  }

  private async timedFlush(): Promise<void> {
    const done = this.pacer.begin();
    await this.flush();
    done();
  }

  private async flush(): Promise<void> {
    // Past midnight, yesterday's figures must not go out as today's.
    await this.live.rollOverIfDue();
    const dirt = this.live.takeDirt();
    if (this.subscribers.size === 0) return;
    const byScope = new Map<string, { scope: KpiScope; sockets: DeskSocket[]; reshaped: DeskSocket[] }>();
    for (const [socket, subscribedKey] of this.subscribers) {
      // Gone, or no longer a supervisor (a demotion also takes the right to watch).
      if (!socket.connected || socket.data.viewer.role === 'agent') {
        this.subscribers.delete(socket);
        continue;
      }
      const scope = scopeOf(socket.data.viewer);
      const key = scopeKey(scope);
      const entry = byScope.get(key) ?? { scope, sockets: [], reshaped: [] };
      // A viewer whose groups changed since subscribing needs the whole new picture.
      (dirt.reshaped || key !== subscribedKey ? entry.reshaped : entry.sockets).push(socket);
      this.subscribers.set(socket, key);
      byScope.set(key, entry);
    }
    const teamViews = new Map<string, TeamLiveKpi>();
    const teamOf = (key: string) => teamViews.get(key) ?? teamViews.set(key, teamView(this.live, key)).get(key)!;
    for (const { scope, sockets, reshaped } of byScope.values()) {
      if (reshaped.length > 0) {
        const snapshot = this.snapshot(scope);
        reshaped.forEach((socket) => socket.emit('kpi:update', { kind: 'snapshot', snapshot, oldestChangeAt: dirt.oldestChangeAt }));
      }
      if (sockets.length === 0 || (dirt.agents.size === 0 && dirt.teams.size === 0)) continue;
      const agents: AgentLiveKpi[] = [];
      const removedAgentIds: string[] = [];
      const shown = this.shownIn(scope);
      for (const agentId of dirt.agents) {
        const view = agentView(this.live, agentId, scope);
        if (view) {
          agents.push(view);
          shown.add(agentId);
        } else if (shown.delete(agentId)) {
          // Only an agent this scope was showing leaves it; others' work stays out of sight.
          removedAgentIds.push(agentId);
        }
      }
      const scoped = scopedTeamKeys(this.live, scope);
      const teams = scoped.filter((key) => dirt.teams.has(key)).map(teamOf);
      const update = { kind: 'delta' as const, at: this.live.now(), agents, removedAgentIds, teams, team: totalsOf(this.live, scoped.map(teamOf)), oldestChangeAt: dirt.oldestChangeAt };
      sockets.forEach((socket) => socket.emit('kpi:update', update));
    }
  }
}
