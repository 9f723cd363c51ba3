/**
 * Changes and anomalies in daily series. Each day is compared with a weekday-aware baseline: the
 * median of the same weekday of up to four previous weeks when the series spans 4+ weeks, the
 * value 7 days earlier with 2-3 weeks, and no test below that. The residual (value / baseline - 1)
 * gets a robust z against the residuals of the days before it (median and scaled MAD), so one bad
 * day does not hide the next. The last day of the window is left out (it is often incomplete).
 * A collapse of volume (users or new users below half the baseline) is reported as a gap.
 */
import { twoSidedNormalP } from '../stats/distributions.js';
import { median, robustZ } from '../stats/robust.js';
import { formatChange, formatValue, weekday } from '../format.js';
import type { DailySeries } from '../metric-data.js';
import type { Candidate } from './candidate.js';

export type BaselineMode = 'weekday_median' | 'lag_7' | 'descriptive';

/** Minimum number of past residuals before a day is tested. */
const MIN_HISTORY = 7;
/** A day counts only with a change of at least this much against its baseline. */
export const MIN_DAILY_CHANGE = 0.2;
/** Share of the baseline below which a drop in volume is a collapse (a gap), not an anomaly. */
const COLLAPSE_BELOW = 0.5;
const VOLUME_METRICS = new Set(['dau', 'new_users']);

export function baselineMode(days: number): BaselineMode {
  if (days >= 28) return 'weekday_median';
  if (days >= 14) return 'lag_7';
  return 'descriptive';
}

/**
 * The baseline of each day (undefined when there is none): the same weekday of previous weeks,
 * each scaled by how the level moved since (the median of the 7 days before the day, over the
 * median of the 7 days before that weekday), so a growing product is not an anomaly every day.
 */
export function weekdayBaselines(values: readonly (number | null)[], mode: BaselineMode): (number | undefined)[] {
  const level = values.map((_, t) => (t < 7 ? undefined : median(values.slice(t - 7, t).map((v) => v ?? 0))));
  return values.map((_, t) => {
    if (mode === 'descriptive') return undefined;
    const lags = mode === 'lag_7' ? [7] : [7, 14, 21, 28];
    const scaled: number[] = [];
    for (const lag of lags) {
      const past = values[t - lag];
      const then = level[t - lag];
      const now = level[t];
      if (past === null || past === undefined || then === undefined || now === undefined || then <= 0) continue;
      scaled.push((past * now) / then);
    }
    return scaled.length === 0 ? undefined : median(scaled);
  });
}

/** The minimum count behind a day (baseline volume, denominator) for its change to count. */
function countOk(series: DailySeries, baseline: number, n: number): string | undefined {
  switch (series.unit) {
    case 'count':
      return baseline >= 20 ? undefined : 'the usual volume is below 20';
    case 'rate':
      if (n < 30) return 'fewer than 30 users behind the rate';
      return n * baseline >= 5 && n * (1 - baseline) >= 5 ? undefined : 'fewer than 5 users expected on either side of the rate';
    case 'currency':
      return n >= 30 ? undefined : 'fewer than 30 paying users that day';
    case 'currency_per_user':
      return n >= 30 ? undefined : 'fewer than 30 users behind the average';
  }
}

/** Share of the revenue change the number of paying users must follow (same direction). */
const MIN_PAYER_SHARE = 0.25;

/**
 * A revenue change counts when the number of paying users moved with it, by at least a quarter
 * of the revenue's relative change: a day made by a few large purchases is not a change.
 */
function payersFollow(baselines: readonly (number | undefined)[] | undefined, points: readonly DailySeries['points'][number][], t: number, change: number): string | undefined {
  const payers = points[t]?.payers;
  const base = baselines?.[t];
  if (baselines === undefined || payers === undefined || base === undefined || base <= 0) return undefined;
  const moved = payers / base - 1;
  return Math.sign(moved) === Math.sign(change) && Math.abs(moved) >= MIN_PAYER_SHARE * Math.abs(change)
    ? undefined
    : `paying users did not move with it (${formatChange(moved)}): a few large purchases`;
}

export function anomalyCandidates(series: DailySeries): Candidate[] {
  const points = series.points.slice(0, -1); // the last day may be incomplete
  const mode = baselineMode(points.length);
  if (mode === 'descriptive') return [];
  const values = points.map((p) => p.value);
  const baselines = weekdayBaselines(values, mode);
  const residuals: (number | undefined)[] = points.map((p, t) => {
    const b = baselines[t];
    return p.value === null || b === undefined || b <= 0 ? undefined : p.value / b - 1;
  });
  const payerBaselines = points.some((p) => p.payers !== undefined) ? weekdayBaselines(points.map((p) => p.payers ?? null), mode) : undefined;
  const out: Candidate[] = [];
  for (let t = 0; t < points.length; t++) {
    const r = residuals[t];
    const b = baselines[t];
    const point = points[t]!;
    if (r === undefined || b === undefined || point.value === null) continue;
    if (series.metric === 'dau' && point.value === 0) continue; // a day with nobody active is a gap of its own (gaps.ts)
    const history = residuals.slice(0, t).filter((x): x is number => x !== undefined);
    if (history.length < MIN_HISTORY) continue;
    const z = robustZ(r, history);
    if (z === undefined) continue;
    const value = point.value;
    const collapse = VOLUME_METRICS.has(series.metric) && value < COLLAPSE_BELOW * b;
    const small = Math.abs(r) < MIN_DAILY_CHANGE ? `the change (${formatChange(r)}) is below ${formatChange(MIN_DAILY_CHANGE).replace('+', '')}` : (countOk(series, b, point.n) ?? payersFollow(payerBaselines, points, t, r));
    const baselineLabel = mode === 'lag_7' ? 'the same weekday a week earlier, scaled to the recent level' : 'the median of the same weekday in up to 4 previous weeks, scaled to the recent level';
    const day = `${point.date} (${weekday(point.date)})`;
    const summary = collapse
      ? `${series.label} collapsed on ${day}: ${formatValue(value, series.unit)} against a usual ${formatValue(b, series.unit)} for that weekday (${formatChange(r)}, robust z ${z.toFixed(1)}, {q}); volume this low inside the window points to missing data rather than a real change.`
      : `${series.label} on ${day} was ${formatValue(value, series.unit)}, ${formatChange(r)} against ${baselineLabel} (${formatValue(b, series.unit)}; robust z ${z.toFixed(1)}, {q}).`;
    out.push({
      key: `${collapse ? 'gap' : 'anomaly'}:${series.metric}:event_date=${point.date}`,
      kind: collapse ? 'gap' : 'anomaly',
      metric: series.metric,
      metricLabel: series.label,
      table: series.table,
      where: { event_date: point.date },
      unit: series.unit,
      value,
      baseline: b,
      baselineLabel,
      n: point.n,
      interval: null,
      test: { name: 'robust_z', statistic: z, p: twoSidedNormalP(z) },
      ...(small === undefined ? {} : { belowMinimum: small }),
      summary,
      weight: collapse ? 2 : 1,
      keepWhenNotSignificant: false,
    });
  }
  return out;
}
