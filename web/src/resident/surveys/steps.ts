/** The runner's pages as addresses: which step a path names, and the path of a step. */
import type { SurveyContent } from '@wardpulse/domain';
import type { SurveyFactsInput } from './survey-facts.tsx';

/** What the runner needs of `GET /api/public/surveys/{slug}`. */
export interface RunnableSurvey extends SurveyFactsInput {
  surveyId: string;
  version: number;
  slug: string;
  content: SurveyContent;
  open: boolean;
  closedReason?: string;
}

export type Step = { kind: 'intro' } | { kind: 'question'; id: string; returnToCheck: boolean } | { kind: 'check' } | { kind: 'done' };

/** `/s/<slug>` → intro, `/s/<slug>/q/<id>` → a question, `/s/<slug>/check`, `/s/<slug>/done`. */
export function parseStep(rest: string, search: string): Step | null {
  if (rest === '' || rest === '/') return { kind: 'intro' };
  const question = /^\/q\/([a-z][a-z0-9_]*)$/.exec(rest);
  if (question) return { kind: 'question', id: question[1]!, returnToCheck: new URLSearchParams(search).get('return') === 'check' };
  if (rest === '/check') return { kind: 'check' };
  if (rest === '/done') return { kind: 'done' };
  return null;
}

export const stepPath = (slug: string, step: 'intro' | 'check' | 'done' | { question: string; returnToCheck?: boolean }) =>
  typeof step === 'string' ? (step === 'intro' ? `/s/${slug}` : `/s/${slug}/${step}`) : `/s/${slug}/q/${step.question}${step.returnToCheck ? '?return=check' : ''}`;

export const pageKey = (step: Step) => (step.kind === 'question' ? `q:${step.id}` : step.kind);

