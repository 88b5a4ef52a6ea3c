import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldLabel, summariseIssues, zodIssues } from './errors.ts';

const messages = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('expected a failure');
  return zodIssues(result.error).map((issue) => issue.message);
};

describe('plain-English validation messages', () => {
  it('names the field and what is allowed, for any schema without messages of its own', () => {
    const schema = z.object({ retentionDays: z.number().int().min(30), forceName: z.string().min(2), kind: z.enum(['a', 'b']), email: z.email() }).strict();

    expect(messages(schema, { retentionDays: 3, forceName: 'W', kind: 'c', email: 'nope', extra: 1 })).toEqual([
      'Retention days must be at least 30.',
      'Force name must be at least 2 characters long.',
      'Kind must be one of \u201ca\u201d, \u201cb\u201d.',
      'Email must be an e-mail address, like name@example.org.',
      'The request has a field WardPulse does not recognise: \u201cextra\u201d. Remove it.',
    ]);
    expect(messages(schema, {})[0]).toBe('Retention days is required.');
  });

  it('keeps a schema’s own message', () => {
    expect(messages(z.object({ month: z.string().regex(/^\d{4}-\d{2}$/, 'Month must be in the form YYYY-MM.') }), { month: 'May' })).toEqual(['Month must be in the form YYYY-MM.']);
  });

  it('labels list items by position', () => {
    expect(fieldLabel(['questions', 2])).toBe('Item 3 of questions');
  });

  it('summarises with the collection’s name when every problem is in it', () => {
    const issues = [
      { path: ['json', 'settings', 'retentionDays'], message: 'A.' },
      { path: ['json', 'settings', 'disclosureThreshold'], message: 'B.' },
    ];

    expect(summariseIssues(issues, 'json')).toBe('2 settings need changing: A. B.');
    expect(summariseIssues([{ path: ['json', 'kind'], message: 'C.' }], 'json')).toBe('1 field needs changing: C.');
    expect(summariseIssues([{ path: ['query', 'month'], message: 'D.' }], 'query')).toBe('1 value in the address needs changing: D.');
  });
});
