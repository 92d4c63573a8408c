import { describe, expect, it } from 'vitest';
import { articleDraftFromTicket } from './article-draft';

const headings = { problem: 'Problem', solution: 'Solution' };

describe('articleDraftFromTicket', () => {
  it('takes the first customer message as the problem and the last reply as the solution', () => {
    const draft = articleDraftFromTicket({ subject: ' Scanner error 42 ' }, [
      { kind: 'reply', body: 'Clear the paper path and restart.', createdAt: 5 },
      { kind: 'customer', body: 'The scanner shows error 42.', createdAt: 1 },
      { kind: 'auto_reply', body: 'We received your request.', createdAt: 2 },
      { kind: 'reply', body: 'Please try turning it off.', createdAt: 3 },
      { kind: 'customer', body: 'Still broken.', createdAt: 4 },
    ], headings);
    expect(draft).toEqual({ title: 'Scanner error 42', body: '## Problem\n\nThe scanner shows error 42.\n\n## Solution\n\nClear the paper path and restart.\n' });
  });

  it('falls back to the last internal note when nobody replied', () => {
    const draft = articleDraftFromTicket({ subject: 'VPN' }, [{ kind: 'customer', body: 'VPN drops.', createdAt: 1 }, { kind: 'note', body: 'MTU 1400 fixes it.', createdAt: 2 }], headings);
    expect(draft.body).toContain('## Solution\n\nMTU 1400 fixes it.');
  });
});
