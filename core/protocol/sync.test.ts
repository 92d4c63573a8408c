import { describe, expect, it } from 'vitest';
import { PULL_BATCH_MAX, PullRequestSchema } from './sync';

describe('PullRequestSchema', () => {
  const valid = { collection: 'tickets', checkpoint: { seq: 41, id: 'abc' }, batchSize: 100 };

  it.each([
    ['a first pull without a checkpoint', { ...valid, checkpoint: null }],
    ['the messages collection', { ...valid, collection: 'messages' }],
    ['a batch of 1', { ...valid, batchSize: 1 }],
    ['a batch of PULL_BATCH_MAX', { ...valid, batchSize: PULL_BATCH_MAX }],
  ])('accepts %s', (_label, candidate) => {
    expect(PullRequestSchema.safeParse(candidate).success).toBe(true);
  });

  it.each([
    ['batchSize 0', { ...valid, batchSize: 0 }],
    ['batchSize over PULL_BATCH_MAX', { ...valid, batchSize: PULL_BATCH_MAX + 1 }],
    ['a fractional batchSize', { ...valid, batchSize: 2.5 }],
    ['an unknown collection', { ...valid, collection: 'agents' }],
    ['the outbox as a collection', { ...valid, collection: 'outbox' }],
    ['a missing checkpoint', { collection: 'tickets', batchSize: 10 }],
    ['a negative checkpoint sequence', { ...valid, checkpoint: { seq: -1, id: 'abc' } }],
    ['a checkpoint id over 64 characters', { ...valid, checkpoint: { seq: 1, id: 'x'.repeat(65) } }],
  ])('rejects %s', (_label, candidate) => {
    expect(PullRequestSchema.safeParse(candidate).success).toBe(false);
  });
});
