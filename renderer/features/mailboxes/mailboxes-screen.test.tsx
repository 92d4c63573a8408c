// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeDeskSession } from '../../app/testing/fake-desk-session';
import { renderInDesk, resetUiState } from '../../app/testing/render-desk';
import { MailboxesScreen } from './mailboxes-screen';

beforeEach(resetUiState);
afterEach(cleanup);

const mailSetup = {
  from: 'support@example.com',
  fromSource: 'env' as const,
  addresses: ['support@example.com'],
  supportAddresses: [{ address: 'support@example.com', groupId: null, source: 'env' as const }],
  smtpPort: 2525,
  relay: 'mail.example.com:587',
  relaySource: 'env' as const,
  publicUrl: 'https://desk.example.com',
  rspamd: false,
};

const listing = { id: 'm1', name: 'Support', host: 'imap.example.com', port: 993, tls: true, tlsVerify: true, user: 'desk@example.com', folder: 'INBOX', afterProcessing: 'flag' as const, enabled: true, passwordSet: true as const, lastPolledAt: null, lastError: 'Authentication failed', idle: null };

/** The Mailboxes screen's part of the desk's API, answering as a server would. */
function fakeMailApi() {
  return {
    loadMailSetup: vi.fn(async () => mailSetup),
    changeMailSettings: vi.fn(async () => ({ ...mailSetup, relay: 'relay.example.com:465', relaySource: 'console' as const })),
    putSupportAddress: vi.fn(async () => ({ ...mailSetup, supportAddresses: [...mailSetup.supportAddresses, { address: 'sales@example.com', groupId: 'g-sales', source: 'console' as const }] })),
    removeSupportAddress: vi.fn(async () => mailSetup),
    loadGroups: vi.fn(async () => [{ id: 'g-sales', name: 'Sales', categories: [], members: [] }]),
    sendTestMail: vi.fn(async () => undefined),
    loadMailboxes: vi.fn(async () => [listing]),
    changeMailbox: vi.fn(async () => listing),
    addMailbox: vi.fn(async () => listing),
    removeMailbox: vi.fn(async () => undefined),
  };
}

describe('the Mailboxes screen', () => {
  it('shows each mailbox’s state, pauses one, changes its password in place, and adds a new one', async () => {
    const api = fakeMailApi();
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
    const verify = screen.getByLabelText(/^Verify the server’s certificate/) as HTMLInputElement;
    expect(verify.checked).toBe(true);
    fireEvent.click(verify);
    fireEvent.click(screen.getByRole('button', { name: 'Add mailbox' }));
    await waitFor(() =>
      expect(api.addMailbox).toHaveBeenCalledWith({ name: 'Billing', host: 'imap.example.com', port: 993, tls: true, tlsVerify: false, user: 'billing@example.com', password: 'pw', folder: 'INBOX', afterProcessing: 'flag', enabled: true }),
    );
  });

  it('sets the relay without showing it, and adds a support address routed to a group', async () => {
    const api = fakeMailApi();
    renderInDesk(<MailboxesScreen />, { session: createFakeDeskSession({}).session, api: api as never });
    const identity = await screen.findByTestId('mail-identity');
    const relay = within(identity).getByLabelText(/^Relay/);
    expect(relay.getAttribute('type')).toBe('password');
    fireEvent.change(relay, { target: { value: 'smtps://desk:pw@relay.example.com:465' } });
    fireEvent.click(within(identity).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.changeMailSettings).toHaveBeenCalledWith({ relayUrl: 'smtps://desk:pw@relay.example.com:465' }));
    expect((await within(identity).findByRole('status')).textContent).toBe('Mail settings saved.');
    expect((relay as HTMLInputElement).value).toBe('');
    expect(identity.textContent).toContain('relay.example.com:465: set here');

    const addresses = screen.getByTestId('support-addresses');
    fireEvent.change(within(addresses).getByLabelText('Address'), { target: { value: 'Sales@Example.com' } });
    await within(addresses).findAllByRole('option', { name: 'Sales' });
    fireEvent.change(within(addresses).getByLabelText('New tickets go to'), { target: { value: 'g-sales' } });
    fireEvent.click(within(addresses).getByRole('button', { name: 'Add address' }));
    await waitFor(() => expect(api.putSupportAddress).toHaveBeenCalledWith('sales@example.com', 'g-sales'));
    const rows = await within(addresses).findAllByTestId('support-address');
    expect(rows.map((row) => row.textContent)).toEqual([expect.stringContaining('support@example.com'), expect.stringContaining('sales@example.com')]);
    fireEvent.click(within(rows[1]!).getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(api.removeSupportAddress).toHaveBeenCalledWith('sales@example.com'));
  });
});
