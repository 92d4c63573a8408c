// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Template } from '../../../core';
import { createFakeDeskSession, TEST_AGENT } from '../../app/testing/fake-desk-session';
import { createFakeDeskApi, renderInDesk, resetUiState } from '../../app/testing/render-desk';
import { useUiStore } from '../../state/ui-store';
import { TemplatesScreen } from './templates-screen';

beforeEach(resetUiState);
afterEach(cleanup);

const shared: Template = {
  id: '00000000-0000-4000-8000-00000000c001',
  name: 'Refund done',
  body: 'Hello {{customer.name}}',
  scope: 'shared',
  ownerId: null,
  actions: { status: 'fixed' },
  version: 3,
  createdAt: 1,
  createdBy: 'x',
  updatedAt: 1,
  updatedBy: 'x',
  deleted: false,
};

describe('templates screen', () => {
  it('lets an agent write a personal template, pointing out an unknown placeholder before saving', async () => {
    const createTemplate = vi.fn(async () => ({ id: 'new', version: 1 }));
    renderInDesk(<TemplatesScreen />, { session: createFakeDeskSession({ templates: [shared] }).session, api: createFakeDeskApi({ createTemplate }) });
    // An agent reads the shared template but does not change it.
    fireEvent.click(screen.getByTestId('template-row'));
    expect(screen.getByText('Also when sent: status → Fixed.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Edit' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'New template' }));
    expect(screen.queryByLabelText('Shared')).toBeNull();
    fireEvent.change(screen.getByLabelText(/^Name/), { target: { value: 'Greeting' } });
    fireEvent.change(screen.getByLabelText('Text'), { target: { value: 'Hi {{customer.firstName}}' } });
    expect(screen.getByRole('alert').textContent).toContain('Unknown placeholder {{customer.firstName}}');
    expect((screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement).disabled).toBe(true);

    fireEvent.change(screen.getByLabelText('Text'), { target: { value: 'Hi {{customer.name}}' } });
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'waiting_for_customer' } });
    fireEvent.change(screen.getByLabelText('Add tags (comma-separated)'), { target: { value: 'greeted, , new' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(createTemplate).toHaveBeenCalledWith({ name: 'Greeting', body: 'Hi {{customer.name}}', scope: 'personal', actions: { status: 'waiting_for_customer', addTags: ['greeted', 'new'] } }));
    await waitFor(() => expect(useUiStore.getState().templateDraft).toBeNull());
  });

  it('lets a supervisor edit a shared template over the version they read, and keeps the text when the save fails', async () => {
    const updateTemplate = vi.fn(async () => {
      throw new Error('the template changed meanwhile');
    });
    const session = createFakeDeskSession({ agent: { ...TEST_AGENT, role: 'supervisor' }, templates: [shared] }).session;
    renderInDesk(<TemplatesScreen />, { session, api: createFakeDeskApi({ updateTemplate }) });
    fireEvent.click(screen.getByTestId('template-row'));
    fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
    fireEvent.change(screen.getByLabelText('Text'), { target: { value: 'Hello again {{customer.name}}' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Not saved: the template changed meanwhile');
    expect(updateTemplate).toHaveBeenCalledWith(shared.id, { name: 'Refund done', body: 'Hello again {{customer.name}}', actions: { status: 'fixed' } }, 3);
    expect(useUiStore.getState().templateDraft?.body).toBe('Hello again {{customer.name}}');
  });
});
