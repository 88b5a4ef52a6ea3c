import { describe, expect, it } from 'vitest';
import { datesText, dayInputsText, duplicateTitleWarning, formatDay, targetText, type AreaNames } from './labels.ts';

const names: AreaNames = {
  districts: new Map([
    ['E08000028', 'Sandwell'],
    ['E08000027', 'Dudley'],
  ]),
  areas: new Map([['smethwick', { name: 'Smethwick', kind: 'impact-area' }]]),
};

describe('what tells surveys apart', () => {
  it('writes days the en-GB way, with the last day a survey is open', () => {
    const opens = new Date(2026, 11, 2).toISOString();
    const closes = new Date(2027, 0, 1).toISOString();

    expect(formatDay(new Date(2026, 11, 2))).toBe('2 Dec 2026');
    expect(datesText({ opensAt: opens, closesAt: closes })).toBe('2 Dec 2026 to 31 Dec 2026');
    expect(datesText({ opensAt: opens })).toBe('From 2 Dec 2026, no closing date');
    expect(datesText({})).toBe('No dates set');
    expect(dayInputsText({ opensAt: '2026-12-02', closesAt: '' })).toBe('From 2 Dec 2026, no closing date');
  });

  it('names who a survey is for when the names are known', () => {
    expect(targetText({ scope: 'force' }, names)).toBe('Whole force');
    expect(targetText({ scope: 'districts', codes: ['E08000028', 'E08000027'] }, names)).toBe('Sandwell and Dudley');
    expect(targetText({ scope: 'areas', ids: ['smethwick'] }, names)).toBe('Smethwick Impact Area');
    expect(targetText({ scope: 'areas', ids: ['smethwick'] }, null)).toBe('1 area');
    expect(targetText({ scope: 'wards', codes: ['a', 'b', 'c'] }, names)).toBe('3 wards');
  });

  it('warns, without blocking, when another survey already has the title, whatever its case and spacing', () => {
    const others = [
      { id: 'a', title: 'Your Priorities, Your Plan', wave: 1 },
      { id: 'b', title: 'your priorities,  your plan', wave: 2 },
      { id: 'c', title: 'Policing in your neighbourhood', wave: 1 },
    ];

    expect(duplicateTitleWarning('Your Priorities, Your Plan', others, 'a')).toBe(
      'Another survey is already called “Your Priorities, Your Plan” (wave 2). Residents and staff see the title first, so add what makes this one different, such as the area or the year. You can still keep this title.',
    );
    expect(duplicateTitleWarning(' Your Priorities, Your Plan ', others, null)).toMatch(/^2 other surveys are already called “Your Priorities, Your Plan” \(waves 1 and 2\)\./);
    expect(duplicateTitleWarning('Your Priorities 2027', others, null)).toBeNull();
  });
});
