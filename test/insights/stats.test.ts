/**
 * The statistics the findings engine relies on, against published values: normal and t tables,
 * Newcombe's (1998) Wilson intervals, Fisher's exact test on Wikipedia's dieting table, R's
 * p.adjust(method = 'BH'), and hand-computed Mann-Kendall, Theil-Sen and Welch statistics.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { benjaminiHochberg, phi, phiInverse, twoSidedNormalP, twoSidedTP } from '../../core/plugins/insights/stats/distributions.js';
import { compareProportions, fisherExact, twoProportionZ, wilson } from '../../core/plugins/insights/stats/proportions.js';
import { median, robustZ, scaledMad } from '../../core/plugins/insights/stats/robust.js';
import { mannKendall, theilSenSlope } from '../../core/plugins/insights/stats/trend.js';
import { welchFromMoments } from '../../core/plugins/insights/stats/welch.js';

const close = (actual: number, expected: number, tolerance: number, what: string): void => {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} is not within ${tolerance} of ${expected}`);
};

test('normal CDF and quantile match the standard table to 1e-9, also deep in the tail', () => {
  close(phi(1.96), 0.9750021048517795, 1e-12, 'Phi(1.96)');
  close(phi(-3), 0.0013498980316301, 1e-12, 'Phi(-3)');
  close(phi(0), 0.5, 1e-15, 'Phi(0)');
  close(phiInverse(0.975), 1.959963984540054, 1e-9, 'Phi^-1(0.975)');
  // Far tail: a table-based CDF would return 0 here; 2 * Phi(-8) = 1.2442e-15.
  close(twoSidedNormalP(8) / 1.2441921148543e-15, 1, 1e-6, 'two-sided p at z = 8 (relative)');
});

test("Student's t: the 97.5% points of the t table give two-sided p = 0.05", () => {
  close(twoSidedTP(2.228138851986274, 10), 0.05, 1e-9, 't(10)');
  close(twoSidedTP(12.70620473617471, 1), 0.05, 1e-9, 't(1)');
  close(twoSidedTP(-2.000297821058262, 60), 0.05, 1e-9, 't(60), negative t');
});

test("Wilson intervals match Newcombe (1998), method 3", () => {
  const cases: [number, number, number, number][] = [
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ];
  for (const [k, n, low, high] of cases) {
    const ci = wilson(k, n);
    close(ci.low, low, 5e-5, `${k}/${n} low`);
    close(ci.high, high, 5e-5, `${k}/${n} high`);
  }
});

test("Fisher's exact test: the dieting table (p = 0.002759) and the lady tasting tea (p = 0.4857)", () => {
  close(fisherExact(1, 12, 9, 12).p, 0.002759456, 1e-8, 'dieting');
  close(fisherExact(3, 4, 1, 4).p, 0.4857143, 1e-7, 'tea');
  assert.is(compareProportions(3, 4, 1, 4).test, 'fisher_exact'); // expected counts of 2 are below 5
});

test('two-proportion z test: 15/50 against 25/50 (pooled) gives z = -2.0412, p = 0.04123', () => {
  const result = twoProportionZ(15, 50, 25, 50);
  close(result.statistic, -2.041241452, 1e-8, 'z');
  close(result.p, 0.04122683, 1e-7, 'p');
  assert.is(compareProportions(15, 50, 25, 50).test, 'two_proportion_z');
});

test('Welch test from count, sum and sum of squares equals the test on the raw values', () => {
  const x = [1, 2, 3, 4, 5];
  const y = [2, 4, 6, 8, 10, 12];
  const moments = (v: number[]) => ({ n: v.length, sum: v.reduce((s, a) => s + a, 0), sumSquares: v.reduce((s, a) => s + a * a, 0) });
  const result = welchFromMoments(moments(x), moments(y))!;
  // By hand: means 3 and 7, variances 2.5 and 14: t = -4 / sqrt(0.5 + 14/6), df by Welch-Satterthwaite.
  close(result.statistic, -4 / Math.sqrt(0.5 + 14 / 6), 1e-12, 't');
  close(result.df, (0.5 + 14 / 6) ** 2 / (0.25 / 4 + (14 / 6) ** 2 / 5), 1e-9, 'df');
  close(result.p, twoSidedTP(result.statistic, result.df), 1e-15, 'p');
  assert.ok(result.p > 0.04 && result.p < 0.06, `p ${result.p}`);
});

test('Benjamini-Hochberg equals R p.adjust(c(0.01, 0.04, 0.03, 0.005), "BH")', () => {
  const q = benjaminiHochberg([0.01, 0.04, 0.03, 0.005]);
  assert.equal(q.map((v) => Number(v.toFixed(10))), [0.02, 0.04, 0.04, 0.02]);
  assert.equal(benjaminiHochberg([]), []);
});

test('Mann-Kendall on 8 rising values: S = 28, var = 65.33, z = 3.3404; ties reduce the variance', () => {
  const mk = mannKendall([1, 2, 3, 4, 5, 6, 7, 8]);
  assert.is(mk.s, 28);
  close(mk.variance, 65.3333333, 1e-6, 'variance');
  close(mk.statistic, 27 / Math.sqrt(65.3333333333), 1e-9, 'z');
  close(mk.p, 0.000836, 2e-6, 'p');
  const tied = mannKendall([1, 1, 2, 3]);
  assert.is(tied.s, 5);
  close(tied.variance, (4 * 3 * 13 - 2 * 1 * 9) / 18, 1e-12, 'tied variance');
  assert.is(mannKendall([5, 4, 3, 2, 1]).s, -10);
});

test('Theil-Sen slope ignores an outlier; median, MAD and robust z', () => {
  assert.is(theilSenSlope([1, 3, 5, 7, 100, 11]), 2);
  assert.is(median([3, 1, 2]), 2);
  assert.is(median([4, 1, 2, 3]), 2.5);
  close(scaledMad([1, 2, 3, 4, 100]), 1.4826, 1e-12, 'MAD');
  close(robustZ(10, [1, 2, 3, 4, 100])!, 7 / 1.4826, 1e-12, 'robust z');
  assert.is(robustZ(5, [2, 2, 2]), undefined);
});

test.run();
