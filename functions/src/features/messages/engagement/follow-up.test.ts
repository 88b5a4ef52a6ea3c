import { describe, expect, it } from 'vitest';
import { scoreSentiment } from '@wardpulse/analytics';
import { followUpReasons } from './follow-up.ts';

const reasons = (text: string) => followUpReasons(text, scoreSentiment(text));

describe('followUpReasons', () => {
  it('flags a negative reply', () => {
    expect(reasons('This is getting worse and nothing is being done, terrible.')).toContain('negative');
  });

  it('flags a question, however it is worded', () => {
    expect(reasons('Which roads does this cover?')).toEqual(['question']);
  });

  it('flags words that ask for help or signal risk, as whole words in any case', () => {
    expect(reasons('URGENT please ring me back')).toEqual(expect.arrayContaining(['keyword:urgent', 'keyword:ring me']));
    expect(reasons('I need help with my neighbour')).toContain('keyword:help');
    expect(reasons('So helpful, thank you')).not.toContain('keyword:help');
  });

  it('leaves a plain thank-you alone', () => {
    expect(reasons('Thank you, really useful to know.')).toEqual([]);
  });
});
