/** What the survey designer edits and how it finds its fields: the edits saved together, their problems, the dialogs. */
import { trackTranslations, type SurveyContent, type Targeting } from '@wardpulse/domain';
import { datesProblems, type Dates } from './DetailsEditor.tsx';
import { type Path } from './draft.ts';
import { fieldDomId, schemaProblems, translationDomId, type Problem } from './problems.ts';
import { targetingProblems } from './TargetingEditor.tsx';

export type View = 'questions' | 'translations';
export type DialogState = null | { kind: 'publish' } | { kind: 'close' } | { kind: 'next-wave' } | { kind: 'delete'; index: number };

/** What the editor holds besides the questions, saved with them. */
export interface Edits {
  content: SurveyContent;
  dates: Dates;
  targeting: Targeting;
}

/** A draft as the editor compares it: with a fingerprint for every translation, as the API stores it. */
export const normalised = (content: SurveyContent) => trackTranslations(content, content);

/** What stops the edits being saved: the API would refuse them. */
export const editsProblems = (edits: Edits): Problem[] => [...schemaProblems(edits.content), ...datesProblems(edits.dates), ...targetingProblems(edits.targeting)];

/** Focuses the field at a path, or the nearest enclosing one the page shows. */
export function focusPath(path: Path, view: View) {
  const domId = view === 'translations' ? translationDomId : fieldDomId;
  for (let length = path.length; length > 0; length--) {
    const element = document.getElementById(domId(path.slice(0, length)));
    if (!element) continue;
    const focusable = element.matches('input, select, textarea, button, a[href], [tabindex]')
      ? element
      : (element.querySelector<HTMLElement>('[data-missing="true"]') ?? element.querySelector<HTMLElement>('input:not([disabled]), select, textarea, button'));
    (focusable ?? element).focus();
    (focusable ?? element).scrollIntoView({ block: 'center' });
    return;
  }
}

