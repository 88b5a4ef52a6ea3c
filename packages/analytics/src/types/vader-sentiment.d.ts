// vader-sentiment (a CommonJS port of VADER) ships no types; this covers the one call we make.
declare module 'vader-sentiment' {
  /** neg/neu/pos are shares of the text (sum ≈ 1); compound is the normalised sum in −1..1, 4 dp. */
  interface PolarityScores {
    neg: number;
    neu: number;
    pos: number;
    compound: number;
  }
  const vader: {
    SentimentIntensityAnalyzer: { polarity_scores(text: string): PolarityScores };
  };
  export = vader;
}
