import { describe, expect, it } from 'vitest';
import { autosaveText, clockTime } from './useAutosave.ts';

describe('autosave status line', () => {
  it('says when the changes were saved, that they are being saved, or why they were not', () => {
    const at = '2026-12-02T14:02:31.000Z';

    expect(autosaveText({ state: 'saved', at })).toEqual({ headline: 'All changes saved', detail: clockTime(at) });
    expect(clockTime(at)).toMatch(/^\d{2}:\d{2}$/);
    expect(autosaveText({ state: 'saved', at: null })).toEqual({ headline: 'All changes saved', detail: null });
    expect(autosaveText({ state: 'pending' }).headline).toBe('Unsaved changes');
    expect(autosaveText({ state: 'saving' }).headline).toBe('Saving…');
    expect(autosaveText({ state: 'held', reason: 'Question 2: Enter the English text.' }).headline).toBe('Not saved: Question 2: Enter the English text.');
    expect(autosaveText({ state: 'failed', reason: 'Could not reach WardPulse.', conflict: false }).headline).toBe('Not saved: Could not reach WardPulse.');
    expect(autosaveText({ state: 'failed', reason: 'someone else changed this survey.', conflict: true })).toEqual({ headline: 'Unsaved changes', detail: 'Not saved: someone else changed this survey.' });
  });
});
