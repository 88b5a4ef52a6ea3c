import type { Topic } from '@wardpulse/domain';

/**
 * The topics residents can sign up for, in the order the form offers them. The domain's
 * `TOPICS` / `TOPIC_LABELS` live beside its zod schemas, and importing them would put zod in
 * the residents' bundle, so this is a type-checked copy (every `Topic` must appear) that a unit
 * test holds equal to the domain's.
 */
export const TOPIC_LABELS: Record<Topic, string> = {
  burglary: 'Burglary',
  asb: 'Anti-social behaviour',
  road_safety: 'Road safety',
  scams: 'Scams and fraud',
  vehicle_crime: 'Vehicle crime',
  drugs: 'Drugs',
  violence: 'Violence',
  events: 'Events and meetings',
  general: 'General updates',
};

export const TOPICS = Object.keys(TOPIC_LABELS) as Topic[];
