export { newSurvey, publishSurvey, submitResponse, verifyAggregates, type VerifyReport } from './service.ts';
