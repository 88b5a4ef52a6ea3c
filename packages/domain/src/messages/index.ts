export * from './schemas.ts';
export * from './kpi-report.ts';
export { BODY_PARTS, LONG_SENTENCE_WORDS, MESSAGE_PARTS, type MessagePart, type MessageText } from './prose.ts';
export { JARGON, type JargonEntry, type JargonMatch, findJargon } from './jargon.ts';
export { READABILITY_SCALE, measureReadability, readabilityScore } from './readability.ts';
export { MAX_BODY_WORDS, coachMessage } from './coaching.ts';
export { type BodyPart, PART_QUESTIONS, checkMessage } from './checks.ts';
