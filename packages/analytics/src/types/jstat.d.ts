// jstat (a UMD build) ships no types; this covers the calls we make.
declare module 'jstat' {
  const jStat: {
    normal: {
      /** P(X ≤ x) for X ~ N(mean, sd²). */
      cdf(x: number, mean: number, sd: number): number;
      /** The p-quantile of N(mean, sd²). */
      inv(p: number, mean: number, sd: number): number;
    };
    studentt: {
      /** The p-quantile of Student's t with `dof` degrees of freedom. */
      inv(p: number, dof: number): number;
    };
  };
  export = jStat;
}
