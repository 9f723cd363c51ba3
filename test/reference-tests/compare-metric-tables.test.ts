import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compareMetricTables } from '../reference/compare-metric-tables.js';
import type { LooseMetricTables } from '../reference/types.js';

const expected: LooseMetricTables = {
  date_wise_dau: [
    { event_date: '2024-01-01', dau: 3 },
    { event_date: '2024-01-02', dau: 2 },
  ],
  retention_by_cohort_date: [
    { cohort_date: '2024-01-01', day_n: 1, cohort_users: 3, retained_users: 1, retention_rate: 1 / 3 },
  ],
};

test('equal tables give no differences, also with BIGINT-as-string and near-equal floats', () => {
  const actual: LooseMetricTables = {
    date_wise_dau: [
      { event_date: '2024-01-02', dau: '2' },
      { event_date: '2024-01-01', dau: 3n },
    ],
    retention_by_cohort_date: [
      { cohort_date: '2024-01-01', day_n: '1', cohort_users: '3', retained_users: '1', retention_rate: 0.3333333333 },
    ],
  };
  assert.equal(compareMetricTables(expected, actual), []);
});

test('changed values, missing and extra rows are reported by model, key and column', () => {
  const actual: LooseMetricTables = {
    date_wise_dau: [
      { event_date: '2024-01-02', dau: 4 },
      { event_date: '2024-01-03', dau: 1 },
    ],
    retention_by_cohort_date: [
      { cohort_date: '2024-01-01', day_n: 1, cohort_users: 3, retained_users: 1, retention_rate: 0.333 },
    ],
  };
  assert.equal(compareMetricTables(expected, actual), [
    'date_wise_dau [event_date=2024-01-01]: missing row, expected {event_date: "2024-01-01", dau: 3}',
    'date_wise_dau [event_date=2024-01-02]: dau expected 2, actual 4',
    'date_wise_dau [event_date=2024-01-03]: extra row {event_date: "2024-01-03", dau: 1}',
    'retention_by_cohort_date [cohort_date=2024-01-01, day_n=1]: retention_rate expected 0.3333333333333333, actual 0.333',
  ]);
});

test('null is not zero; missing tables and columns are reported', () => {
  const withNull: LooseMetricTables = {
    date_wise_revenue: [{ event_date: '2024-01-01', revenue: 0, paying_users: 0, dau: 0, arpdau: null, arppu: null }],
  };
  const actual: LooseMetricTables = {
    date_wise_dau: [{ event_date: '2024-01-01', dau: 3 }, { event_date: '2024-01-02', dau: 2 }],
    date_wise_revenue: [{ event_date: '2024-01-01', revenue: 0, paying_users: 0, dau: 0, arpdau: 0, extra: 1 }],
  };
  assert.equal(compareMetricTables(withNull, actual), [
    'date_wise_dau: table not expected, actual has 2 rows',
    'date_wise_revenue: column arppu missing in actual',
    'date_wise_revenue: unexpected column extra in actual',
    'date_wise_revenue [event_date=2024-01-01]: arpdau expected null, actual 0',
  ]);
  assert.equal(compareMetricTables(expected, {}), [
    'date_wise_dau: table missing in actual (expected 2 rows)',
    'retention_by_cohort_date: table missing in actual (expected 1 rows)',
  ]);
});

test('absTol lets sums that cancel to about zero match', () => {
  const zero: LooseMetricTables = { date_wise_dau: [{ event_date: '2024-01-01', dau: 0 }] };
  const tiny: LooseMetricTables = { date_wise_dau: [{ event_date: '2024-01-01', dau: 5.551115123125783e-17 }] };
  assert.equal(compareMetricTables(zero, tiny), []);
  assert.equal(compareMetricTables(zero, tiny, { absTol: 0 }), [
    'date_wise_dau [event_date=2024-01-01]: dau expected 0, actual 5.551115123125783e-17',
  ]);
});

test('duplicate keys, relTol and the per-model cap', () => {
  const actual: LooseMetricTables = {
    date_wise_dau: [
      { event_date: '2024-01-01', dau: 3 },
      { event_date: '2024-01-01', dau: 3 },
      { event_date: '2024-01-02', dau: 2.0001 },
    ],
  };
  assert.equal(compareMetricTables({ date_wise_dau: expected.date_wise_dau }, actual, { relTol: 1e-3 }), [
    'date_wise_dau [event_date=2024-01-01]: duplicate row in actual',
  ]);
  const many: LooseMetricTables = {
    date_wise_dau: [1, 2, 3].map((day) => ({ event_date: `2024-02-0${day}`, dau: day })),
  };
  assert.equal(compareMetricTables({ date_wise_dau: [] }, many, { maxDiffsPerModel: 2 }), [
    'date_wise_dau [event_date=2024-02-01]: extra row {event_date: "2024-02-01", dau: 1}',
    'date_wise_dau [event_date=2024-02-02]: extra row {event_date: "2024-02-02", dau: 2}',
    'date_wise_dau: ... and 1 more differences',
  ]);
});

test.run();
