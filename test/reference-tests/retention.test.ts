import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { computeCoreMetrics } from '../reference/compute-core-metrics.js';
import type { RetentionRow } from '../reference/types.js';
import { event, roles } from './helpers.js';

const row = (cohort_date: string, day_n: number, cohort_users: number, retained_users: number): RetentionRow => ({
  cohort_date,
  day_n,
  cohort_users,
  retained_users,
  retention_rate: retained_users / cohort_users,
});

// max_date is 2024-01-31
const events = [
  event('u1', '2024-01-01T10:00:00Z', 'first_open'),
  event('u1', '2024-01-02T10:00:00Z', 'session_start'), // D1
  event('u1', '2024-01-08T10:00:00Z', 'session_start'), // D7
  event('u1', '2024-01-15T10:00:00Z', 'session_start'), // D14
  event('u1', '2024-01-31T10:00:00Z', 'session_start'), // D30
  event('u2', '2024-01-02T10:00:00Z', 'first_open'), // D30 would be 02-01: too young
  event('u3', '2024-01-25T10:00:00Z', 'first_open'),
  event('u3', '2024-01-26T10:00:00Z', 'session_start'), // D1
  event('u4', '2024-01-25T11:00:00Z', 'first_open'),
  event('u4', '2024-01-31T09:00:00Z', 'session_start'), // D6
  event('u5', '2024-01-31T12:00:00Z', 'first_open'), // too young for any day N
];

test('retention by cohort date: only day N with cohort_date + N <= max_date', () => {
  const metrics = computeCoreMetrics(events, roles());
  assert.equal(metrics.retention_by_cohort_date, [
    row('2024-01-01', 1, 1, 1),
    row('2024-01-01', 2, 1, 0),
    row('2024-01-01', 3, 1, 0),
    row('2024-01-01', 4, 1, 0),
    row('2024-01-01', 5, 1, 0),
    row('2024-01-01', 6, 1, 0),
    row('2024-01-01', 7, 1, 1),
    row('2024-01-01', 14, 1, 1),
    row('2024-01-01', 30, 1, 1),
    row('2024-01-02', 1, 1, 0),
    row('2024-01-02', 2, 1, 0),
    row('2024-01-02', 3, 1, 0),
    row('2024-01-02', 4, 1, 0),
    row('2024-01-02', 5, 1, 0),
    row('2024-01-02', 6, 1, 0),
    row('2024-01-02', 7, 1, 0),
    row('2024-01-02', 14, 1, 0),
    row('2024-01-25', 1, 2, 1),
    row('2024-01-25', 2, 2, 0),
    row('2024-01-25', 3, 2, 0),
    row('2024-01-25', 4, 2, 0),
    row('2024-01-25', 5, 2, 0),
    row('2024-01-25', 6, 2, 1),
  ]);
});

test('retention by funnel step: days 1, 2, 3, 7 with the same completeness rule', () => {
  const metrics = computeCoreMetrics(events, roles());
  const none = (cohort_date: string, day_n: number, cohort_users: number, retained_users: number) => ({
    cohort_date,
    last_step: 0,
    last_step_name: '(none)',
    day_n,
    cohort_users,
    retained_users,
    retention_rate: retained_users / cohort_users,
  });
  assert.equal(metrics.retention_by_funnel_step, [
    none('2024-01-01', 1, 1, 1),
    none('2024-01-01', 2, 1, 0),
    none('2024-01-01', 3, 1, 0),
    none('2024-01-01', 7, 1, 1),
    none('2024-01-02', 1, 1, 0),
    none('2024-01-02', 2, 1, 0),
    none('2024-01-02', 3, 1, 0),
    none('2024-01-02', 7, 1, 0),
    none('2024-01-25', 1, 2, 1),
    none('2024-01-25', 2, 2, 0),
    none('2024-01-25', 3, 2, 0),
  ]);
});

test('retention counts only activity events on day N', () => {
  const metrics = computeCoreMetrics(events, roles({ activityEvents: ['first_open'] }));
  assert.equal(
    metrics.retention_by_cohort_date.filter((r) => r.retained_users > 0),
    [],
  );
});

test.run();
