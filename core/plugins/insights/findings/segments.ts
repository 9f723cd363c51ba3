/**
 * Segments against the rest: each value of a dimension (a channel, a country) is compared with
 * every other user. Proportions (retention, conversion, payer rate) use the two-proportion z test,
 * or Fisher's exact test when an expected cell count is below 5, with a Wilson interval; means
 * (revenue per user) use Welch's test from count, sum and sum of squares (of values capped at a
 * high percentile when the reader gives them, against heavy tails). Values with fewer than
 * 10 users are merged into one cell, so no small group is singled out.
 */
import { formatChange, formatValue } from '../format.js';
import type { SegmentCell, SegmentMetric } from '../metric-data.js';
import { compareProportions, wilson } from '../stats/proportions.js';
import { meanAndVariance, welchFromMoments } from '../stats/welch.js';
import type { Candidate } from './candidate.js';

export const MIN_CELL_USERS = 10;
/** A segment is tested only with at least this many users. */
const MIN_TESTED_USERS = 30;
/** ... and counts as significant only with this many users and a relative difference this large. */
const MIN_SIGNIFICANT_USERS = 100;
export const MIN_SEGMENT_CHANGE = 0.1;

export function mergeSmallCells(cells: readonly SegmentCell[]): SegmentCell[] {
  const small = cells.filter((c) => c.n < MIN_CELL_USERS);
  const kept = cells.filter((c) => c.n >= MIN_CELL_USERS);
  if (small.length === 0) return [...kept];
  const segment = `(${small.length} value${small.length === 1 ? '' : 's'} with fewer than ${MIN_CELL_USERS} users)`;
  const n = small.reduce((s, c) => s + c.n, 0);
  const first = small[0]!;
  const merged: SegmentCell = first.type === 'proportion'
    ? { type: 'proportion', segment, n, k: small.reduce((s, c) => s + (c.type === 'proportion' ? c.k : 0), 0) }
    : { type: 'mean', segment, n, sum: small.reduce((s, c) => s + (c.type === 'mean' ? c.sum : 0), 0), sumSquares: small.reduce((s, c) => s + (c.type === 'mean' ? c.sumSquares : 0), 0) };
  return [...kept, merged];
}

export function segmentCandidates(metric: SegmentMetric): Candidate[] {
  const cells = mergeSmallCells(metric.cells).sort((a, b) => a.segment.localeCompare(b.segment));
  if (cells.length < 2) return [];
  const out: Candidate[] = [];
  for (const cell of cells) {
    if (cell.n < MIN_TESTED_USERS) continue;
    const rest = cells.filter((c) => c !== cell);
    const candidate = cell.type === 'proportion' ? proportionCandidate(metric, cell, rest) : meanCandidate(metric, cell, rest);
    if (candidate !== undefined) out.push(candidate);
  }
  return out;
}

function base(metric: SegmentMetric, segment: string): Pick<Candidate, 'key' | 'kind' | 'metric' | 'metricLabel' | 'table' | 'where' | 'unit' | 'baselineLabel' | 'weight' | 'keepWhenNotSignificant'> {
  return {
    key: `segment:${metric.metric}:${metric.dimension}=${segment}`,
    kind: 'segment',
    metric: metric.metric,
    metricLabel: metric.label,
    table: metric.table,
    where: { [metric.dimensionLabel]: segment },
    unit: metric.unit,
    baselineLabel: `the other ${metric.dimensionLabel === 'country' ? 'countries' : `${metric.dimensionLabel}s`}' users`,
    weight: 1.5,
    keepWhenNotSignificant: true,
  };
}

function minimum(n: number, change: number | null): string | undefined {
  if (n < MIN_SIGNIFICANT_USERS) return `fewer than ${MIN_SIGNIFICANT_USERS} users`;
  if (change === null || Math.abs(change) < MIN_SEGMENT_CHANGE) return `the difference is below ${MIN_SEGMENT_CHANGE * 100}% of the rest's value`;
  return undefined;
}

function proportionCandidate(metric: SegmentMetric, cell: SegmentCell & { type: 'proportion' }, rest: readonly SegmentCell[]): Candidate | undefined {
  const nRest = rest.reduce((s, c) => s + c.n, 0);
  const kRest = rest.reduce((s, c) => s + (c.type === 'proportion' ? c.k : 0), 0);
  if (nRest === 0) return undefined;
  const test = compareProportions(cell.k, cell.n, kRest, nRest);
  const value = cell.k / cell.n;
  const baseline = kRest / nRest;
  const interval = wilson(cell.k, cell.n);
  const change = baseline === 0 ? null : value / baseline - 1;
  const small = minimum(cell.n, change) ?? (cell.k < 5 && kRest < 5 ? 'fewer than 5 events' : undefined);
  return {
    ...base(metric, cell.segment),
    value,
    baseline,
    n: cell.n,
    interval,
    test: { name: test.test, statistic: test.statistic, p: test.p },
    ...(small === undefined ? {} : { belowMinimum: small }),
    summary: `${metric.label} of ${metric.dimensionLabel} ${cell.segment} is ${formatValue(value, 'rate')} (95% CI ${formatValue(interval.low, 'rate')}-${formatValue(interval.high, 'rate')}, ${cell.k.toLocaleString('en-US')} of ${cell.n.toLocaleString('en-US')} users) against ${formatValue(baseline, 'rate')} for the rest${change === null ? '' : ` (${formatChange(change)})`}, {q}.`,
  };
}

function meanCandidate(metric: SegmentMetric, cell: SegmentCell & { type: 'mean' }, rest: readonly SegmentCell[]): Candidate | undefined {
  // The test runs on the capped (winsorized) moments when there are some: heavy tails make a plain
  // t test on revenue too eager; the value and baseline shown are the plain means.
  const tested = (c: SegmentCell & { type: 'mean' }) => c.capped ?? { sum: c.sum, sumSquares: c.sumSquares };
  const means = rest.filter((c): c is SegmentCell & { type: 'mean' } => c.type === 'mean');
  const other = means.reduce((m, c) => ({ n: m.n + c.n, sum: m.sum + tested(c).sum, sumSquares: m.sumSquares + tested(c).sumSquares }), { n: 0, sum: 0, sumSquares: 0 });
  const own = { n: cell.n, ...tested(cell) };
  const test = welchFromMoments(own, other);
  if (test === undefined) return undefined;
  const plain = { n: cell.n, sum: cell.sum, sumSquares: cell.sumSquares };
  const { mean: value, variance } = meanAndVariance(plain);
  const half = 1.96 * Math.sqrt(variance / plain.n);
  const restN = means.reduce((s, c) => s + c.n, 0);
  const baseline = restN === 0 ? 0 : means.reduce((s, c) => s + c.sum, 0) / restN;
  const change = baseline === 0 ? null : value / baseline - 1;
  const small = minimum(cell.n, change);
  return {
    ...base(metric, cell.segment),
    value,
    baseline,
    n: cell.n,
    interval: { low: value - half, high: value + half },
    test: { name: 'welch_t', statistic: test.statistic, p: test.p },
    ...(small === undefined ? {} : { belowMinimum: small }),
    ...(Math.sign(test.meanA - test.meanB) !== Math.sign(value - baseline) && small === undefined ? { belowMinimum: 'the capped and plain means disagree in direction' } : {}),
    summary: `${metric.label} of ${metric.dimensionLabel} ${cell.segment} is ${formatValue(value, metric.unit)} (${cell.n.toLocaleString('en-US')} users) against ${formatValue(baseline, metric.unit)} for the rest${change === null ? '' : ` (${formatChange(change)})`}, {q}.`,
  };
}
