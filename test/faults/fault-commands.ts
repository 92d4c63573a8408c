import fc from 'fast-check';
import { TICKET_TYPES } from '../../core';
import { GROUP_NAMES, type GroupName } from './desk-team';
import { INTENT_KINDS, intentFor, type IntentChoice } from './agent-intents';
import type { Acknowledgement, FaultWorld } from './fault-world';
import { healAndCheck } from './heal-and-check';
import { httpJson } from './http';

/** What the commands need to know of the system to choose sensibly: what is up, what is cut. */
export type FaultModel = {
  servers: ('up' | 'down')[];
  scaleOut: boolean;
  redisUp: boolean;
  postgresUp: boolean;
  /** Per console: its network was cut by the run. */
  cut: boolean[];
};

export const initialModel = (servers: number, consoles: number): FaultModel => ({
  servers: Array.from({ length: servers }, () => 'up'),
  scaleOut: servers > 1,
  redisUp: true,
  postgresUp: true,
  cut: Array.from({ length: consoles }, () => false),
});

type FaultCommand = fc.AsyncCommand<FaultModel, FaultWorld>;

/** 201: written. A 4xx refused it (nothing may exist); a 5xx failed somewhere unknown (at most once). */
const acknowledgementOf = (status: number): Acknowledgement => (status === 201 ? 'acknowledged' : status < 500 ? 'refused' : 'unknown');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A customer registers a ticket over HTTP (a web form), for a group by its tag, or for General. */
class Intake implements FaultCommand {
  constructor(readonly group: GroupName, readonly type: number, readonly via: number) {}
  check = () => true;
  async run(_model: FaultModel, world: FaultWorld) {
    world.count('intake');
    const server = world.servers[this.via % world.servers.length]!;
    const subject = world.nextLabel('Intake');
    const tag = world.team.groups[this.group].tag;
    const body = { subject, body: `${subject}: it broke`, requester: { email: `customer.${world.runTag}@faults.test`, name: 'Cleo Customer' }, type: TICKET_TYPES[this.type % TICKET_TYPES.length], ...(tag ? { tags: [tag] } : {}) };
    try {
      const answer = await httpJson(server.url, 'POST', '/api/tickets', { body, timeoutMs: 8_000 });
      const state = acknowledgementOf(answer.status);
      world.intakes.push({ subject, state, id: answer.body?.id, number: answer.body?.number, accessKey: answer.body?.accessKey });
      world.note(`intake "${subject}" → ${answer.status}${answer.status === 201 ? ` #${answer.body.number}` : ''}`);
    } catch (error) {
      world.intakes.push({ subject, state: 'unknown' });
      world.note(`intake "${subject}" → no answer (${(error as Error).message})`);
    }
  }
  toString = () => `Intake(${this.group}, type ${this.type}, via ${this.via})`;
}

/** The requester of an acknowledged ticket writes again with its access key. */
class CustomerWrites implements FaultCommand {
  constructor(readonly pick: number, readonly via: number) {}
  check = () => true;
  async run(_model: FaultModel, world: FaultWorld) {
    world.count('customer');
    const known = world.intakes.filter((intake) => intake.state === 'acknowledged');
    const ticket = known[this.pick % Math.max(known.length, 1)];
    if (!ticket) return;
    const server = world.servers[this.via % world.servers.length]!;
    const body = world.nextLabel('Customer says');
    try {
      const answer = await httpJson(server.url, 'POST', `/api/tickets/${ticket.number}/customer-messages`, { body: { body }, headers: { 'x-access-key': ticket.accessKey! }, timeoutMs: 8_000 });
      world.customerMessages.push({ body, number: ticket.number!, state: acknowledgementOf(answer.status) });
      world.note(`customer writes on #${ticket.number} "${body}" → ${answer.status}`);
    } catch (error) {
      world.customerMessages.push({ body, number: ticket.number!, state: 'unknown' });
      world.note(`customer writes on #${ticket.number} → no answer (${(error as Error).message})`);
    }
  }
  toString = () => `CustomerWrites(pick ${this.pick}, via ${this.via})`;
}

/** An agent acts in their console, on a ticket it shows; online or not, it goes into the outbox. */
class AgentActs implements FaultCommand {
  constructor(readonly seat: number, readonly choice: IntentChoice) {}
  check = () => true;
  async run(_model: FaultModel, world: FaultWorld) {
    world.count('intent');
    const seat = world.seats[this.seat % world.seats.length]!;
    const intent = intentFor(seat, await world.localTickets(seat), world.team, this.choice, world.nextLabel('intent'));
    if (!intent) return;
    await seat.desk.record(intent);
    world.note(`${seat.agent.name} records ${intent.type} ${JSON.stringify(intent.payload).slice(0, 80)} on ${intent.ticketId.slice(0, 8)}`);
  }
  toString = () => `AgentActs(console ${this.seat}, ${this.choice.kind}, pick ${this.choice.pick}, arg ${this.choice.arg})`;
}

/** The agent's network goes away (the socket is cut; the console keeps working offline). */
class CutNetwork implements FaultCommand {
  constructor(readonly seat: number) {}
  check = (model: Readonly<FaultModel>) => !model.cut[this.seat];
  async run(model: FaultModel, world: FaultWorld) {
    world.count('cut');
    model.cut[this.seat] = true;
    const seat = world.seats[this.seat]!;
    seat.cut = true;
    seat.desk.socket.disconnect();
    world.note(`${seat.agent.name}: network cut`);
  }
  toString = () => `CutNetwork(console ${this.seat})`;
}

class RestoreNetwork implements FaultCommand {
  constructor(readonly seat: number) {}
  check = (model: Readonly<FaultModel>) => model.cut[this.seat] === true;
  async run(model: FaultModel, world: FaultWorld) {
    world.count('restore');
    model.cut[this.seat] = false;
    const seat = world.seats[this.seat]!;
    seat.cut = false;
    seat.desk.socket.connect();
    world.note(`${seat.agent.name}: network back`);
  }
  toString = () => `RestoreNetwork(console ${this.seat})`;
}

/** SIGKILL a server process (or, `all`, every one at once: the whole server tier) at an arbitrary moment. */
class KillServer implements FaultCommand {
  constructor(readonly server: number | 'all') {}
  check = (model: Readonly<FaultModel>) => (this.server === 'all' ? model.servers.includes('up') : model.servers[this.server] === 'up');
  async run(model: FaultModel, world: FaultWorld) {
    world.count('kill');
    const victims = this.server === 'all' ? world.servers.map((_, index) => index) : [this.server];
    for (const index of victims) world.servers[index]!.killNow();
    for (const index of victims) {
      await world.servers[index]!.kill();
      model.servers[index] = 'down';
    }
    world.stats.serverKills += victims.length;
    world.note(`server ${this.server}: SIGKILL`);
  }
  toString = () => `KillServer(${this.server})`;
}

/**
 * SIGKILL the console's server (or, `everyServer`, all of them) `delayMs` after the console's
 * next `mutations:push` left it (the agent writes a note to cause one): before the server read
 * it, inside its transaction, or after the commit and before the answer arrived.
 */
class KillMidPush implements FaultCommand {
  constructor(readonly seat: number, readonly delayMs: number, readonly everyServer: boolean) {}
  check = (model: Readonly<FaultModel>) => !model.cut[this.seat] && model.servers[this.seat % model.servers.length] === 'up';
  async run(model: FaultModel, world: FaultWorld) {
    world.count('killMidPush');
    const seat = world.seats[this.seat]!;
    const victims = this.everyServer ? world.servers.filter((server) => server.running) : [world.serverOf(seat)];
    const killAll = () => victims.forEach((server) => server.killNow());
    for (let waited = 0; !seat.desk.socket.connected && waited < 3_000; waited += 50) await sleep(50);
    let firedAt: number | null = null;
    const onOutgoing = (event: string) => {
      if (event !== 'mutations:push' || firedAt !== null) return;
      firedAt = performance.now();
      if (this.delayMs === 0) killAll();
      else setTimeout(killAll, this.delayMs);
    };
    seat.desk.socket.onAnyOutgoing(onOutgoing);
    try {
      const tickets = await world.localTickets(seat);
      const ticket = tickets[this.delayMs % Math.max(tickets.length, 1)];
      if (ticket) await seat.desk.record({ ticketId: ticket.id, type: 'note', payload: { body: world.nextLabel('note before the crash') } });
      for (let waited = 0; firedAt === null && waited < 2_000; waited += 10) await sleep(10);
    } finally {
      seat.desk.socket.offAnyOutgoing(onOutgoing);
    }
    if (firedAt === null) killAll();
    else await sleep(this.delayMs);
    for (const server of victims) {
      await server.kill();
      model.servers[world.servers.indexOf(server)] = 'down';
    }
    world.stats.serverKills += victims.length;
    if (firedAt !== null) world.stats.killsMidPush++;
    const which = this.everyServer ? 'every server' : `server ${seat.serverIndex}`;
    world.note(`${which}: SIGKILL ${firedAt === null ? '(no push went out in time)' : `${this.delayMs} ms after ${seat.agent.name}'s push left`}`);
  }
  toString = () => `KillMidPush(console ${this.seat}, +${this.delayMs} ms${this.everyServer ? ', every server' : ''})`;
}

/** Start a killed server again, on the same port and data: its consoles reconnect by themselves. */
class RestartServer implements FaultCommand {
  constructor(readonly server: number) {}
  // A scale-out server cannot start without its Redis and its database.
  check = (model: Readonly<FaultModel>) => model.servers[this.server] === 'down' && (!model.scaleOut || (model.redisUp && model.postgresUp));
  async run(model: FaultModel, world: FaultWorld) {
    world.count('restart');
    await world.servers[this.server]!.start();
    model.servers[this.server] = 'up';
    world.note(`server ${this.server}: started again`);
  }
  toString = () => `RestartServer(${this.server})`;
}

/** Time passes: consoles sync, retry, reconnect meanwhile. */
class Pause implements FaultCommand {
  constructor(readonly ms: number) {}
  check = () => true;
  async run(_model: FaultModel, world: FaultWorld) {
    world.count('pause');
    await sleep(this.ms);
  }
  toString = () => `Pause(${this.ms} ms)`;
}

class KillRedis implements FaultCommand {
  check = (model: Readonly<FaultModel>) => model.scaleOut && model.redisUp;
  async run(model: FaultModel, world: FaultWorld) {
    world.count('killRedis');
    model.redisUp = false;
    await world.infrastructure.redis!.kill();
    world.stats.redisKills++;
    world.note('redis: SIGKILL');
  }
  toString = () => 'KillRedis';
}

class RestartRedis implements FaultCommand {
  check = (model: Readonly<FaultModel>) => model.scaleOut && !model.redisUp;
  async run(model: FaultModel, world: FaultWorld) {
    world.count('restartRedis');
    await world.infrastructure.redis!.start();
    model.redisUp = true;
    world.note('redis: started again (empty)');
  }
  toString = () => 'RestartRedis';
}

/** PostgreSQL goes down (a crash, or a clean shutdown); the servers keep running without it until StartPostgres. */
class StopPostgres implements FaultCommand {
  constructor(readonly mode: 'fast' | 'immediate') {}
  check = (model: Readonly<FaultModel>) => model.scaleOut && model.postgresUp;
  async run(model: FaultModel, world: FaultWorld) {
    world.count('stopPostgres');
    model.postgresUp = false;
    await world.infrastructure.postgres!.stop(this.mode);
    world.note(`postgres: stopped (${this.mode})`);
  }
  toString = () => `StopPostgres(${this.mode})`;
}

class StartPostgres implements FaultCommand {
  check = (model: Readonly<FaultModel>) => model.scaleOut && !model.postgresUp;
  async run(model: FaultModel, world: FaultWorld) {
    world.count('startPostgres');
    await world.infrastructure.postgres!.start();
    model.postgresUp = true;
    world.stats.postgresRestarts++;
    world.note('postgres: started again');
  }
  toString = () => 'StartPostgres';
}

/** Everything back up, every console online; then every invariant is checked (as after the run). */
class Checkpoint implements FaultCommand {
  check = () => true;
  async run(model: FaultModel, world: FaultWorld) {
    world.count('checkpoint');
    await healAndCheck(model, world);
  }
  toString = () => 'Checkpoint';
}

/**
 * The command mix, weighted: mostly work, some network cuts, and faults now and then. Scale-out
 * kills single processes and Redis too with `relayFaults` (the default; see fault-settings.ts),
 * the faults that lose relayed changes; without it, only the whole server tier at once.
 */
export function faultCommands(consoles: number, servers: number, options: { relayFaults: boolean }): fc.Arbitrary<FaultCommand> {
  const seat = fc.nat({ max: consoles - 1 });
  const scaleOut = servers > 1;
  const singleKills = !scaleOut || options.relayFaults;
  const server = fc.nat({ max: servers - 1 });
  const killed: fc.Arbitrary<number | 'all'> = singleKills ? (scaleOut ? fc.oneof(server, fc.constant('all' as const)) : server) : fc.constant('all' as const);
  const choice = fc.record({ kind: fc.constantFrom(...INTENT_KINDS), pick: fc.nat({ max: 1_000 }), arg: fc.nat({ max: 1_000 }) });
  const arbitraries: fc.WeightedArbitrary<FaultCommand>[] = [
    { weight: 30, arbitrary: fc.tuple(seat, choice).map(([index, picked]) => new AgentActs(index, picked)) },
    { weight: 8, arbitrary: fc.tuple(fc.constantFrom(...GROUP_NAMES), fc.nat({ max: 3 }), server).map(([group, type, via]) => new Intake(group, type, via)) },
    { weight: 4, arbitrary: fc.tuple(fc.nat({ max: 1_000 }), server).map(([pick, via]) => new CustomerWrites(pick, via)) },
    { weight: 5, arbitrary: seat.map((index) => new CutNetwork(index)) },
    { weight: 5, arbitrary: seat.map((index) => new RestoreNetwork(index)) },
    { weight: 8, arbitrary: fc.integer({ min: 50, max: 700 }).map((ms) => new Pause(ms)) },
    { weight: 3, arbitrary: killed.map((index) => new KillServer(index)) },
    { weight: 4, arbitrary: fc.tuple(seat, fc.integer({ min: 0, max: 40 }), singleKills ? fc.boolean() : fc.constant(true)).map(([index, delay, every]) => new KillMidPush(index, delay, scaleOut && every)) },
    { weight: 6, arbitrary: server.map((index) => new RestartServer(index)) },
    { weight: 1, arbitrary: fc.constant(new Checkpoint()) },
  ];
  if (scaleOut) {
    if (options.relayFaults) arbitraries.push({ weight: 2, arbitrary: fc.constant(new KillRedis()) }, { weight: 4, arbitrary: fc.constant(new RestartRedis()) });
    arbitraries.push(
      { weight: 2, arbitrary: fc.constantFrom('fast' as const, 'immediate' as const).map((mode) => new StopPostgres(mode)) },
      { weight: 4, arbitrary: fc.constant(new StartPostgres()) },
    );
  }
  return fc.oneof(...arbitraries);
}
