export * from './proportion.ts';
