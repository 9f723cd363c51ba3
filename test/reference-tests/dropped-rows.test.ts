import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { computeCoreMetrics } from '../reference/compute-core-metrics.js';
import { event, roles } from './helpers.js';

test('rows with a null user_id or event_time are dropped and counted', () => {
  const events = [
    event('u1', '2024-01-01T10:00:00Z', 'first_open'),
    event(null, '2024-01-02T10:00:00Z', 'first_open'), // would widen the window if kept
    event('u2', null, 'first_open'),
    event(null, null, 'session_start'),
  ];
  const metrics = computeCoreMetrics(events, roles());
  assert.is(metrics.droppedRows, 3);
  assert.equal(metrics.date_wise_dau, [{ event_date: '2024-01-01', dau: 1 }]);
  assert.equal(metrics.date_wise_new_logins_overall, [{ event_date: '2024-01-01', new_users: 1 }]);
});

test('rows outside start_date / end_date are filtered, not counted as dropped', () => {
  const events = [
    event('u1', '2024-01-01T10:00:00Z', 'first_open'),
    event('u1', '2024-01-02T10:00:00Z', 'session_start'),
    event(null, '2024-01-02T10:00:00Z', 'session_start'),
  ];
  const metrics = computeCoreMetrics(events, roles({ startDate: '2024-01-02' }));
  assert.is(metrics.droppedRows, 1);
  assert.equal(metrics.date_wise_dau, [{ event_date: '2024-01-02', dau: 1 }]);
});

test('a stream of only dropped rows gives empty tables', () => {
  const metrics = computeCoreMetrics([event(null, '2024-01-01T10:00:00Z', 'first_open')], roles());
  assert.equal(metrics, {
    droppedRows: 1,
    date_wise_dau: [],
    date_wise_new_logins_overall: [],
    date_wise_new_logins_by_channel: [],
    date_wise_new_logins_by_country: [],
    event_funnel_first_login: [],
    date_wise_revenue: [],
    date_wise_revenue_by_country: [],
    date_wise_revenue_by_type: [],
    retention_by_cohort_date: [],
    retention_by_funnel_step: [],
  });
});

test.run();
