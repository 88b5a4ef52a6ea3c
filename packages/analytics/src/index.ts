export * from './proportion.ts';
export * from './sentiment.ts';
