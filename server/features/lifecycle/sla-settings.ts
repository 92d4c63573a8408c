import type { SlaSettings } from '../../../core';
import { saveSlaSettings } from '../../store/settings-repository';
import type { CommitPath } from '../tickets/commit-path';

/**
 * New SLA targets and calendar, through the commit path. They apply to new tickets and to tickets
 * whose priority changes (running clocks keep theirs); the calendar's time zone decides where
 * "today" starts for the live KPIs, so they reload.
 */
export function changeSlaSettings(commits: CommitPath, settings: SlaSettings): Promise<void> {
  return commits.commit(async (trx, now) => {
    await saveSlaSettings(trx, settings, now);
    return { value: undefined, teamChanged: true };
  });
}
