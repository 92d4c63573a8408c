import type { Logger } from '../../../logger';

/** What rspamd thinks of a mail, as an extra score for the desk's own rules. */
export type RspamdOpinion = { score: number; detail: string };

/** rspamd's actions that mean "this is spam" (greylist and no action do not). */
const SPAM_ACTIONS = new Set(['reject', 'soft reject', 'rewrite subject', 'add header']);
const TIMEOUT_MS = 5_000;

/**
 * Asks a real rspamd (TIERDESK_RSPAMD_URL, its normal worker, `POST /checkv2`) about a mail. When
 * rspamd's action says spam, the opinion is worth the desk's whole threshold (the mail is held);
 * otherwise nothing, with rspamd's score kept among the reasons. An rspamd that does not answer
 * leaves the decision to the desk's own rules: mail is never refused because a filter is down.
 */
export function rspamdChecker(url: string, logger: Logger) {
  const endpoint = `${url.replace(/\/+$/, '')}/checkv2`;
  return async (raw: Buffer, sender: string, threshold: number): Promise<RspamdOpinion | null> => {
    try {
      const response = await fetch(endpoint, { method: 'POST', body: new Uint8Array(raw), headers: { From: sender }, signal: AbortSignal.timeout(TIMEOUT_MS) });
      if (!response.ok) throw new Error(`rspamd answered ${response.status}`);
      const verdict = (await response.json()) as { score?: number; required_score?: number; action?: string; symbols?: Record<string, { score?: number }> };
      const action = String(verdict.action ?? 'no action');
      const top = Object.entries(verdict.symbols ?? {})
        .filter(([, symbol]) => (symbol.score ?? 0) > 0)
        .sort((a, b) => (b[1].score ?? 0) - (a[1].score ?? 0))
        .slice(0, 3)
        .map(([name]) => name);
      const detail = `${action}, ${Number(verdict.score ?? 0).toFixed(1)} / ${Number(verdict.required_score ?? 0).toFixed(1)}${top.length ? `, ${top.join(', ')}` : ''}`;
      return { score: SPAM_ACTIONS.has(action) ? threshold : 0, detail };
    } catch (error) {
      logger.warn({ err: error }, 'rspamd did not answer: the desk’s own spam rules decide');
      return null;
    }
  };
}
