import { seedDemoData } from '@wardpulse/dev';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestTable } from '../support/api.ts';
import { startTestIssuer, type TestIssuer } from '../support/test-issuer.ts';

let issuer: TestIssuer;
let testApp: ReturnType<typeof createTestApp>;
let analyst: Record<string, string>;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies, checked field by field

beforeAll(async () => {
  issuer = await startTestIssuer();
  testApp = createTestApp({ issuer, tableName: await createTestTable() });
  analyst = { authorization: `Bearer ${await issuer.token({ roles: ['analyst'] })}` };
  await seedDemoData(testApp.repositories);
});
afterAll(async () => {
  await issuer.stop();
});

describe('demo messages', () => {
  it('seeds 50 clearly labelled synthetic messages once, however often dev starts', async () => {
    const before = await testApp.repositories.messages.list();
    const sample = await testApp.repositories.messageEngagement.aggregates(before[0]!.id);

    await seedDemoData(testApp.repositories);

    const after = await testApp.repositories.messages.list();
    expect(before).toHaveLength(50);
    expect(after.map((m) => m.id).sort()).toEqual(before.map((m) => m.id).sort());
    expect(await testApp.repositories.messageEngagement.aggregates(before[0]!.id)).toEqual(sample);
    expect(after.every((m) => m.title.startsWith('(synthetic demo)') && m.status === 'sent' && m.style !== undefined)).toBe(true);
    expect(after.filter((m) => m.style === 'legacy')).toHaveLength(25);
  });

  it('shows the pilot’s kind of shift from the legacy style to the three-part style', async () => {
    const messages = await testApp.repositories.messages.list();
    const legacy = messages.filter((m) => m.style === 'legacy');
    const threePart = messages.filter((m) => m.style === 'three-part');
    const lastLegacy = legacy.map((m) => m.sentAt!).sort().at(-1)!;
    const firstThreePart = threePart.map((m) => m.sentAt!).sort()[0]!;
    const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

    const response = await request(`/api/staff/messages/kpis?level=district&from=${firstThreePart}&compareTo=${firstThreePart}`);

    expect(lastLegacy < firstThreePart).toBe(true);
    expect(mean(threePart.map((m) => m.readability.score))).toBeGreaterThan(mean(legacy.map((m) => m.readability.score)) + 3);
    const report = (await response.json()) as Json;
    expect(report.messages).toBe(25);
    const change = (measure: string) => (report.comparison.rows as Json[]).find((row) => row.unitCode === 'force' && row.measure === measure)!;
    for (const measure of ['satisfaction', 'interactionRate', 'shareRate']) expect(change(measure)).toMatchObject({ significant: true, relativeChange: expect.any(Number) });
    expect(change('satisfaction').before.share).toBeLessThan(0.8);
    expect(change('satisfaction').after.share).toBeGreaterThan(0.9);
    expect(change('interactionRate').relativeChange).toBeGreaterThan(0.1);
    expect(change('shareRate').relativeChange).toBeGreaterThan(0.25);
  });

  it('relates readability to satisfaction across all the demo messages', async () => {
    const report = (await (await request('/api/staff/messages/kpis?level=force')).json()) as Json;

    expect(report.messages).toBe(50);
    expect(report.scatter.n).toBeGreaterThan(40);
    expect(report.scatter.r).toBeGreaterThan(0.5);
  });
});

function request(path: string) {
  return testApp.app.request(path, { headers: analyst });
}
