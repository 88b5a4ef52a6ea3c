/**
 * The topics residents sign up for, in the order the sign-up form offers them, with their labels.
 * A constants module: no zod in its import graph, so the residents' pages import it
 * (`@wardpulse/domain/constants/topics`); `TopicSchema` in messages/schemas.ts is built on it.
 */

export const TOPICS = ['burglary', 'asb', 'road_safety', 'scams', 'vehicle_crime', 'drugs', 'violence', 'events', 'general'] as const;
export type Topic = (typeof TOPICS)[number];

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
