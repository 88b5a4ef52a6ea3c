import type { Adjustment, QuestionResult, ShareCell, SurveyResults, WaveChangeRow, WaveComparison } from '@wardpulse/domain';
import { differenceInterval, minimumDetectableDifference } from '../change.ts';
import { adjustPValues, twoProportionTest } from '../tests.ts';
import { NONE } from './units.ts';

/** The row id used for a Likert question's top-2 box in a wave comparison. */
export const TOP_TWO = 'top2';

const COMPARED: readonly QuestionResult['type'][] = ['single', 'multiple', 'ranking', 'likert'];

const vintagesOf = (results: SurveyResults) => [...new Set(results.versions.flatMap((v) => (v.boundaryVintage ? [v.boundaryVintage] : [])))].sort();

/** A unit took part in a wave when it has respondents (shown or withheld), not when it merely exists in the geography. */
const presentUnits = (results: SurveyResults) => results.units.filter((unit) => unit.code !== NONE && unit.respondents.status !== 'empty');

/**
 * Wave-on-wave change per unit and option, from the two waves' (already disclosure-controlled)
 * results. Pure. A row is comparable only when both waves show the figure; comparable rows get a
 * pooled two-proportion z test, the 95 % interval of the change and the smallest change their
 * samples could detect, with p adjusted across every comparable row of the table (the family).
 * Likert questions compare their top-2 box; 0–10, text and demographic questions are not compared.
 * Nothing is computed from a withheld cell: such a row keeps every figure null.
 */
export function compareResults(before: SurveyResults, after: SurveyResults, options: { questionId?: string; adjust: Adjustment; alpha: number }): WaveComparison {
  const beforeUnits = presentUnits(before);
  const afterUnits = presentUnits(after);
  const beforeCodes = new Set(beforeUnits.map((u) => u.code));
  const afterCodes = new Set(afterUnits.map((u) => u.code));
  const both = afterUnits.filter((u) => beforeCodes.has(u.code));

  const rows: WaveChangeRow[] = [];
  for (const question of after.questions) {
    if (options.questionId !== undefined && question.id !== options.questionId) continue;
    const earlier = before.questions.find((q) => q.id === question.id);
    if (!earlier || earlier.type !== question.type || !COMPARED.includes(question.type)) continue;
    const series =
      question.type === 'likert'
        ? [{ id: TOP_TWO, label: `Top two: ${question.options.slice(0, 2).map((o) => o.label).join(' + ')}`, cell: (q: QuestionResult, unit: string) => q.units[unit]?.topTwo }]
        : question.options.filter((o) => earlier.options.some((e) => e.id === o.id)).map((o) => ({ id: o.id, label: o.label, cell: (q: QuestionResult, unit: string) => q.units[unit]?.options[o.id] }));
    for (const option of series) {
      for (const unit of both) {
        const beforeCell: ShareCell = option.cell(earlier, unit.code) ?? { status: 'empty' };
        const afterCell: ShareCell = option.cell(question, unit.code) ?? { status: 'empty' };
        const row: WaveChangeRow = {
          unitCode: unit.code,
          unitName: unit.name,
          questionId: question.id,
          optionId: option.id,
          optionLabel: option.label,
          before: beforeCell,
          after: afterCell,
          difference: null,
          z: null,
          p: null,
          pAdjusted: null,
          significant: false,
          level: after.level,
          differenceInterval: null,
          detectable: null,
        };
        if (beforeCell.status === 'shown' && afterCell.status === 'shown') {
          // Before first, so the difference, z and interval are after − before.
          const test = twoProportionTest(beforeCell.count, beforeCell.n, afterCell.count, afterCell.n);
          const interval = differenceInterval(beforeCell.count, beforeCell.n, afterCell.count, afterCell.n);
          row.difference = test.difference;
          row.z = test.z;
          row.p = test.p;
          row.differenceInterval = { lower: interval.lower, upper: interval.upper };
        }
        rows.push(row);
      }
    }
  }
  const comparable = rows.filter((row) => row.p !== null);
  const adjusted = adjustPValues(
    comparable.map((row) => row.p!),
    options.adjust,
  );
  // A change passes either adjustment on its own (whatever the other rows do) at α / family size.
  const familyAlpha = options.alpha / Math.max(1, comparable.length);
  comparable.forEach((row, index) => {
    const pAdjusted = adjusted[index]!;
    row.pAdjusted = pAdjusted;
    row.significant = pAdjusted < options.alpha;
    if (row.before.status === 'shown' && row.after.status === 'shown') row.detectable = detectableChange(row.before, row.after, familyAlpha);
  });

  const beforeVintages = vintagesOf(before);
  const afterVintages = vintagesOf(after);
  return {
    before: { surveyId: before.survey.id, title: before.survey.title, wave: before.survey.wave, boundaryVintages: beforeVintages },
    after: { surveyId: after.survey.id, title: after.survey.title, wave: after.survey.wave, boundaryVintages: afterVintages },
    vintageDiffers: beforeVintages.join() !== afterVintages.join(),
    onlyBefore: beforeUnits.filter((u) => !afterCodes.has(u.code)).map((u) => u.code),
    onlyAfter: afterUnits.filter((u) => !beforeCodes.has(u.code)).map((u) => u.code),
    level: after.level,
    adjustment: options.adjust,
    alpha: options.alpha,
    familySize: comparable.length,
    disclosure: after.disclosure,
    rows,
  };
}

/**
 * The smallest change the two samples could show as significant at `alpha`, for shares near the
 * row's pooled share — nudged off 0 and 1 (one success and one failure added) so a share nobody
 * or everybody chose still gives a size rather than 0.
 */
function detectableChange(before: { count: number; n: number }, after: { count: number; n: number }, alpha: number): number {
  const share = (before.count + after.count + 1) / (before.n + after.n + 2);
  return minimumDetectableDifference(before.n, after.n, { share, alpha });
}
