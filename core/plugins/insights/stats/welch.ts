/**
 * Welch's unequal-variance t test from summary statistics only (count, sum, sum of squares), so a
 * mean such as revenue per user can be compared without reading a user-level row.
 */
import { twoSidedTP } from './distributions.js';

export interface Moments {
  readonly n: number;
  readonly sum: number;
  readonly sumSquares: number;
}

export interface WelchResult {
  readonly test: 'welch_t';
  readonly statistic: number;
  readonly df: number;
  readonly p: number;
  readonly meanA: number;
  readonly meanB: number;
}

/** Mean and unbiased sample variance from moments. */
export function meanAndVariance(m: Moments): { mean: number; variance: number } {
  const mean = m.sum / m.n;
  const variance = m.n > 1 ? Math.max(0, (m.sumSquares - m.n * mean * mean) / (m.n - 1)) : 0;
  return { mean, variance };
}

export function welchFromMoments(a: Moments, b: Moments): WelchResult | undefined {
  if (a.n < 2 || b.n < 2) return undefined;
  const x = meanAndVariance(a);
  const y = meanAndVariance(b);
  const va = x.variance / a.n;
  const vb = y.variance / b.n;
  const se = Math.sqrt(va + vb);
  if (se === 0) return undefined;
  const t = (x.mean - y.mean) / se;
  const df = (va + vb) ** 2 / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
  return { test: 'welch_t', statistic: t, df, p: twoSidedTP(t, df), meanA: x.mean, meanB: y.mean };
}
