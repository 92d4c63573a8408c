import { describe, expect, it } from 'vitest';
import { canManageAssignments, NewAgentSchema } from './agent';
import { IntakeSchema } from './ticket';

describe('IntakeSchema', () => {
  const valid = {
    subject: 'Printer jams',
    body: 'It jams on every second page.',
    requester: { email: 'Carol@Example.com', name: 'Carol' },
  };

  it('accepts a minimal intake and normalises the email', () => {
    const result = IntakeSchema.safeParse(valid);
    expect(result.success).toBe(true);
    expect(result.data?.requester.email).toBe('carol@example.com');
  });

  it('accepts a subject of exactly 200 characters and trims whitespace', () => {
    const result = IntakeSchema.safeParse({ ...valid, subject: `  ${'s'.repeat(200)}  ` });
    expect(result.success).toBe(true);
    expect(result.data?.subject).toHaveLength(200);
  });

  const { subject: _subject, ...withoutSubject } = valid;

  it.each([
    ['a missing subject', withoutSubject],
    ['a whitespace-only subject', { ...valid, subject: '   ' }],
    ['a subject over 200 characters', { ...valid, subject: 's'.repeat(201) }],
    ['an empty body', { ...valid, body: '' }],
    ['a body over 20,000 characters', { ...valid, body: 'b'.repeat(20_001) }],
    ['a bad email', { ...valid, requester: { email: 'not-an-email' } }],
    ['a missing requester', { subject: 'x', body: 'y' }],
    ['an unknown channel', { ...valid, channel: 'fax' }],
    ['an unknown type', { ...valid, type: 'question' }],
    ['an empty tag', { ...valid, tags: ['  '] }],
    ['a tag over 60 characters', { ...valid, tags: ['t'.repeat(61)] }],
    ['more than 20 tags', { ...valid, tags: Array.from({ length: 21 }, (_, i) => `tag-${i}`) }],
    ['tags given as a string', { ...valid, tags: 'printer' }],
  ])('rejects %s', (_label, candidate) => {
    expect(IntakeSchema.safeParse(candidate).success).toBe(false);
  });

  it('accepts the categories a sender already knows as trimmed tags', () => {
    const result = IntakeSchema.safeParse({ ...valid, tags: [' Printer ', 'billing'] });
    expect(result.success).toBe(true);
    expect(result.data?.tags).toEqual(['Printer', 'billing']);
  });

  it('says the subject is required when it is blank', () => {
    const result = IntakeSchema.safeParse({ ...valid, subject: '  ' });
    expect(result.error?.issues.map((issue) => issue.message)).toContain('subject is required');
  });
});

describe('NewAgentSchema', () => {
  const valid = { email: 'anna@example.com', name: 'Anna', password: 'correct horse', role: 'agent', level: 1 };

  it('accepts a well-formed agent', () => {
    expect(NewAgentSchema.safeParse(valid).success).toBe(true);
    // Strength is the password policy's to judge (core/auth/password-policy.ts), not the schema's.
    expect(NewAgentSchema.safeParse({ ...valid, role: 'supervisor', level: 3, password: '12345678' }).success).toBe(true);
  });

  it.each([
    ['an empty password', { ...valid, password: '' }],
    ['a password over 128 characters', { ...valid, password: 'p'.repeat(129) }],
    ['an unknown role', { ...valid, role: 'root' }],
    ['level 4', { ...valid, level: 4 }],
    ['level 0', { ...valid, level: 0 }],
    ['a level given as a string', { ...valid, level: '1' }],
    ['a bad email', { ...valid, email: 'anna@' }],
    ['a blank name', { ...valid, name: '   ' }],
  ])('rejects %s', (_label, candidate) => {
    expect(NewAgentSchema.safeParse(candidate).success).toBe(false);
  });

  it('explains a password over the maximum', () => {
    const result = NewAgentSchema.safeParse({ ...valid, password: 'p'.repeat(129) });
    expect(result.error?.issues.map((issue) => issue.message)).toContain('the password must have at most 128 characters');
  });
});

describe('canManageAssignments', () => {
  it('is granted to supervisors and admins only', () => {
    expect(canManageAssignments({ role: 'supervisor' })).toBe(true);
    expect(canManageAssignments({ role: 'admin' })).toBe(true);
    expect(canManageAssignments({ role: 'agent' })).toBe(false);
  });
});
