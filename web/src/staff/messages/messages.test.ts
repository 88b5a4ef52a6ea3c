import { coachMessage } from '@wardpulse/domain';
import { describe, expect, it } from 'vitest';
import { dayAfter, dayStart, describeCorrelation, leastSquares, linearScale, linePath, monthsBetween, niceTicks } from './charts.ts';
import { applySuggestion, easeBand, formatScore, noteDetail, notesFor, scoreBand, segments } from './coaching.ts';
import { contentFromForm, defaultTargeting, emptyForm, fieldForPath, formFromContent, localTimeToIso, progressText, sameDraft, saveProblems } from './draft.ts';
import { linksIn } from './outbox.ts';
import { chartSpan, defaultPeriods } from './periods.ts';

describe('coaching highlights', () => {
  it('cuts the text at every note so the segments give the text back exactly', () => {
    const text = 'Officers were in attendance after reports of ASB.';

    const parts = segments(text, coachMessage({ title: 'x', concern: text, action: 'a', advice: 'b' }).filter((n) => n.part === 'concern'));

    expect(parts.map((p) => p.text).join('')).toBe(text);
    expect(parts.filter((p) => p.kinds.includes('jargon')).map((p) => p.text)).toEqual(['in attendance', 'ASB']);
  });

  it('marks overlapping notes on the same stretch and clamps ranges a keystroke behind the text', () => {
    const result = segments('abcdef', [
      { kind: 'long_sentence', start: 0, end: 6 },
      { kind: 'jargon', start: 2, end: 4 },
      { kind: 'passive_voice', start: 5, end: 99 },
      { kind: 'missing_part', start: 0, end: 6 },
    ]);

    expect(result).toEqual([
      { text: 'ab', kinds: ['long_sentence'] },
      { text: 'cd', kinds: ['long_sentence', 'jargon'] },
      { text: 'e', kinds: ['long_sentence'] },
      { text: 'f', kinds: ['long_sentence', 'passive_voice'] },
    ]);
    expect(segments('', [{ kind: 'jargon', start: 0, end: 3 }])).toEqual([]);
  });

  it('applies a suggestion only while the text there is still what the note was about', () => {
    const note = { start: 11, end: 14, suggestion: 'anti-social behaviour' };

    expect(applySuggestion('Reports of ASB today.', note, 'ASB')).toBe('Reports of anti-social behaviour today.');
    expect(applySuggestion('Reports of AS today.', note, 'ASB')).toBeNull();
    expect(applySuggestion('Reports of ASB today.', { start: 11, end: 14 }, 'ASB')).toBeNull();
  });

  it('words notes with what they are about and the suggestion, without repeating a quote', () => {
    expect(noteDetail({ kind: 'jargon', message: '“ASB”: Police shorthand. Write it out.', suggestion: 'anti-social behaviour' }, 'ASB')).toBe('“ASB”: Police shorthand. Write it out. Try “anti-social behaviour”.');
    expect(noteDetail({ kind: 'long_sentence', message: 'This sentence has 31 words' }, 'We went.')).toBe('“We went.”: This sentence has 31 words.');
    expect(noteDetail({ kind: 'missing_part', message: 'Say what residents can do.' }, '')).toBe('Say what residents can do.');
  });

  it('lists a part’s notes errors first, then in reading order', () => {
    const notes = coachMessage({ title: 'Scams', concern: 'Calls were made by fake bank staff. ASB too.', action: '', advice: 'Hang up.' });

    expect(notesFor(notes, 'concern').map((n) => n.kind)).toEqual(['passive_voice', 'jargon']);
    expect(notesFor(notes, 'action').map((n) => [n.kind, n.severity])).toEqual([['missing_part', 'error']]);
  });

  it('bands scores and reading ease in words', () => {
    expect([9.6, 8, 7.9, 5, 4.9].map((s) => scoreBand(s).label)).toEqual(['Easy to read', 'Easy to read', 'Fairly easy to read', 'Fairly easy to read', 'Hard to read']);
    expect([95, 82, 65, 45, 10].map(easeBand)).toEqual(['very easy', 'easy', 'plain English', 'difficult', 'very difficult']);
    expect([7.44, 10, 0].map(formatScore)).toEqual(['7.4', '10', '0']);
  });
});

describe('composer form', () => {
  it('sends a link or image only when any of it is filled in, and reads them back', () => {
    const form = { ...emptyForm(), title: 'T', concern: 'C', linkUrl: ' https://example.org/report ', linkLabel: 'Report it' };

    const content = contentFromForm(form);

    expect(content).toEqual({ title: 'T', concern: 'C', action: '', advice: '', link: { url: 'https://example.org/report', label: 'Report it' } });
    expect(formFromContent(content)).toEqual({ ...form, linkUrl: 'https://example.org/report' });
  });

  it('refuses what the API would refuse before saving, naming the field', () => {
    const form = { ...emptyForm(), title: 'T', linkUrl: 'http://example.org', imageUrl: 'https://example.org/a.png' };

    expect(saveProblems(form, { scope: { scope: 'wards', codes: [] }, topics: [] }).map((p) => p.field)).toEqual(['linkUrl', 'linkLabel', 'imageAlt', 'targeting']);
    expect(saveProblems({ ...emptyForm(), title: 'T' }, defaultTargeting())).toEqual([]);
    expect(saveProblems(emptyForm(), defaultTargeting())).toEqual([{ field: 'title', message: 'Give the message a title.' }]);
  });

  it('maps API issue paths to the fields that fix them', () => {
    expect(fieldForPath(['link', 'url'])).toBe('linkUrl');
    expect(fieldForPath(['body', 'image', 'alt'])).toBe('imageAlt');
    expect(fieldForPath(['targeting', 'scope', 'codes', 0])).toBe('targeting');
    expect(fieldForPath(['advice'])).toBe('advice');
  });

  it('compares drafts whatever the key order', () => {
    const a = { content: { title: 't', concern: 'c', action: 'a', advice: 'd' }, targeting: { scope: { scope: 'force' as const }, topics: [] } };
    const b = { targeting: { topics: [], scope: { scope: 'force' as const } }, content: { advice: 'd', action: 'a', concern: 'c', title: 't' } };

    expect(sameDraft(a, b)).toBe(true);
    expect(sameDraft(a, { ...b, content: { ...b.content, title: 'u' } })).toBe(false);
  });

  it('reads a local date and time, and words send progress', () => {
    expect(localTimeToIso('2026-06-01T09:30')).toBe(new Date(2026, 5, 1, 9, 30).toISOString());
    expect(localTimeToIso('tomorrow')).toBeNull();
    expect(progressText({ audience: 400, sent: 120, failed: 0, suppressed: 0 })).toBe('Sent 120 of 400');
    expect(progressText({ audience: 1200, sent: 1190, failed: 2, suppressed: 8 })).toBe('Sent 1,190 of 1,200 · 2 failed · 8 skipped (bounced or complained before)');
  });
});

describe('dashboard charts', () => {
  it('scales linearly and puts a flat domain in the middle', () => {
    const x = linearScale([0, 10], [50, 150]);

    expect([x(0), x(5), x(10)]).toEqual([50, 100, 150]);
    expect(linearScale([3, 3], [0, 100])(3)).toBe(50);
  });

  it('picks round ticks', () => {
    expect(niceTicks(0, 1, 4)).toEqual([0, 0.5, 1]);
    expect(niceTicks(0, 0.3, 4)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(niceTicks(0, 100, 5)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(2, 2)).toEqual([2]);
  });

  it('breaks a line where a month is withheld', () => {
    expect(linePath([{ x: 0, y: 10 }, { x: 10, y: 20 }, { x: 20, y: null }, { x: 30, y: 5 }, { x: 40, y: 6.25 }])).toBe('M0,10L10,20M30,5L40,6.3');
  });

  it('lists the calendar months of a period, keeping the latest', () => {
    const months = monthsBetween(new Date('2025-11-20T00:00:00Z'), new Date('2026-02-03T00:00:00Z'));

    expect(months.map((m) => m.label)).toEqual(['Nov 2025', 'Dec 2025', 'Jan 2026', 'Feb 2026']);
    expect(months[1]).toEqual({ key: '2025-12', label: 'Dec 2025', from: '2025-12-01T00:00:00.000Z', to: '2026-01-01T00:00:00.000Z' });
    expect(monthsBetween(new Date('2024-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z'), 3).map((m) => m.key)).toEqual(['2025-11', '2025-12', '2026-01']);
  });

  it('turns date inputs into half-open periods', () => {
    expect(dayStart('2026-03-15')).toBe('2026-03-15T00:00:00.000Z');
    expect(dayAfter('2026-03-31')).toBe('2026-04-01T00:00:00.000Z');
    expect(dayStart('15/03/2026')).toBeNull();
  });

  it('fits a line and describes the correlation', () => {
    expect(leastSquares([{ x: 0, y: 1 }, { x: 1, y: 3 }, { x: 2, y: 5 }])).toEqual({ slope: 2, intercept: 1 });
    expect(leastSquares([{ x: 1, y: 1 }, { x: 1, y: 2 }])).toBeNull();
    expect(describeCorrelation(0.62, 48)).toBe('Moderate positive relationship (r = 0.62, n = 48): easier-to-read messages tended to be rated more useful.');
    expect(describeCorrelation(0.05, 10)).toBe('Little or no relationship (r = 0.05, n = 10).');
    expect(describeCorrelation(null, 2)).toContain('n = 2');
  });

  it('defaults to the last three months against the three before, and charts both', () => {
    const periods = defaultPeriods(new Date('2026-06-15T10:00:00Z'));

    expect(periods).toEqual({ from: '2026-03-16', to: '2026-06-15', compare: true, compareFrom: '2025-12-16', compareTo: '2026-03-15' });
    expect(chartSpan(periods)).toEqual({ from: '2025-12-16', to: '2026-06-15' });
    expect(chartSpan({ ...periods, compare: false })).toEqual({ from: '2026-03-16', to: '2026-06-15' });
  });
});

describe('outbox', () => {
  it('names the links a resident would follow, once each', () => {
    const text = 'Read it: https://wp.example/m/0b6f#r=abc.def\nUseful? https://wp.example/m/0b6f#r=abc.def&rate=5.\nStop: https://wp.example/unsubscribe#token=t1 https://wp.example/m/0b6f#r=abc.def';

    expect(linksIn(text)).toEqual([
      { href: 'https://wp.example/m/0b6f#r=abc.def', label: 'Message page (as this recipient)' },
      { href: 'https://wp.example/m/0b6f#r=abc.def&rate=5', label: 'Message page (as this recipient), rating 5 stars' },
      { href: 'https://wp.example/unsubscribe#token=t1', label: 'Unsubscribe' },
    ]);
  });
});
