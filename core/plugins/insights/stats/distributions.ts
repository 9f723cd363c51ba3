/**
 * The distributions the findings engine needs, from @stdlib (checked against published tables in
 * test/insights/stats.test.ts): normal CDF and quantile, Student's t CDF, hypergeometric PMF, and
 * Benjamini-Hochberg adjustment.
 */
import hypergeometricPmf from '@stdlib/stats-base-dists-hypergeometric-pmf';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import padjust from '@stdlib/stats-padjust';

/** P(Z <= z) for the standard normal. */
export const phi = (z: number): number => normalCdf(z, 0, 1);

/** The standard normal quantile. */
export const phiInverse = (p: number): number => normalQuantile(p, 0, 1);

/** Two-sided p-value of a standard normal statistic (computed in the tail, no cancellation). */
export const twoSidedNormalP = (z: number): number => Math.min(1, 2 * phi(-Math.abs(z)));

/** Two-sided p-value of a Student's t statistic with `df` degrees of freedom. */
export const twoSidedTP = (t: number, df: number): number => Math.min(1, 2 * tCdf(-Math.abs(t), df));

/** P(X = k) drawing `draws` from `total` items of which `successes` are successes. */
export const hypergeometric = (k: number, total: number, successes: number, draws: number): number => hypergeometricPmf(k, total, successes, draws);

/** Benjamini-Hochberg adjusted q-values, in the order of `pValues`. */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  if (pValues.length === 0) return [];
  return padjust([...pValues], 'bh');
}
