import type { PushSettings } from './push';
import type { IntakeRun } from './push-load';
import type { PhaseVerdict } from './push-verdict';
import { distributionLine, mib, ms, percentile, seconds } from './report';

export type ChurnStats = {
  drops: number;
  outageMs: { min: number; max: number };
  connectMs: number[];
  pullMs: number[];
  pulledDocuments: number[];
  /** Consoles that needed more than one connection attempt to come back. */
  retried: number;
  failures: string[];
};

/** What one phase measured, for printing and for the pass/fail verdict. */
export type PhaseRun = {
  intake: IntakeRun;
  verdict: PhaseVerdict;
  /** False when the wait for straggling pushes timed out. */
  settled: boolean;
  /** Per ticket: its assigned version's arrival in the sync stream at the first and last console. */
  streamSpreads: { assignedAt: number; first: number; last: number }[];
  churn: ChurnStats | null;
  unplannedDrops: { agentId: string; reason: string }[];
  reconnectFailures: string[];
  server: { rssBefore: number; rssPeak: number; rssAfter: number; cpuMs: number; wallMs: number };
  /** p50, p99, max of this process's event-loop delay, in ms. */
  benchLoopDelayMs: [number, number, number];
};

const WIDTH = 40;
const verdictLine = (label: string, ok: boolean, note = '') => console.log(`${label.padEnd(WIDTH)} ${ok ? 'PASS' : 'FAIL'}${note}`);

export function printPhase(title: string, run: PhaseRun, settings: PushSettings): void {
  const { intake, verdict, churn } = run;
  const created = intake.posted.filter((entry) => entry.outcome === 'created');
  const failed = intake.posted.filter((entry) => entry.outcome === 'failed');
  const unsent = intake.posted.filter((entry) => entry.outcome === 'not_sent').length;
  const throughput = created.length / ((intake.endedAt - intake.startedAt) / 1000);
  const lateness = intake.posted.map((entry) => entry.issuedAt - entry.dueAt);

  console.log(`--- ${title} ${'-'.repeat(Math.max(3, 74 - title.length))}`);
  console.log(
    `intake: ${intake.posted.length} offered at ${settings.rate}/s over ${seconds(intake.scheduleEndedAt - intake.startedAt)}; ${created.length} created (201), ` +
      `${unsent} never sent (still queued ${settings.drainSeconds} s after the schedule ended), ${failed.length} failed` +
      `${failed[0] ? ` (first: ${failed[0].status} ${failed[0].error})` : ''}`,
  );
  const saturated = unsent > 0 || throughput < 0.95 * settings.rate;
  console.log(
    `throughput: ${throughput.toFixed(1)} tickets/s created (first due → last 201 in ${seconds(intake.endedAt - intake.startedAt)})` +
      (saturated ? `: SATURATED, the server took ${((throughput / settings.rate) * 100).toFixed(0)}% of the offered ${settings.rate}/s` : ''),
  );
  console.log(
    `generator: issued behind schedule p99 ${ms(percentile(lateness, 99))}, max ${ms(Math.max(...lateness))}; at most ${settings.httpConnections} HTTP connections`,
  );
  console.log(distributionLine('due → 201 (open loop, queueing incl.)', created.map((entry) => entry.answeredAt - entry.dueAt), WIDTH));
  console.log(distributionLine('assignedAt → push at the assignee', verdict.latencies, WIDTH));
  // The server emits the assigned ticket to every console that may see it, one by one, before it pushes.
  console.log(distributionLine('assignedAt → sync:changed, 1st console', run.streamSpreads.map((spread) => spread.first - spread.assignedAt), WIDTH));
  console.log(distributionLine('assignedAt → sync:changed, last console', run.streamSpreads.map((spread) => spread.last - spread.assignedAt), WIDTH));
  if (churn) {
    console.log(
      `churn: ${churn.drops} consoles dropped (${(settings.dropShare * 100).toFixed(0)}% of ${settings.agents}) for ${churn.outageMs.min / 1000}-${churn.outageMs.max / 1000} s each; ` +
        `${churn.connectMs.length} reconnected and pulled (median ${percentile(churn.pulledDocuments, 50)} tickets each; ${churn.retried} needed more than one attempt), ` +
        `${churn.failures.length} failed${churn.failures[0] ? ` (first: ${churn.failures[0]})` : ''}`,
    );
    if (churn.connectMs.length) {
      console.log(distributionLine('reconnect: socket connected (all tries)', churn.connectMs, WIDTH));
      console.log(distributionLine('reconnect: then sync:pull done', churn.pullMs, WIDTH));
    }
  }
  if (run.unplannedDrops.length || run.reconnectFailures.length) {
    const reasons = new Map<string, number>();
    run.unplannedDrops.forEach((drop) => reasons.set(drop.reason, (reasons.get(drop.reason) ?? 0) + 1));
    console.log(
      `UNPLANNED: ${run.unplannedDrops.length} connections closed by the server or transport (${[...reasons].map(([reason, count]) => `${count}× ${reason}`).join(', ')}); ` +
        `they reconnect after 1 s and pull; ${run.reconnectFailures.length} reconnects failed${run.reconnectFailures[0] ? ` (first: ${run.reconnectFailures[0]})` : ''}`,
    );
  }
  console.log(
    `assigned ${verdict.assigned} of ${verdict.tickets}; still waiting unassigned: ${verdict.waiting}; ` +
      `delivered live ${verdict.live}, recovered after reconnect ${verdict.recovered}`,
  );
  verdictLine(`lost: ${verdict.lost.length}`, verdict.lost.length === 0, run.settled ? '' : ' (the wait for stragglers timed out)');
  for (const lost of verdict.lost.slice(0, 5)) {
    console.log(
      `  lost ticket ${lost.ticketId} → agent ${lost.assigneeId}: ${lost.assigneeDropped ?? 'connection never dropped'}; ` +
        `${lost.seenInStream ? 'its sync stream showed the assignment' : 'not in its sync stream either'}`,
    );
  }
  const misdelivered = verdict.wrongRecipient + verdict.duplicate + verdict.pushedButUnassigned;
  verdictLine(
    `wrong recipient: ${verdict.wrongRecipient}, duplicate: ${verdict.duplicate}`,
    misdelivered === 0,
    verdict.pushedButUnassigned ? ` (+${verdict.pushedButUnassigned} pushes for tickets the server shows unassigned)` : '',
  );
  const { server } = run;
  console.log(
    `server: RSS ${mib(server.rssBefore)} before, ${mib(server.rssPeak)} peak (sampled every 500 ms), ${mib(server.rssAfter)} after; ` +
      `CPU ${((server.cpuMs / server.wallMs) * 100).toFixed(0)}% of one core over ${seconds(server.wallMs)}`,
  );
  const [p50, p99, max] = run.benchLoopDelayMs;
  console.log(`bench process (all ${settings.agents} clients): event-loop delay p50 ${ms(p50)}, p99 ${ms(p99)}, max ${ms(max)}; RSS ${mib(process.memoryUsage().rss)}`);
  console.log('');
}
