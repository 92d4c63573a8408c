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
