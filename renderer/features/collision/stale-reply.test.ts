import { describe, expect, it } from 'vitest';
import type { Message } from '../../../core';
import { findStaleReply } from './stale-reply';

const ME = '00000000-0000-4000-8000-0000000000a1';
const BORIS = '00000000-0000-4000-8000-0000000000b1';
let counter = 0;

function message(kind: Message['kind'], authorId: string | null): Message {
  counter += 1;
  return {
    id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    ticketId: '00000000-0000-4000-8000-00000000ffff',
    kind,
    body: `message ${counter}`,
    authorId,
    authorName: authorId === null ? 'Customer' : 'Agent',
    createdAt: 1_700_000_000_000 + counter,
  };
}

describe('stale reply', () => {
  const before = [message('customer', null), message('reply', BORIS)];
  const seen = before.map((m) => m.id);

  it('is not stale when nothing arrived since the draft began', () => {
    expect(findStaleReply(seen, before, ME)).toBeNull();
  });

  it("is stale when another agent replied publicly meanwhile, and names that reply", () => {
    const reply = message('reply', BORIS);
    expect(findStaleReply(seen, [...before, reply], ME)).toEqual({ reason: 'agent', messages: [reply] });
  });

  it('is stale when the customer wrote meanwhile', () => {
    const customer = message('customer', null);
    expect(findStaleReply(seen, [...before, customer], ME)?.reason).toBe('customer');
  });

  it('says both when both happened', () => {
    expect(findStaleReply(seen, [...before, message('customer', null), message('reply', BORIS)], ME)?.reason).toBe('both');
  });

  it('ignores notes, automatic replies, system lines and my own replies', () => {
    const meanwhile = [message('note', BORIS), message('auto_reply', null), message('system', null), message('reply', ME)];
    expect(findStaleReply(seen, [...before, ...meanwhile], ME)).toBeNull();
  });

  it('catches a reply that synced late and sorts before the latest message it saw', () => {
    const late = message('reply', BORIS);
    expect(findStaleReply(seen, [before[0]!, late, before[1]!], ME)?.messages).toEqual([late]);
  });

  it('counts everything as new when the conversation was empty at the first keystroke', () => {
    expect(findStaleReply([], before, ME)?.reason).toBe('both');
  });
});
