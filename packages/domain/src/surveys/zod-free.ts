/**
 * The part of the survey domain a resident's phone needs to answer a survey, with no zod in its
 * import graph: `@wardpulse/domain` (the index) pulls zod into any bundle that imports it.
 * Types are the schemas' own inferred types (erased at build time), never redeclared.
 */
export { LOCALE_INFO, LOCALES, localise, type Locale, type LocalisedText } from './locales.ts';
export { DONT_KNOW, DONT_KNOW_LABEL, PREFER_NOT_TO_SAY_LABEL, SCALES, type ScalePoint } from './scales.ts';
export { conditionHolds, isVisible, visibleQuestions } from './visibility.ts';
export { parsePostcodeQuery, type PostcodeQuery } from '../postcode.ts';
export type { Text } from './i18n.ts';
export type { ChoiceQuestion, Condition, Option, Question, QuestionType } from './questions.ts';
export type { Answer, Answers, ResponseSubmission } from './answers.ts';
export type { SurveyContent } from './survey.ts';
export type { PostcodeLocation, WardCandidate } from '../geography.ts';
