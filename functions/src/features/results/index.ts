export { compareWaves, computeSurveyResults, disclosureRule, seriesSurveys, textInsights, TEXT_LIMIT, type CompareOptions, type ResultsOptions } from './service.ts';
export { compareResults, TOP_TWO } from '@wardpulse/analytics/results';
export { SeriesSchema, TextInsightsSchema, type Series, type TextInsights } from './schemas.ts';
