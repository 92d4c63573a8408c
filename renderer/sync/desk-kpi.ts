import { Observable } from 'rxjs';
import type { KpiLiveSnapshot, KpiUpdate, Role } from '../../core';
import { request, type DeskSocket } from './desk-socket';

/**
 * Live KPIs for supervisors and admins: subscribe on every connect (a fresh snapshot, so a
 * reconnect never keeps figures that went stale offline), then fold `kpi:update` deltas in.
 * Emits null until the first snapshot and while offline. Agents get null: the server refuses them.
 */
export function liveKpi(socket: DeskSocket, role: Role): Observable<KpiLiveSnapshot | null> {
  return new Observable<KpiLiveSnapshot | null>((subscriber) => {
    let current: KpiLiveSnapshot | null = null;
    const emit = (snapshot: KpiLiveSnapshot | null) => {
      current = snapshot;
      subscriber.next(snapshot);
    };
    emit(null);
    if (role === 'agent') return () => undefined;

    const subscribe = () => {
      request(socket, (timed) => timed.emitWithAck('kpi:subscribe', {}))
        .then((response) => response.ok && emit(response.snapshot))
        .catch(() => undefined); // offline again: the next connect subscribes anew
    };
    const onUpdate = (update: KpiUpdate) => {
      if (update.kind === 'snapshot') emit(update.snapshot);
      else if (current !== null) emit(applyKpiDelta(current, update));
    };
    const onDisconnect = () => emit(null);
    socket.on('connect', subscribe);
    socket.on('disconnect', onDisconnect);
    socket.on('kpi:update', onUpdate);
    if (socket.connected) subscribe();

    return () => {
      socket.off('connect', subscribe);
      socket.off('disconnect', onDisconnect);
      socket.off('kpi:update', onUpdate);
      if (socket.connected) request(socket, (timed) => timed.emitWithAck('kpi:unsubscribe', {})).catch(() => undefined);
    };
  });
}

/** A delta replaces agents by id and teams by group and line; agents that left the scope go. */
export function applyKpiDelta(snapshot: KpiLiveSnapshot, delta: Extract<KpiUpdate, { kind: 'delta' }>): KpiLiveSnapshot {
  const changedAgents = new Map(delta.agents.map((agent) => [agent.agentId, agent]));
  const removed = new Set(delta.removedAgentIds);
  const agents = snapshot.agents.filter((agent) => !removed.has(agent.agentId) && !changedAgents.has(agent.agentId));
  const teamKey = (team: { groupId: string; level: number }) => `${team.groupId}/${team.level}`;
  const changedTeams = new Map(delta.teams.map((team) => [teamKey(team), team]));
  const teams = snapshot.teams.filter((team) => !changedTeams.has(teamKey(team)));
  return {
    ...snapshot,
    at: delta.at,
    agents: [...agents, ...changedAgents.values()].sort((a, b) => a.name.localeCompare(b.name)),
    teams: [...teams, ...changedTeams.values()].sort((a, b) => teamKey(a).localeCompare(teamKey(b))),
    team: delta.team,
  };
}
