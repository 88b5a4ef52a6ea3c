/**
 * Survey results, pure: the units results are read at and their roll-ups, the counters of a
 * question, disclosure control over every level at once, the cells of the results contract and
 * wave-on-wave comparison. Staff-only, so a subpath (`@wardpulse/analytics/results`): the public
 * Lambda, which imports the package root, never loads it.
 */
export * from './units.ts';
export * from './questions.ts';
export * from './disclosure.ts';
export * from './project.ts';
export * from './compare.ts';
