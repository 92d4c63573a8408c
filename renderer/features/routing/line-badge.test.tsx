// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeDeskSession } from '../../app/testing/fake-desk-session';
import { renderInDesk, resetUiState } from '../../app/testing/render-desk';
import { LineBadge } from './ticket-routing';

beforeEach(resetUiState);
afterEach(cleanup);

describe('line badge', () => {
  it.each([1, 2, 3] as const)('shows L%i, titled with the full line name', (level) => {
    renderInDesk(<LineBadge level={level} />, { session: createFakeDeskSession().session });
    const badge = screen.getByTestId('line-badge');
    expect(badge.textContent).toBe(`L${level}`);
    expect(badge.getAttribute('title')).toBe(`Line ${level}`);
  });
});
