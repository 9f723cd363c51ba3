/**
 * The report's data shaping: small literal cases for each rule, then the whole gathering stage on
 * a real DuckDB build of the sample, checked against the same figures computed in SQL.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { gatherReportData } from '../../core/plugins/report/gather-report-data.js';
import type { MetricRows } from '../../core/plugins/report/metric-rows.js';
import { formatValue } from '../../core/plugins/report/format-value.js';
import { insightsSection } from '../../core/plugins/report/read-artifacts.js';
import { topWithOther } from '../../core/plugins/report/shape-daily.js';
import { formatValue as formatShown } from '../../src/show/format-value.js';
import { funnelSection, funnelSteps, largestDropOff } from '../../core/plugins/report/shape-funnel.js';
import { changeOf, kpiSet, periods } from '../../core/plugins/report/shape-kpis.js';
import { retentionGrid } from '../../core/plugins/report/shape-retention.js';
import { queryDb } from '../support/duckdb-project.js';
import { SAMPLE_DATABASE, sampleBuild } from './sample-build.js';

const close = (actual: number | null, expected: number, what: string): void => {
  assert.ok(actual !== null && Math.abs(actual - expected) < 1e-9, `${what}: ${actual} is not ${expected}`);
};

test('funnel: conversion from the start and from the previous step; the largest drop-off is the largest share lost', () => {
  const steps = funnelSteps(200, [{ step: 1, name: 'login', users: 180 }, { step: 2, name: 'tutorial', users: 90 }, { step: 3, name: 'level', users: 60 }, { step: 4, name: 'iap', users: 0 }]);
  assert.equal(steps.map((s) => [s.fromStart, s.fromPrevious]), [[0.9, 0.9], [0.45, 0.5], [0.3, 60 / 90], [0, 0]]);
  // iap loses every user of the step before it (100%), more than tutorial's 50%.
  assert.equal(largestDropOff(200, steps), { fromName: 'level', toName: 'iap', step: 4, lostShare: 1, lostUsers: 60 });
  // A step after an empty one has no conversion from it (null), and is never the drop-off.
  const empty = funnelSteps(10, [{ step: 1, name: 'a', users: 0 }, { step: 2, name: 'b', users: 0 }]);
  assert.equal(empty.map((s) => s.fromPrevious), [0, null]);
  assert.is(largestDropOff(10, empty)?.toName, 'a');
  // A tie goes to the earlier step; nothing lost is no drop-off.
  assert.is(largestDropOff(100, funnelSteps(100, [{ step: 1, name: 'a', users: 50 }, { step: 2, name: 'b', users: 25 }]))?.toName, 'a');
  assert.is(largestDropOff(5, funnelSteps(5, [{ step: 1, name: 'a', users: 5 }])), null);
});

test('funnel: the incomplete last cohort date is left out of the sums', () => {
  const rows: MetricRows = {
    newUsers: [{ date: '2026-01-01', newUsers: 10 }, { date: '2026-01-02', newUsers: 20 }],
    funnel: [
      { cohort: '2026-01-01', step: 1, stepName: 'login', users: 8 },
      { cohort: '2026-01-02', step: 1, stepName: 'login', users: 2 },
    ],
  };
  const funnel = funnelSection(rows, '2026-01-02')!;
  assert.equal([funnel.newUsers, funnel.steps[0]!.users, funnel.cohorts], [10, 8, { from: '2026-01-01', to: '2026-01-01' }]);
});

test('retention grid: blank where day N is not observable, a weighted mean row, a cohort too young for any day all blank', () => {
  const rows: MetricRows = {
    newUsers: [{ date: '2026-01-01', newUsers: 100 }, { date: '2026-01-02', newUsers: 300 }, { date: '2026-01-03', newUsers: 50 }],
    retention: [
      { cohort: '2026-01-01', dayN: 1, cohortUsers: 100, retainedUsers: 40 },
      { cohort: '2026-01-01', dayN: 2, cohortUsers: 100, retainedUsers: 20 },
      { cohort: '2026-01-02', dayN: 1, cohortUsers: 300, retainedUsers: 60 },
    ],
  };
  const grid = retentionGrid(rows, [1, 2, 3, 4, 5, 6, 7, 14, 30])!;
  assert.equal(grid.days, [1, 2, 3, 4, 5, 6, 7, 14, 30]);
  assert.equal(grid.rows.map((r) => [r.cohort, r.users, r.cells.slice(0, 3)]), [
    ['2026-01-01', 100, [0.4, 0.2, null]],
    ['2026-01-02', 300, [0.2, null, null]],
    ['2026-01-03', 50, [null, null, null]],
  ]);
  // Weighted by cohort size over the cohorts observable on the day: (40 + 60) / (100 + 300), not the mean of 40% and 20%.
  assert.equal(grid.mean.slice(0, 3), [0.25, 0.2, null]);
  assert.equal(grid.meanUsers.slice(0, 3), [400, 100, 0]);
  // A week's curve stops where one of its cohorts cannot be observed: here its third cohort reaches no day yet.
  assert.equal(grid.curves, []);
  const older = retentionGrid({ ...rows, newUsers: rows.newUsers!.slice(0, 2) }, [1, 2, 3, 4, 5, 6, 7, 14, 30])!;
  assert.equal(older.curves.map((c) => [c.name, c.cells.slice(0, 2)]), [['2026-01-01 to 2026-01-02', [0.25, null]]]);
});

test('KPIs: the last complete days against the days before them; the change is relative, and none against a zero', () => {
  assert.equal(periods(['a', 'b', 'c', 'd', 'e']), { current: ['d', 'e'], previous: ['b', 'c'] });
  assert.equal(periods(['a']), { current: ['a'], previous: [] });
  assert.is(changeOf(110, 100)! - 0.1 < 1e-12, true);
  assert.is(changeOf(5, 0), null);
  assert.is(changeOf(5, null), null);
  const dates = Array.from({ length: 16 }, (_, i) => `2026-01-${String(i + 1).padStart(2, '0')}`);
  // DAU 100 for days 1-8, 130 for days 9-15, and an incomplete last day of 5 that must not count.
  const set = kpiSet({ dau: dates.map((date, i) => ({ date, dau: i === 15 ? 5 : i < 8 ? 100 : 130 })) }, dates, '2026-01-16')!;
  const dau = set.kpis.find((k) => k.key === 'dau')!;
  assert.equal([set.days, dau.value, dau.previous, dau.period, dau.previousPeriod], [7, 130, 100, { from: '2026-01-09', to: '2026-01-15' }, { from: '2026-01-02', to: '2026-01-08' }]);
  close(dau.change, 0.3, 'DAU change');
});

test('the other groups are summed as "other" only when there are two or more of them', () => {
  const totals = [{ key: 'a', total: 5 }, { key: 'b', total: 9 }, { key: 'c', total: 1 }, { key: 'd', total: 1 }];
  assert.equal(topWithOther(totals, 2), [{ key: 'b', total: 9 }, { key: 'a', total: 5 }, { key: 'other', total: 2 }]);
  assert.equal(topWithOther(totals, 3).map((t) => t.key), ['b', 'a', 'c', 'd']);
});

test('rates and money read as `pdb show` prints them', () => {
  for (const value of [0, 0.0004, 0.1234, 0.99951, 1, 12.5]) assert.is(formatValue(value, 'rate'), formatShown(value, 'rate'));
  for (const value of [0, 0.005, 1234.5, 98765432.109, -3.14159]) assert.is(formatValue(value, 'money'), formatShown(value, 'money'));
  for (const value of [0, 7, 1234567, -4200]) assert.is(formatValue(value, 'count'), formatShown(value, 'count'));
  assert.equal([formatValue(1234567, 'count'), formatValue(1246.57, 'count'), formatValue(null, 'rate')], ['1,234,567', '1,246.6', '–']);
});

test('an insight comes with the numbers of the findings it cites', () => {
  const finding = (id: string, value: number) => ({
    id, key: `anomaly:dau:${id}`, kind: 'anomaly', metric: 'dau', metric_label: 'Daily active users', table: 'date_wise_dau', where: { event_date: '2026-10-09' }, unit: 'count',
    value, baseline: 1000, baseline_label: 'the weekday median', difference: value - 1000, change: value / 1000 - 1, direction: 'down', n: 7, interval: null,
    test: { name: 'robust_z', statistic: -9, p: 0.00001, q: 0.0002 }, significant: true, summary: `DAU was ${value}`, score: 9,
  });
  const section = insightsSection(JSON.stringify({
    headline: 'DAU fell', findings: [finding('F1', 420), finding('F2', 990)], narrative: { source: 'template', calls: [] },
    insights: [{ title: 'DAU fell on 2026-10-09', statement: 'DAU was 420 against 1,000.', recommendation: 'Check the tracking.', finding_ids: ['F1', 'F9'] }],
  }))!;
  assert.equal([section.headline, section.findings, section.significant], ['DAU fell', 2, 2]);
  // Only the findings it cites, and an unknown id (F9) is left out rather than shown empty.
  assert.equal(section.insights[0]!.findings.map((f) => [f.id, f.value, f.baseline, f.where, f.q]), [['F1', 420, 1000, 'event_date: 2026-10-09', 0.0002]]);
  assert.is(insightsSection('{not json'), null);
  assert.is(insightsSection(undefined), null);
});

test('gathered from a DuckDB build of the sample, the report data agrees with SQL over the metric tables', async () => {
  const { dir } = await sampleBuild();
  const q = (sql: string) => queryDb(dir, sql, SAMPLE_DATABASE);
  const data = await gatherReportData({
    project: { name: 'example' },
    target: { name: 'dev', type: 'duckdb' },
    vars: { retention_days: [1, 2, 3, 4, 5, 6, 7, 14, 30], funnel_retention_days: [1, 2, 3, 7] },
    models: [],
    results: [],
    query: q,
    readArtifact: (path) => readFile(join(dir, 'target', path), 'utf8').catch(() => undefined),
    dataQuality: async () => undefined,
  });
  const [window] = await q('select min(event_date)::varchar as min_date, max(event_date)::varchar as max_date from main.date_wise_dau');
  const maxDate = String(window!['max_date']);
  assert.equal(data.window, { minDate: String(window!['min_date']), maxDate });
  assert.is(data.incompleteDate, maxDate);
  assert.equal(data.skipped, []);

  // Funnel: every cohort date but the incomplete last one, summed per step.
  const funnelSql = await q(`
    with f as (select step, step_name, sum(users) as users from main.event_funnel_first_login where cohort_date < date '${maxDate}' group by all),
         n as (select sum(new_users) as n from main.date_wise_new_logins_overall where event_date < date '${maxDate}' and event_date in (select cohort_date from main.event_funnel_first_login))
    select step, step_name, users::double as users, n.n::double as new_users, lag(users, 1, n.n) over (order by step)::double as previous from f, n order by step`);
  const funnel = data.funnel!;
  assert.is(funnel.newUsers, Number(funnelSql[0]!['new_users']));
  assert.is(funnel.steps.length, funnelSql.length);
  funnelSql.forEach((row, i) => {
    const step = funnel.steps[i]!;
    assert.equal([step.step, step.name, step.users], [Number(row['step']), row['step_name'], Number(row['users'])]);
    close(step.fromStart, Number(row['users']) / Number(row['new_users']), `step ${step.step} from start`);
    close(step.fromPrevious, Number(row['users']) / Number(row['previous']), `step ${step.step} from previous`);
  });
  const [worst] = [...funnelSql].sort((a, b) => Number(a['users']) / Number(a['previous']) - Number(b['users']) / Number(b['previous']) || Number(a['step']) - Number(b['step']));
  assert.is(funnel.largestDropOff?.step, Number(worst!['step']));

  // Retention grid: a cell is blank exactly when cohort date + N is after the last date; the rest are the table's rates.
  const grid = data.retention!;
  const rates = new Map((await q('select cohort_date::varchar as c, day_n, retention_rate from main.retention_by_cohort_date')).map((r) => [`${String(r['c'])}|${Number(r['day_n'])}`, Number(r['retention_rate'])]));
  const addDays = (date: string, n: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  let blanks = 0;
  for (const row of grid.rows) {
    grid.days.forEach((day, i) => {
      const cell = row.cells[i]!;
      if (addDays(row.cohort, day) > maxDate) {
        assert.is(cell, null, `${row.cohort} D${day} is not observable yet`);
        blanks += 1;
      } else close(cell, rates.get(`${row.cohort}|${day}`)!, `${row.cohort} D${day}`);
    });
  }
  assert.ok(blanks > 0 && grid.days.includes(30) && grid.rows.every((r) => r.cells[grid.days.indexOf(30)] === null), 'a 21-day window observes no D30');
  const means = await q('select day_n, sum(retained_users) / sum(cohort_users) as rate, sum(cohort_users)::double as users from main.retention_by_cohort_date group by day_n');
  for (const m of means) {
    const i = grid.days.indexOf(Number(m['day_n']));
    close(grid.mean[i]!, Number(m['rate']), `mean D${Number(m['day_n'])}`);
    assert.is(grid.meanUsers[i], Number(m['users']));
  }

  // KPIs: the last 7 complete days against the 7 before them.
  const kpis = await q(`
    with d as (select event_date, dau, new_users, row_number() over (order by event_date desc) as k
               from main.date_wise_dau join main.date_wise_new_logins_overall using (event_date) where event_date < date '${maxDate}')
    select avg(dau) filter (k <= 7) as dau, avg(dau) filter (k between 8 and 14) as dau_before,
           sum(new_users) filter (k <= 7)::double as new_users, sum(new_users) filter (k between 8 and 14)::double as new_users_before from d`);
  const k = kpis[0]!;
  const dau = data.kpis!.kpis.find((x) => x.key === 'dau')!;
  const newUsers = data.kpis!.kpis.find((x) => x.key === 'new_users')!;
  close(dau.value, Number(k['dau']), 'DAU');
  close(dau.change, Number(k['dau']) / Number(k['dau_before']) - 1, 'DAU change');
  close(newUsers.change, Number(k['new_users']) / Number(k['new_users_before']) - 1, 'new users change');
  assert.is(dau.period.to, addDays(maxDate, -1));
  const [d1] = await q(`
    with c as (select cohort_date, cohort_users, retained_users, row_number() over (order by cohort_date desc) as k from main.retention_by_cohort_date where day_n = 1 and cohort_date < date '${maxDate}')
    select sum(retained_users) filter (k <= 7) / sum(cohort_users) filter (k <= 7) as d1 from c`);
  close(data.kpis!.kpis.find((x) => x.key === 'retention_d1')!.value, Number(d1!['d1']), 'D1 retention KPI');
});

test.run();
