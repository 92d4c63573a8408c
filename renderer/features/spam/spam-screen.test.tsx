// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeDeskSession } from '../../app/testing/fake-desk-session';
import { renderInDesk, resetUiState } from '../../app/testing/render-desk';
import { SpamScreen } from './spam-screen';

beforeEach(resetUiState);
afterEach(cleanup);

describe('the Spam view', () => {
  const held = (id: string, subject: string) => ({ id, from: 'promo@junk.test', subject, preview: '<b>Claim</b> your prize', score: 12, reasons: [{ code: 'upstream_filter' as const, points: 10 }, { code: 'junk_words' as const, points: 4, detail: 'casino, jackpot' }], receivedAt: Date.UTC(2026, 11, 3, 9) });

  it('lists held mail as text with why, and releases or deletes one', async () => {
    const api = {
      loadHeldMail: vi.fn(async () => ({ mails: [held('a', 'You won'), held('b', 'Cheap pills')], nextCursor: null })),
      releaseHeldMail: vi.fn(async () => 1042),
      deleteHeldMail: vi.fn(async () => undefined),
    };
    renderInDesk(<SpamScreen />, { session: createFakeDeskSession({}).session, api: api as never });
    const mails = await screen.findAllByTestId('held-mail');
    expect(mails).toHaveLength(2);
    expect(mails[0]!.textContent).toContain('<b>Claim</b> your prize');
    expect(mails[0]!.querySelector('b')).toBeNull();
    expect(mails[0]!.textContent).toContain('Held because: an upstream filter marked it as spam (+10); junk words: casino, jackpot (+4)');

    fireEvent.click(within(mails[0]!).getByRole('button', { name: 'Not spam: make it a ticket' }));
    expect((await screen.findByRole('status')).textContent).toBe('Released: it is ticket #1042.');
    expect(api.releaseHeldMail).toHaveBeenCalledWith('a');
    expect(screen.getAllByTestId('held-mail')).toHaveLength(1);

    fireEvent.click(within(screen.getByTestId('held-mail')).getByRole('button', { name: 'Delete' }));
    expect((await screen.findByText('No mail is held.'))).toBeTruthy();
    expect(api.deleteHeldMail).toHaveBeenCalledWith('b');
  });
});

describe('the spam rules, for admins', () => {
  it('loads the lists, saves them one entry per line, and shows the server’s refusal', async () => {
    const api = {
      loadHeldMail: vi.fn(async () => ({ mails: [], nextCursor: null })),
      loadSpamRules: vi.fn(async () => ({ allow: ['trusted.test'], block: [], threshold: 5 })),
      saveSpamRules: vi
        .fn()
        .mockImplementationOnce(async (rules: unknown) => rules)
        .mockRejectedValueOnce(new Error('invalid spam rules (allow.0): an address (name@example.com) or a domain (example.com)')),
    };
    const session = createFakeDeskSession({}).session;
    renderInDesk(<SpamScreen />, { session: { ...session, agent: { ...session.agent, role: 'admin' } }, api: api as never });
    const allow = (await screen.findByLabelText('Always let through (addresses or domains, one per line)')) as HTMLTextAreaElement;
    expect(allow.value).toBe('trusted.test');
    fireEvent.change(screen.getByLabelText('Always hold (addresses or domains, one per line)'), { target: { value: 'mallory@evil.test\njunk.test' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save rules' }));
    expect((await screen.findByText('Rules saved.')).getAttribute('role')).toBe('status');
    expect(api.saveSpamRules).toHaveBeenCalledWith({ allow: ['trusted.test'], block: ['mallory@evil.test', 'junk.test'], threshold: 5 });
    fireEvent.change(allow, { target: { value: 'not a domain' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save rules' }));
    expect((await screen.findByText(/The rules were not saved/)).getAttribute('role')).toBe('alert');
  });

  it('is not shown to agents', async () => {
    const api = { loadHeldMail: vi.fn(async () => ({ mails: [], nextCursor: null })), loadSpamRules: vi.fn() };
    renderInDesk(<SpamScreen />, { session: createFakeDeskSession({}).session, api: api as never });
    await screen.findByText('No mail is held.');
    expect(screen.queryByTestId('spam-rules')).toBeNull();
    expect(api.loadSpamRules).not.toHaveBeenCalled();
  });
});
