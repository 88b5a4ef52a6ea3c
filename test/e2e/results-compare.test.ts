import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, launchChromium } from '../support/browser.ts';
import { signInAt } from '../support/staff.ts';
import { type PublicSurvey, getJson } from '../support/public-api.ts';

/**
 * Wave on wave as an analyst reads it: the change with its 95% interval, the unadjusted and the
 * adjusted p-value, the family p is adjusted across, a choice of level (ward, district, Impact
 * Area, force), and what "not significant" means for a small ward in words. It answers a question
 * of the two demo Impact Area waves that no other test file answers ("They can be relied on…"),
 * in three wards of one district, 30 a ward and wave, so its figures are known exactly whatever
 * else the shared stack holds: a third agreeing in wave 1, three fifths in wave 2.
 */

const appUrl = inject('appUrl');
const QUESTION = 'relied_on';
const PER_WARD = 30;
/** Agreeing (top two) of 30 in each ward: 10 in wave 1, 18 in wave 2 (every count at least 10, so shown). */
const [AGREES, DISAGREES] = ['strongly_agree', 'tend_to_disagree'];
const AGREE = { 1: 10, 2: 18 } as const;

let browser: Browser;
let close: () => Promise<void>;
let analyst: BrowserContext;
let page: Page;
let wards: string[];
let surveyIds: Record<1 | 2, string>;

/** Answers one wave through the public API, a few at a time: 30 a ward, `AGREE[wave]` of them agreeing. */
async function answerWave(wave: 1 | 2): Promise<string> {
  const survey = await getJson<PublicSurvey>(`/api/public/surveys/impact-area-wave-${wave}`);
  const bodies = wards.flatMap((ward) =>
    Array.from({ length: PER_WARD }, (_, i) => {
      const answers: Record<string, unknown> = { [QUESTION]: { optionId: i < AGREE[wave] ? AGREES : DISAGREES } };
      for (const question of survey.content.questions) {
        if (question.type === 'location') answers[question.id] = { wardCode: ward, method: 'chosen' };
        else if (question.type === 'ranking' && question.required) answers[question.id] = { ranking: question.options!.slice(0, question.pick).map((o) => o.id) };
      }
      return { id: randomUUID(), surveyId: survey.surveyId, version: survey.version, locale: 'en', answers };
    }),
  );
  const worker = async () => {
    for (let body = bodies.shift(); body !== undefined; body = bodies.shift()) {
      const response = await fetch(`${appUrl}/api/public/responses`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      expect(response.status, await response.clone().text()).toBeLessThan(300);
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
  return survey.surveyId;
}

beforeAll(async () => {
  const { districts } = await getJson<{ districts: { code: string; wards: { code: string }[] }[] }>('/api/public/wards');
  // The demo district whose first three wards form part of the demo's North Impact Area.
  wards = (districts.find((d) => d.code === 'E08900001') ?? districts[0]!).wards.slice(0, 3).map((w) => w.code);
  surveyIds = { 1: await answerWave(1), 2: await answerWave(2) };
}, 180_000);

beforeAll(async () => {
  ({ browser, close } = await launchChromium());
  analyst = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  page = await analyst.newPage();
  await signInAt(page, appUrl, 'analyst', `/staff/surveys/${surveyIds[2]}/results`);
  await page.goto(`${appUrl}/staff/surveys/${surveyIds[2]}/results?question=${QUESTION}&compare=${surveyIds[1]}`);
});
afterAll(async () => {
  await analyst?.close();
  await close?.();
});

const changeRow = (unit: string): Locator => page.getByTestId('change-table').locator(`tbody tr[data-unit="${unit}"]`);
const cells = async (row: Locator) => (await row.locator('td').allTextContents()).map((text) => text.trim());

/**
 * Chooses the level in the wave comparison and waits for that level's table. Each look is
 * bounded, so a comparison that failed to load is reported with what the panel says instead.
 */
async function compareBy(label: string, caption: string): Promise<void> {
  await page.getByLabel('Compare by', { exact: true }).selectOption({ label });
  const shown = async () => {
    const table = page.getByTestId('change-table').locator('caption');
    if ((await table.count()) > 0) return (await table.textContent({ timeout: 2_000 })) ?? '';
    return `no comparison table yet: ${(await page.locator('.res-compare').textContent({ timeout: 2_000 })) ?? ''}`;
  };
  await expect.poll(shown, { timeout: 40_000 }).toContain(caption);
}

describe('wave-on-wave change', () => {
  it('shows a small ward’s change with its interval and both p-values, and says in words why it is not significant', async () => {
    await page.getByTestId('change-table').waitFor({ timeout: 15_000 });
    expect(await page.getByLabel('Compare by', { exact: true }).inputValue()).toBe('ward');

    // 10/30 → 18/30: +26.7 points; Newcombe's interval 0.0152 to 0.4756 (from the Wilson intervals
    // 0.1923–0.5122 and 0.4232–0.7541); pooled z 2.070, p 0.0384; Holm over the three wards: 0.115.
    // Detectable at α 0.05 / 3 (z 2.394), share 29/62: 2.394 × √(0.4677 × 0.5323 × 2/30) = 0.308.
    for (const ward of wards) {
      expect(await cells(changeRow(ward))).toEqual([
        expect.stringMatching(/^Top two: /),
        '33.3% (n 30)',
        '60% (n 30)',
        '+26.7 pp',
        '+1.5 to +47.6 pp',
        '0.038',
        '0.115',
        'No. Too few responses to tell a change of this size from chance: with n = 30 and 30, a change would need to be about ±31 points to be detected.',
      ]);
    }
    const headers = await page.getByTestId('change-table').locator('thead th').allTextContents();
    expect(headers.slice(-4)).toEqual(['95% interval of the change', 'p (unadjusted)', 'Adjusted p (Holm)', 'Significant?']);
    expect(await page.getByTestId('compare-family').textContent()).toMatch(/^P-values are adjusted across a family of 3 comparisons: every compared answer to “They can be relied on.*” in every ward shown\./);
  });

  it('compares the district and the whole force, whose larger samples show the change as significant', async () => {
    await compareBy('Districts', 'by district');

    const district = page.getByTestId('change-table').locator('tbody tr[data-significant="true"]');
    expect(await district.count()).toBe(1);
    // 30/90 → 54/90: Newcombe 0.1212 to 0.3968; z 3.586, p 0.00034.
    expect((await cells(district)).slice(1)).toEqual(['33.3% (n 90)', '60% (n 90)', '+26.7 pp', '+12.1 to +39.7 pp', '< 0.001', '< 0.001', '▲ Yes, up']);

    await compareBy('Whole force', 'by force');

    expect((await cells(changeRow('force'))).slice(1)).toEqual(['33.3% (n 90)', '60% (n 90)', '+26.7 pp', '+12.1 to +39.7 pp', '< 0.001', '< 0.001', '▲ Yes, up']);
    expect(await page.getByTestId('compare-family').textContent()).toContain('a family of 1 comparison: every compared answer to “They can be relied on');
    expect(await page.getByTestId('compare-summary').textContent()).toMatch(/^1 significant change out of 1 comparable figures/);
  });

  it('compares Impact Areas too, adjusting across the areas shown', async () => {
    await compareBy('Impact Areas and neighbourhood teams', 'by area');

    expect(await page.getByTestId('compare-family').textContent()).toContain('in every area shown');
  });

  it('has no WCAG 2.2 A/AA violations that axe-core can detect, with the ward comparison and its notes shown', async () => {
    await compareBy('Wards', 'by ward');

    expect(await axeViolations(page)).toEqual([]);
  });
});
