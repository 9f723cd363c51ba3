import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { computeCoreMetrics } from '../reference/compute-core-metrics.js';
import { event, roles } from './helpers.js';

const events = [
  event('u1', '2024-01-01T10:00:00Z', 'first_open'),
  event('u1', '2024-01-01T11:00:00Z', 'in_app_purchase', { revenue: 2.5 }),
  // nothing at all on 2024-01-02
  event('u2', '2024-01-03T09:00:00Z', 'first_open'),
  event('u1', '2024-01-03T12:00:00Z', 'session_start'),
];

test('a day with no events inside the window gets zero rows in models 1, 2 and 6', () => {
  const metrics = computeCoreMetrics(events, roles());
  assert.equal(metrics.date_wise_dau, [
    { event_date: '2024-01-01', dau: 1 },
    { event_date: '2024-01-02', dau: 0 },
    { event_date: '2024-01-03', dau: 2 },
  ]);
  assert.equal(metrics.date_wise_new_logins_overall, [
    { event_date: '2024-01-01', new_users: 1 },
    { event_date: '2024-01-02', new_users: 0 },
    { event_date: '2024-01-03', new_users: 1 },
  ]);
  assert.equal(metrics.date_wise_revenue, [
    { event_date: '2024-01-01', revenue: 2.5, paying_users: 1, dau: 1, arpdau: 2.5, arppu: 2.5 },
    { event_date: '2024-01-02', revenue: 0, paying_users: 0, dau: 0, arpdau: null, arppu: null },
    { event_date: '2024-01-03', revenue: 0, paying_users: 0, dau: 2, arpdau: 0, arppu: null },
  ]);
});

test('grouped models have no rows for the empty day', () => {
  const metrics = computeCoreMetrics(events, roles());
  assert.equal(metrics.date_wise_new_logins_by_channel, [
    { event_date: '2024-01-01', channel: 'unknown', new_users: 1 },
    { event_date: '2024-01-03', channel: 'unknown', new_users: 1 },
  ]);
  assert.equal(metrics.date_wise_revenue_by_type, [
    { event_date: '2024-01-01', revenue_type: 'iap', revenue: 2.5, paying_users: 1 },
  ]);
});

test('the window starts at the first event date after start_date, not at start_date', () => {
  const metrics = computeCoreMetrics(events, roles({ startDate: '2024-01-02' }));
  assert.equal(metrics.date_wise_dau, [{ event_date: '2024-01-03', dau: 2 }]);
  // u1's first_open is outside the window: u1 has no cohort
  assert.equal(metrics.date_wise_new_logins_overall, [{ event_date: '2024-01-03', new_users: 1 }]);
});

test('end_date is inclusive', () => {
  const metrics = computeCoreMetrics(events, roles({ endDate: '2024-01-01' }));
  assert.equal(metrics.date_wise_dau, [{ event_date: '2024-01-01', dau: 1 }]);
});

test('start and end dates are compared with the local event_date', () => {
  // 2024-01-02T05:00Z is 2024-01-01 21:00 in Los Angeles
  const late = [event('u1', '2024-01-02T05:00:00Z', 'first_open')];
  const metrics = computeCoreMetrics(late, roles({ timezone: 'America/Los_Angeles', endDate: '2024-01-01' }));
  assert.equal(metrics.date_wise_dau, [{ event_date: '2024-01-01', dau: 1 }]);
});

test('a malformed start_date is an error', () => {
  assert.throws(() => computeCoreMetrics(events, roles({ startDate: '2024-02-30' })), /Not a calendar date: '2024-02-30'/);
});

test.run();
