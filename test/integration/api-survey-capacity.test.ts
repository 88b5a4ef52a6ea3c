import { randomUUID } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { CAPACITY, measureCapacity, SUBMIT_FIXED_ITEMS } from '@wardpulse/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestTable } from '../support/api.ts';
import { largestSurvey, longestAnswers } from '../support/largest-survey.ts';
import { startTestIssuer, type TestIssuer } from '../support/test-issuer.ts';

let issuer: TestIssuer;
let testApp: ReturnType<typeof createTestApp>;
let tableName: string;
let officer: Record<string, string>;
let analyst: Record<string, string>;

const request = async (method: string, path: string, headers: Record<string, string> = {}, body?: unknown) =>
  testApp.app.request(path, { method, headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });

beforeAll(async () => {
  issuer = await startTestIssuer();
  tableName = await createTestTable();
  testApp = createTestApp({ issuer, tableName });
  officer = { authorization: `Bearer ${await issuer.token({ roles: ['officer'], username: 'owen' })}` };
  analyst = { authorization: `Bearer ${await issuer.token({ roles: ['analyst'] })}` };
});
afterAll(async () => {
  await issuer.stop();
});

describe('the largest survey an officer may publish', () => {
  const content = largestSurvey();
  const report = measureCapacity(content);

  it('is large: several aggregate parts, a body near the limit', () => {
    // Without the split its counters would be one update far past DynamoDB's 4 KB expression limit.
    expect(report.layout.mainParts).toBeGreaterThan(1);
    expect([...report.layout.breakdownParts.values()].some((parts) => parts > 1)).toBe(true);
    expect(report.submissionBytes).toBeGreaterThan(CAPACITY.submissionBytes - 1_024);
  });

  it('takes its longest possible response exactly once, counted in every part, with no drift', async () => {
    const created = (await (await request('POST', '/api/staff/surveys', officer, { template: 'priorities', slug: 'largest-survey' })).json()) as { survey: { id: string; revision: number } };
    const saved = await request('PUT', `/api/staff/surveys/${created.survey.id}/draft`, officer, { expectedRevision: created.survey.revision, content });
    expect(saved.status).toBe(200);
    const detail = (await saved.json()) as { survey: { revision: number }; checks: { severity: string; code: string }[] };
    expect(detail.checks.filter((c) => c.severity === 'error')).toEqual([]);
    const published = await request('POST', `/api/staff/surveys/${created.survey.id}/publish`, officer, { expectedRevision: detail.survey.revision });
    expect(published.status).toBe(200);

    const body = { id: randomUUID(), surveyId: created.survey.id, version: 1, locale: 'en', answers: longestAnswers(content, 'E05001278') };
    const bytes = Buffer.byteLength(JSON.stringify(body));
    expect(bytes).toBeGreaterThan(CAPACITY.submissionBytes - 4_096);
    expect(bytes).toBeLessThanOrEqual(CAPACITY.submissionBytes);

    const first = await request('POST', '/api/public/responses', {}, body);
    expect(first.status).toBe(201);
    const again = await request('POST', '/api/public/responses', {}, body);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ ...((await first.json()) as object), replayed: true });

    // One item per part for this ward and shard, each within DynamoDB's item limit.
    const { Items = [] } = await testApp.client.send(new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `AGG#${created.survey.id}#V1` } }));
    // itemsPerSubmit counts the response, its receipt, the survey check and the allowance too.
    expect(Items).toHaveLength(report.itemsPerSubmit - SUBMIT_FIXED_ITEMS);

    const { main, breakdown } = await testApp.repositories.responses.aggregates(created.survey.id, 1);
    const ward = main.get('E05001278')!;
    expect(ward.n).toBe(1);
    const multiples = content.questions.filter((q) => q.type === 'multiple');
    for (const question of multiples) expect(ward[`${question.id}#o#${question.options[29]!.id}`]).toBe(1);
    const demographic = content.questions.find((q) => q.type === 'demographic')!;
    const last = 'options' in demographic ? demographic.options.at(-1)!.id : '';
    expect(breakdown.get('E05001278')![`x#${demographic.id}#${last}#${multiples.at(-1)!.id}#n`]).toBe(1);

    const verify = await request('GET', `/api/staff/surveys/${created.survey.id}/versions/1/verify`, analyst);
    expect(verify.status).toBe(200);
    expect(await verify.json()).toMatchObject({ responses: 1, drift: [] });
  });
});
