/**
 * Trend direction of a short series: the Mann-Kendall test (normal approximation with the tie
 * correction and a continuity correction) and the Theil-Sen slope (median of pairwise slopes).
 */
import { twoSidedNormalP } from './distributions.js';
import { median } from './robust.js';

export interface MannKendall {
  readonly test: 'mann_kendall';
  readonly s: number;
  readonly variance: number;
  readonly statistic: number;
  readonly p: number;
}

export function mannKendall(values: readonly number[]): MannKendall {
  const n = values.length;
  let s = 0;
  for (let i = 0; i < n - 1; i++) {
    for (let j = i + 1; j < n; j++) s += Math.sign(values[j]! - values[i]!);
  }
  const ties = new Map<number, number>();
  for (const v of values) ties.set(v, (ties.get(v) ?? 0) + 1);
  let tieTerm = 0;
  for (const t of ties.values()) tieTerm += t * (t - 1) * (2 * t + 5);
  const variance = (n * (n - 1) * (2 * n + 5) - tieTerm) / 18;
  const z = variance <= 0 ? 0 : s > 0 ? (s - 1) / Math.sqrt(variance) : s < 0 ? (s + 1) / Math.sqrt(variance) : 0;
  return { test: 'mann_kendall', s, variance, statistic: z, p: twoSidedNormalP(z) };
}

/** Median of (y_j - y_i) / (j - i) over every pair i < j, for values at unit steps. */
export function theilSenSlope(values: readonly number[]): number {
  const slopes: number[] = [];
  for (let i = 0; i < values.length - 1; i++) {
    for (let j = i + 1; j < values.length; j++) slopes.push((values[j]! - values[i]!) / (j - i));
  }
  return median(slopes);
}
