import { describe, expect, it } from 'vitest';
import { fillPlaceholders, signatureValues, SIGNATURE_PLACEHOLDERS, unknownPlaceholders } from './placeholders';

describe('placeholders', () => {
  it('fills what it knows, with or without spaces inside the braces', () => {
    const values = signatureValues({ name: 'Anna Kowalska', email: 'anna@desk.test' });
    expect(fillPlaceholders('Best,\n{{agent.firstName}} ({{ agent.name }}, {{agent.email}})', values)).toBe('Best,\nAnna (Anna Kowalska, anna@desk.test)');
  });

  it('names each unknown placeholder once, so saving can refuse it', () => {
    expect(unknownPlaceholders('{{agent.name}} {{customer.name}} {{customer.name}} {{agnet.name}}', SIGNATURE_PLACEHOLDERS)).toEqual(['customer.name', 'agnet.name']);
    expect(unknownPlaceholders('no placeholders, {single} braces', SIGNATURE_PLACEHOLDERS)).toEqual([]);
  });
});
