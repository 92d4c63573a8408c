// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeDeskSession, makeTicket, TEST_AGENT } from '../../app/testing/fake-desk-session';
import { renderInDesk, resetUiState } from '../../app/testing/render-desk';
import type { MessageView } from '../../sync/desk-session';
import { TicketPane } from './ticket-pane';

beforeEach(resetUiState);
afterEach(cleanup);

describe('mail in the conversation', () => {
  const ticket = makeTicket({ status: 'in_progress', channel: 'email', assigneeId: TEST_AGENT.id, description: 'Still broken.' });
  const base = { ticketId: ticket.id, authorId: null, pending: false } as const;
  const messages: MessageView[] = [
    {
      ...base,
      id: '00000000-0000-4000-8000-0000000b0001',
      kind: 'customer',
      body: 'Still broken.',
      authorName: 'Anna',
      createdAt: ticket.createdAt,
      mail: { from: 'Anna <anna@customer.test>', to: ['support@desk.test'], cc: ['boss@customer.test'], subject: '<b>Re: [#1] Printer</b>', trimmed: true, fullText: 'Still broken.\n\nOn Monday, Desk wrote:\n> Fixed it.' },
    },
    { ...base, id: '00000000-0000-4000-8000-0000000b0002', kind: 'reply', body: 'Try again', authorName: 'Alice', createdAt: ticket.createdAt + 1, delivery: { state: 'sent', attempts: 1 } },
    { ...base, id: '00000000-0000-4000-8000-0000000b0003', kind: 'reply', body: 'Hello?', authorName: 'Alice', createdAt: ticket.createdAt + 2, delivery: { state: 'queued', attempts: 2, error: '451 try later' } },
    { ...base, id: '00000000-0000-4000-8000-0000000b0004', kind: 'reply', body: 'Gone', authorName: 'Alice', createdAt: ticket.createdAt + 3, delivery: { state: 'failed', attempts: 1, error: 'bounced: user unknown' } },
  ];

  it('shows the envelope as text, each reply’s delivery, and the full mail on demand', () => {
    renderInDesk(<TicketPane ticketId={ticket.id} />, { session: createFakeDeskSession({ tickets: [ticket], messages }).session });
    const [customer, sent, retrying, failed] = screen.getAllByTestId('message');
    const envelope = within(customer!).getByTestId('mail-envelope');
    expect(envelope.textContent).toContain('Anna <anna@customer.test>');
    expect(envelope.textContent).toContain('boss@customer.test');
    expect(envelope.querySelector('b')).toBeNull();
    expect(within(sent!).getByTestId('delivery').textContent).toBe('Mailed');
    expect(within(retrying!).getByTestId('delivery').textContent).toBe('Mail queued; attempt 2 failed: 451 try later');
    expect(within(failed!).getByTestId('delivery').textContent).toBe('Not delivered: bounced: user unknown');

    expect(customer!.textContent).not.toContain('> Fixed it.');
    fireEvent.click(within(customer!).getByRole('button', { name: 'Show the full mail' }));
    expect(customer!.textContent).toContain('> Fixed it.');
  });

  it('lists a message’s files and saves one through the API, saying when it cannot', async () => {
    const withFiles: MessageView[] = [
      {
        ...base,
        id: '00000000-0000-4000-8000-0000000b0005',
        kind: 'customer',
        body: 'Logs attached',
        authorName: 'Anna',
        createdAt: ticket.createdAt,
        attachments: [
          { id: '00000000-0000-4000-8000-0000000c0001', filename: 'dump.bin', contentType: 'application/octet-stream', size: 70_000 },
          { id: '00000000-0000-4000-8000-0000000c0002', filename: 'shot.png', contentType: 'image/png', size: 29, inline: true },
        ],
      },
    ];
    const openAttachment = vi.fn().mockResolvedValueOnce(new Blob(['x'])).mockRejectedValueOnce(new Error('offline'));
    URL.createObjectURL = vi.fn(() => 'blob:fake');
    URL.revokeObjectURL = vi.fn();
    const api = { openAttachment } as unknown as Parameters<typeof renderInDesk>[1]['api'];
    renderInDesk(<TicketPane ticketId={ticket.id} />, { session: createFakeDeskSession({ tickets: [ticket], messages: withFiles }).session, api });
    const files = screen.getByTestId('attachments');
    expect(files.textContent).toContain('dump.bin');
    expect(files.textContent).toContain('68.4 KB');
    expect(files.textContent).toContain('shot.png');
    expect(files.textContent).toContain('inline image');
    fireEvent.click(within(files).getByRole('button', { name: 'dump.bin' }));
    await waitFor(() => expect(openAttachment).toHaveBeenCalledWith(expect.objectContaining({ id: '00000000-0000-4000-8000-0000000c0001' })));
    fireEvent.click(within(files).getByRole('button', { name: 'shot.png' }));
    expect((await within(files).findByRole('alert')).textContent).toContain('Could not open shot.png');
  });

  it('shows a mail’s HTML formatted on demand, sanitised again, and never runs or loads anything from it', () => {
    const html: MessageView[] = [
      {
        ...base,
        id: '00000000-0000-4000-8000-0000000b0006',
        kind: 'customer',
        body: 'Hello there',
        authorName: 'Anna',
        createdAt: ticket.createdAt,
        mail: { from: 'anna@customer.test', to: [], cc: [], subject: 'Hi', html: '<p>Hello <b>there</b> <a href="https://example.com">site</a><img src="https://tracker.test/x.gif" onerror="alert(1)"><a href="javascript:alert(2)">bad</a></p><script>alert(3)</script>' },
      },
    ];
    renderInDesk(<TicketPane ticketId={ticket.id} />, { session: createFakeDeskSession({ tickets: [ticket], messages: html }).session });
    const message = screen.getAllByTestId('message').at(-1);
    expect(within(message!).queryByTestId('mail-html')).toBeNull();
    fireEvent.click(within(message!).getByRole('button', { name: 'Show the mail as formatted' }));
    const shown = within(message!).getByTestId('mail-html');
    expect(shown.querySelector('b')?.textContent).toBe('there');
    expect(shown.querySelector('script, img, [onerror]')).toBeNull();
    const links = [...shown.querySelectorAll('a')];
    expect(links.map((link) => link.getAttribute('href'))).toEqual(['https://example.com', null]);
    expect(links[0]!.getAttribute('rel')).toBe('noopener noreferrer nofollow');
    fireEvent.click(within(message!).getByRole('button', { name: 'Show as plain text' }));
    expect(within(message!).queryByTestId('mail-html')).toBeNull();
  });

  it('forwards the ticket to an outside address through the API', async () => {
    const forwardTicket = vi.fn(async () => undefined);
    renderInDesk(<TicketPane ticketId={ticket.id} />, { session: createFakeDeskSession({ tickets: [ticket], messages }).session, api: { forwardTicket } as never });
    fireEvent.click(screen.getByText('Forward…'));
    fireEvent.change(screen.getByLabelText('Forward to'), { target: { value: 'support@vendor.test' } });
    fireEvent.change(screen.getByLabelText('Note for them (optional)'), { target: { value: 'Please check' } });
    fireEvent.click(screen.getByRole('button', { name: 'Forward' }));
    expect((await screen.findByText('Forwarded to support@vendor.test.')).getAttribute('role')).toBe('status');
    expect(forwardTicket).toHaveBeenCalledWith(ticket.number, 'support@vendor.test', 'Please check');
  });

  it('tells the agent the reply goes to the requester by mail', () => {
    renderInDesk(<TicketPane ticketId={ticket.id} />, { session: createFakeDeskSession({ tickets: [ticket], messages }).session });
    expect(screen.getByTestId('composer-mailed-to').textContent).toBe(`The reply will be mailed to ${ticket.requester.email}.`);
  });
});
