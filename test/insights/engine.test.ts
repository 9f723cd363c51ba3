/**
 * The findings engine on synthetic aggregates (no database): weekday-aware anomalies, the
 * descriptive-only short series, gaps told apart from true zeros, segments with small counts,
 * and one Benjamini-Hochberg family for the whole run.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { findFindings } from '../../core/plugins/insights/engine.js';
import { baselineMode, weekdayBaselines } from '../../core/plugins/insights/findings/anomalies.js';
import type { DailySeries, MetricData, SegmentMetric } from '../../core/plugins/insights/metric-data.js';
import { datesBetween } from '../../core/plugins/insights/read-metrics.js';

const DATES = datesBetween('2026-01-05', '2026-03-01'); // 8 weeks from a Monday
const WEEKLY = [1, 1, 1, 1, 1.1, 1.4, 1.3]; // Monday .. Sunday

/** A deterministic wobble of about ±3%, so MADs are not zero. */
const wobble = (i: number): number => 1 + 0.03 * Math.sin(i * 2.3) * Math.cos(i * 0.7);

function series(metric: string, values: readonly number[], unit: DailySeries['unit'] = 'count'): DailySeries {
  return { metric, label: metric, table: 't', unit, points: values.map((v, i) => ({ date: DATES[i]!, value: v, n: Math.round(v) })) };
}

const dau = (override: (i: number, v: number) => number = (_, v) => v): number[] => DATES.map((_, i) => override(i, Math.round(1000 * WEEKLY[i % 7]! * wobble(i))));

function data(parts: Partial<MetricData>): MetricData {
  return { window: { minDate: DATES[0]!, maxDate: DATES[DATES.length - 1]! }, series: [], segments: [], dimensionDaily: [], funnel: null, headlines: [], skipped: [], ...parts };
}

test('baseline modes: same weekday of 4 weeks from 28 days, lag-7 from 14, descriptive below', () => {
  assert.is(baselineMode(28), 'weekday_median');
  assert.is(baselineMode(27), 'lag_7');
  assert.is(baselineMode(14), 'lag_7');
  assert.is(baselineMode(13), 'descriptive');
  const flat = weekdayBaselines([10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 50], 'lag_7');
  assert.is(flat[14], 10);
  assert.is(flat[3], undefined);
});

test('a weekly pattern is no anomaly; a drop on one day is, with its direction', () => {
  const quiet = findFindings(data({ series: [series('dau', dau())] }), new Map());
  assert.is(quiet.significant, 0, JSON.stringify(quiet.findings.filter((f) => f.significant)));
  assert.ok(quiet.familySize > 30, `${quiet.familySize} tests`);

  const day = 45;
  const dropped = findFindings(data({ series: [series('dau', dau((i, v) => (i === day ? Math.round(v * 0.6) : v)))] }), new Map());
  const hits = dropped.findings.filter((f) => f.significant);
  assert.is(hits.length, 1, JSON.stringify(hits));
  assert.equal([hits[0]!.where, hits[0]!.direction, hits[0]!.kind, hits[0]!.id], [{ event_date: DATES[day] }, 'down', 'anomaly', 'F1']);
  assert.ok(hits[0]!.change! < -0.35 && hits[0]!.change! > -0.45, `change ${hits[0]!.change}`);
});

test('below half the baseline, users collapsing is a gap; a day with nobody active is a gap without a test', () => {
  const result = findFindings(data({ series: [series('dau', dau((i, v) => (i === 40 ? Math.round(v * 0.1) : i === 50 ? 0 : v)))] }), new Map());
  const collapse = result.findings.find((f) => f.where['event_date'] === DATES[40]);
  assert.equal([collapse?.kind, collapse?.significant, collapse?.direction], ['gap', true, 'down']);
  const empty = result.findings.find((f) => f.key === `gap:dau:event_date=${DATES[50]}`);
  assert.equal([empty?.kind, empty?.test, empty?.value], ['gap', null, 0]);
});

test('the last day is never tested (it may be incomplete), and a series under 14 days is descriptive only', () => {
  const lastLow = findFindings(data({ series: [series('dau', dau((i, v) => (i === DATES.length - 1 ? 10 : v)))] }), new Map());
  assert.not.ok(lastLow.findings.some((f) => f.where['event_date'] === DATES[DATES.length - 1]));
  const short = findFindings(data({ series: [series('dau', dau().slice(0, 13).map((v, i) => (i === 10 ? 5 : v)))] }), new Map());
  assert.is(short.familySize, 0);
});

test('a channel that stops reporting is a gap; a small channel with expected zeros is not', () => {
  const rows = DATES.flatMap((date, i) => [
    ...(i < 40 ? [{ segment: 'big', date, count: 30 }] : []),
    ...(i % 6 === 0 ? [{ segment: 'sparse', date, count: 4 }] : []),
  ]);
  const result = findFindings(data({ dimensionDaily: [{ metric: 'new_users', table: 'by_channel', dimension: 'channel', dates: DATES, rows }] }), new Map());
  const big = result.findings.find((f) => f.where['channel'] === 'big');
  assert.equal([big?.kind, big?.significant, big?.where['from']], ['gap', true, DATES[40]]);
  assert.match(big!.summary, 'stopped reporting');
  assert.not.ok(result.findings.some((f) => f.where['channel'] === 'sparse' && f.significant));
});

function proportions(metric: string, cells: [string, number, number][]): SegmentMetric {
  return { metric, label: metric, table: 't', dimension: 'channel', dimensionLabel: 'channel', unit: 'rate', cells: cells.map(([segment, n, k]) => ({ type: 'proportion' as const, segment, n, k })) };
}

test('segments: a real difference is significant; a big difference on few users is not; tiny cells are merged', () => {
  const result = findFindings(data({ segments: [proportions('retention_d1', [['a', 3000, 900], ['b', 3000, 910], ['weak', 1500, 240], ['tiny', 60, 3], ['x', 4, 0], ['y', 5, 1]])] }), new Map());
  const by = (segment: string) => result.findings.find((f) => f.where['channel'] === segment);
  assert.equal([by('weak')?.significant, by('weak')?.direction, by('weak')?.test?.name], [true, 'down', 'two_proportion_z']);
  assert.is(by('tiny')?.significant, false);
  assert.is(by('tiny')?.test?.name, 'two_proportion_z');
  const rare = findFindings(data({ segments: [proportions('payer_rate', [['a', 3000, 60], ['b', 3000, 66], ['small', 40, 2]])] }), new Map());
  assert.is(rare.findings.find((f) => f.where['channel'] === 'small')?.test?.name, 'fisher_exact', 'an expected count below 5 takes the exact test');
  assert.is(by('x'), undefined, 'cells under 10 users are not shown alone');
  assert.is(by('y'), undefined);
  assert.is(by('a')?.baseline, (910 + 240 + 3 + 0 + 1) / (3000 + 1500 + 60 + 4 + 5), 'small cells still count in the rest');
  const interval = by('weak')!.interval!;
  assert.ok(interval.low < 0.16 && interval.high > 0.16, JSON.stringify(interval));
});

test('one Benjamini-Hochberg family: the same p-value is adjusted by every other test of the run', () => {
  const segment = proportions('retention_d1', [['a', 2000, 600], ['b', 2000, 560]]);
  const alone = findFindings(data({ segments: [segment] }), new Map());
  const withSeries = findFindings(data({ segments: [segment], series: [series('dau', dau())] }), new Map());
  const q = (r: typeof alone) => r.findings.find((f) => f.where['channel'] === 'a')!.test!;
  assert.is(q(alone).p, q(withSeries).p);
  assert.ok(q(withSeries).q > q(alone).q, `${q(withSeries).q} vs ${q(alone).q}`);
  assert.ok(withSeries.familySize > alone.familySize);
});

test('a revenue spike counts only when paying users move with it; otherwise it is a few large purchases', () => {
  const revenue = (payersOnSpike: number): DailySeries => ({
    metric: 'revenue',
    label: 'Revenue',
    table: 't',
    unit: 'currency',
    points: DATES.map((date, i) => {
      const payers = Math.round(60 * WEEKLY[i % 7]! * wobble(i));
      return { date, value: i === 45 ? payers * 3 * 2.5 : payers * 2.5, n: i === 45 ? payersOnSpike : payers, payers: i === 45 ? payersOnSpike : payers };
    }),
  });
  const whale = findFindings(data({ series: [revenue(60)] }), new Map()).findings.find((f) => f.where['event_date'] === DATES[45]);
  assert.equal([whale?.significant, whale?.direction], [undefined, undefined], 'not kept when not significant');
  const promo = findFindings(data({ series: [revenue(170)] }), new Map()).findings.find((f) => f.where['event_date'] === DATES[45]);
  assert.equal([promo?.significant, promo?.direction, promo?.kind], [true, 'up', 'anomaly']);
});

test('revenue per user is tested on capped moments: one whale does not make a segment significant', () => {
  const cell = (segment: string, n: number, sum: number, sumSquares: number, capped: { sum: number; sumSquares: number }) => ({ type: 'mean' as const, segment, n, sum, sumSquares, capped });
  // 'whale' has the others' spending plus one user with 500: the plain mean triples, the capped one barely moves.
  const metric: SegmentMetric = {
    metric: 'revenue_per_user', label: 'Revenue per user', table: 't', dimension: 'channel', dimensionLabel: 'channel', unit: 'currency_per_user',
    cells: [cell('a', 2000, 400, 4000, { sum: 400, sumSquares: 4000 }), cell('b', 2000, 410, 4100, { sum: 410, sumSquares: 4100 }), cell('whale', 2000, 900, 254000, { sum: 420, sumSquares: 4300 })],
  };
  const whale = findFindings(data({ segments: [metric] }), new Map()).findings.find((f) => f.where['channel'] === 'whale')!;
  assert.ok(whale.value > 2 * whale.baseline!, `plain means shown: ${whale.value} vs ${whale.baseline}`);
  assert.is(whale.significant, false);
  assert.ok(whale.test!.p > 0.3, `capped test p ${whale.test!.p}`);
});

test.run();
