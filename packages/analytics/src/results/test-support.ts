/** Fixtures the results and KPI tests share: a four-ward force of two districts, and the priorities template as published. */
import { SurveyVersionSchema, TEMPLATES } from '@wardpulse/domain';
import { resultQuestions } from './questions.ts';
import type { ResultGeography } from './units.ts';

/** North (Abbey, Brook) and South (Castle, Dale); the Centre area spans Brook and Castle. */
export const FOUR_WARDS: ResultGeography = {
  vintage: '2025-05',
  districts: [
    { code: 'E08000001', name: 'North' },
    { code: 'E08000002', name: 'South' },
  ],
  wards: [
    { code: 'E05000001', name: 'Abbey', districtCode: 'E08000001' },
    { code: 'E05000002', name: 'Brook', districtCode: 'E08000001' },
    { code: 'E05000003', name: 'Castle', districtCode: 'E08000002' },
    { code: 'E05000004', name: 'Dale', districtCode: 'E08000002' },
  ],
  areas: [{ id: 'centre', name: 'Centre', wardCodes: ['E05000002', 'E05000003'] }],
};

/** The questions of the priorities template, published as version 1 of survey `s1`. */
export const prioritiesQuestions = () =>
  resultQuestions([
    SurveyVersionSchema.parse({
      surveyId: 's1',
      version: 1,
      kind: 'priorities',
      seriesId: 'priorities',
      wave: 1,
      slug: 'priorities-w1',
      targeting: { scope: 'force' },
      content: TEMPLATES.priorities.content,
      publishedAt: '2026-11-01T00:00:00.000Z',
      publishedBy: 'officer',
      boundaryVintage: '2025-05',
      retentionDays: 730,
    }),
  ]);
