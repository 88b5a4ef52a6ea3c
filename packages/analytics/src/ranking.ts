/**
 * Summary of a ranking question ("put your top 3 in order") for one option: its mean position
 * among those who ranked it, and Borda points per respondent.
 */

export interface RankingSummary {
  /** Mean position (1 = first) among respondents who placed the option; null if nobody did. */
  meanRank: number | null;
  /**
   * Borda points per respondent who answered the question: a ranking at position k of `pick`
   * scores pick − k + 1 (first of 3 scores 3, third scores 1, unranked 0). Null when nobody answered.
   */
  borda: number | null;
}

/**
 * @param positionCounts times the option was ranked at each position (1-based) up to `pick`
 * @param respondents respondents who answered the question (its base)
 * @param pick how many places residents were asked to fill
 *
 * @example
 * rankingSummary({ 1: 6, 2: 3, 3: 1 }, 20, 3) // { meanRank: 1.5, borda: 1.25 }
 */
export function rankingSummary(positionCounts: Record<number, number>, respondents: number, pick: number): RankingSummary {
  if (!Number.isInteger(pick) || pick < 1) throw new RangeError(`pick must be a whole number >= 1, got ${pick}`);
  if (!Number.isInteger(respondents) || respondents < 0) {
    throw new RangeError(`respondents must be a whole number >= 0, got ${respondents}`);
  }
  let ranked = 0;
  let positions = 0;
  let points = 0;
  for (const [key, count] of Object.entries(positionCounts)) {
    const position = Number(key);
    if (!Number.isInteger(position) || position < 1 || position > pick) {
      throw new RangeError(`positions must be whole numbers within 1..${pick}, got ${key}`);
    }
    if (!Number.isInteger(count) || count < 0) throw new RangeError(`counts must be whole numbers >= 0, got ${count}`);
    ranked += count;
    positions += position * count;
    points += (pick - position + 1) * count;
  }
  // Each respondent places an option at most once, so it cannot be ranked by more of them than answered.
  if (ranked > respondents) throw new RangeError(`option ranked ${ranked} times by ${respondents} respondents`);
  return {
    meanRank: ranked === 0 ? null : positions / ranked,
    borda: respondents === 0 ? null : points / respondents,
  };
}
