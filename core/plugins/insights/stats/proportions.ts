/**
 * Tests and intervals for proportions: the Wilson score interval, the pooled two-proportion z test,
 * and Fisher's exact test (two-sided, by summing the tables no more likely than the observed one)
 * for small counts.
 */
import { hypergeometric, phiInverse, twoSidedNormalP } from './distributions.js';

export interface Interval {
  readonly low: number;
  readonly high: number;
}

/** Wilson score interval of k successes in n trials at the given confidence (default 95%). */
export function wilson(k: number, n: number, confidence = 0.95): Interval {
  if (n <= 0) return { low: 0, high: 1 };
  const z = phiInverse(1 - (1 - confidence) / 2);
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export interface ProportionTest {
  readonly test: 'two_proportion_z' | 'fisher_exact';
  /** z for the z test; the odds ratio for Fisher's test. */
  readonly statistic: number;
  readonly p: number;
}

/** Pooled two-proportion z test of k1/n1 against k2/n2. */
export function twoProportionZ(k1: number, n1: number, k2: number, n2: number): ProportionTest {
  const pooled = (k1 + k2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return { test: 'two_proportion_z', statistic: 0, p: 1 };
  const z = (k1 / n1 - k2 / n2) / se;
  return { test: 'two_proportion_z', statistic: z, p: twoSidedNormalP(z) };
}

/** Fisher's exact test of the 2x2 table [[k1, n1-k1], [k2, n2-k2]], two-sided. */
export function fisherExact(k1: number, n1: number, k2: number, n2: number): ProportionTest {
  const total = n1 + n2;
  const successes = k1 + k2;
  const lo = Math.max(0, successes - n2);
  const hi = Math.min(successes, n1);
  const observed = hypergeometric(k1, total, successes, n1);
  let p = 0;
  for (let k = lo; k <= hi; k++) {
    const pk = hypergeometric(k, total, successes, n1);
    if (pk <= observed * (1 + 1e-7)) p += pk;
  }
  const odds = ((k1 + 0) * (n2 - k2)) / ((n1 - k1) * k2);
  return { test: 'fisher_exact', statistic: Number.isFinite(odds) ? odds : Number.POSITIVE_INFINITY, p: Math.min(1, p) };
}

/** The z test when every expected cell count is at least 5, Fisher's exact test otherwise. */
export function compareProportions(k1: number, n1: number, k2: number, n2: number): ProportionTest {
  const pooled = (k1 + k2) / (n1 + n2);
  const expected = [n1 * pooled, n1 * (1 - pooled), n2 * pooled, n2 * (1 - pooled)];
  return expected.every((e) => e >= 5) ? twoProportionZ(k1, n1, k2, n2) : fisherExact(k1, n1, k2, n2);
}
