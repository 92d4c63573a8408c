// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeDeskSession } from '../../app/testing/fake-desk-session';
import { renderInDesk, resetUiState } from '../../app/testing/render-desk';
import { MailboxesScreen } from './mailboxes-screen';

beforeEach(resetUiState);
afterEach(cleanup);

const listing = { id: 'm1', name: 'Support', host: 'imap.example.com', port: 993, tls: true, user: 'desk@example.com', folder: 'INBOX', afterProcessing: 'flag' as const, enabled: true, passwordSet: true as const, lastPolledAt: null, lastError: 'Authentication failed', idle: null };

describe('the Mailboxes screen', () => {
  it('shows each mailbox’s state, pauses one, changes its password in place, and adds a new one', async () => {
    const api = {
      loadMailSetup: vi.fn(async () => ({ from: 'support@example.com', addresses: ['support@example.com'], smtpPort: 2525, relay: 'mail.example.com:587', publicUrl: 'https://desk.example.com', rspamd: false })),
      sendTestMail: vi.fn(async () => undefined),
      loadMailboxes: vi.fn(async () => [listing]),
      changeMailbox: vi.fn(async () => listing),
      addMailbox: vi.fn(async () => listing),
      removeMailbox: vi.fn(async () => undefined),
    };
    renderInDesk(<MailboxesScreen />, { session: createFakeDeskSession({}).session, api: api as never });
    const row = await screen.findByTestId('mailbox');
    const setup = screen.getByTestId('mail-setup');
    await waitFor(() => expect(setup.textContent).toContain('mail.example.com:587'));
    fireEvent.change(within(setup).getByLabelText('Send a test mail to'), { target: { value: 'me@example.com' } });
    fireEvent.click(within(setup).getByRole('button', { name: 'Send test mail' }));
    expect((await within(setup).findByRole('status')).textContent).toBe('The relay took the test mail for me@example.com.');
    expect(row.textContent).toContain('Not reachable: Authentication failed');
    expect(row.textContent).toContain('desk@example.com @ imap.example.com:993');

    fireEvent.click(within(row).getByRole('button', { name: 'Pause' }));
    await waitFor(() => expect(api.changeMailbox).toHaveBeenCalledWith('m1', { enabled: false }));

    fireEvent.click(within(screen.getByTestId('mailbox')).getByRole('button', { name: 'New password' }));
    fireEvent.change(screen.getByLabelText('The new password of Support:'), { target: { value: 's3cret' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save password' }));
    await waitFor(() => expect(api.changeMailbox).toHaveBeenCalledWith('m1', { password: 's3cret' }));

    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Billing' } });
    fireEvent.change(screen.getByLabelText('Server'), { target: { value: 'imap.example.com' } });
    fireEvent.change(screen.getByLabelText('User'), { target: { value: 'billing@example.com' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'pw' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add mailbox' }));
    await waitFor(() =>
      expect(api.addMailbox).toHaveBeenCalledWith({ name: 'Billing', host: 'imap.example.com', port: 993, tls: true, user: 'billing@example.com', password: 'pw', folder: 'INBOX', afterProcessing: 'flag', enabled: true }),
    );
  });
});
