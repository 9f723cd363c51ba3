/**
 * Week-over-week direction of the main series over the window: complete weeks (7 days from the
 * first date; the last, possibly incomplete, day left out) aggregated (a sum, or the mean for
 * daily active users), the Mann-Kendall test for a monotonic trend and the Theil-Sen slope for
 * its size. Needs at least 4 complete weeks.
 */
import { formatChange, formatValue } from '../format.js';
import type { DailySeries } from '../metric-data.js';
import { mannKendall, theilSenSlope } from '../stats/trend.js';
import type { Candidate } from './candidate.js';

const TREND_METRICS: Readonly<Record<string, 'sum' | 'mean'>> = { dau: 'mean', new_users: 'sum', revenue: 'sum' };
export const MIN_WEEKS = 4;
/** A trend counts only when the slope is at least this share of the mean week. */
const MIN_WEEKLY_CHANGE = 0.01;

export function weeklyValues(series: DailySeries, how: 'sum' | 'mean'): number[] {
  const points = series.points.slice(0, -1);
  const weeks = Math.floor(points.length / 7);
  const out: number[] = [];
  for (let w = 0; w < weeks; w++) {
    const days = points.slice(w * 7, w * 7 + 7).map((p) => p.value ?? 0);
    const sum = days.reduce((s, v) => s + v, 0);
    out.push(how === 'sum' ? sum : sum / 7);
  }
  return out;
}

export function trendCandidates(series: DailySeries): Candidate[] {
  const how = TREND_METRICS[series.metric];
  if (how === undefined) return [];
  const weekly = weeklyValues(series, how);
  if (weekly.length < MIN_WEEKS) return [];
  const test = mannKendall(weekly);
  const slope = theilSenSlope(weekly);
  const mean = weekly.reduce((s, v) => s + v, 0) / weekly.length;
  const relative = mean === 0 ? 0 : slope / mean;
  const label = how === 'mean' ? `${series.label} (weekly mean)` : `${series.label} (weekly total)`;
  const verb = slope > 0 ? 'rose' : slope < 0 ? 'fell' : 'stayed flat';
  return [{
    key: `trend:${series.metric}`,
    kind: 'trend',
    metric: series.metric,
    metricLabel: label,
    table: series.table,
    where: { weeks: String(weekly.length), from: series.points[0]!.date },
    unit: series.unit,
    value: mean + slope,
    baseline: mean,
    baselineLabel: 'the mean week',
    n: weekly.length,
    interval: null,
    test: { name: 'mann_kendall', statistic: test.statistic, p: test.p },
    ...(Math.abs(relative) < MIN_WEEKLY_CHANGE ? { belowMinimum: `the slope is below ${MIN_WEEKLY_CHANGE * 100}% of the mean week` } : {}),
    summary: `${label} ${verb} over ${weekly.length} weeks: ${slope >= 0 ? '+' : '-'}${formatValue(Math.abs(slope), series.unit)} a week (Theil-Sen, ${formatChange(relative)} of the mean week of ${formatValue(mean, series.unit)}; Mann-Kendall, {q}).`,
    weight: 1,
    keepWhenNotSignificant: true,
  }];
}
