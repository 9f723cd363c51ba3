import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { computeCoreMetrics } from '../reference/compute-core-metrics.js';
import { lastFunnelStep } from '../reference/funnel.js';
import { event, roles } from './helpers.js';

test('lastFunnelStep: each step needs an event at or after the previous step time', () => {
  assert.is(lastFunnelStep([[5], [3, 7], [6]]), 2); // t1 = 5, t2 = 7, no step-3 time >= 7
  assert.is(lastFunnelStep([[5], [3, 7], [6, 9]]), 3);
  assert.is(lastFunnelStep([[1], [1], [1]]), 3); // equal times count
  assert.is(lastFunnelStep([[], [1], [2]]), 0);
  assert.is(lastFunnelStep([[9, 2], [4, 1]]), 2); // t1 is the earliest: 2, then 4 >= 2
  assert.is(lastFunnelStep([]), 0);
});

const events = [
  // u1: out of order. login 10:05, game_started 10:10 (10:00 is too early), first_level 10:07 is before t2
  event('u1', '2024-01-01T09:00:00Z', 'first_open'),
  event('u1', '2024-01-01T10:10:00Z', 'level_start'),
  event('u1', '2024-01-01T10:07:00Z', 'level_complete'),
  event('u1', '2024-01-01T10:05:00Z', 'session_start'),
  event('u1', '2024-01-01T10:00:00Z', 'level_start'),
  // u2: step 2 at the same instant as step 1; step 3 only on the next day
  event('u2', '2024-01-01T09:00:00Z', 'first_open'),
  event('u2', '2024-01-01T09:30:00Z', 'session_start'),
  event('u2', '2024-01-01T09:30:00Z', 'level_start'),
  event('u2', '2024-01-02T09:00:00Z', 'level_complete'),
  // u3: all steps on the cohort date, before the first_open itself
  event('u3', '2024-01-01T08:00:00Z', 'session_start'),
  event('u3', '2024-01-01T08:30:00Z', 'level_start'),
  event('u3', '2024-01-01T08:40:00Z', 'level_complete'),
  event('u3', '2024-01-01T09:00:00Z', 'first_open'),
  // u4: no step 1, so nothing
  event('u4', '2024-01-01T09:00:00Z', 'first_open'),
  event('u4', '2024-01-01T09:10:00Z', 'level_start'),
  event('u4', '2024-01-01T09:20:00Z', 'level_complete'),
  // u5: new on the second day, no steps
  event('u5', '2024-01-02T11:00:00Z', 'first_open'),
];

test('first-day funnel rows with rates, zeros kept', () => {
  const metrics = computeCoreMetrics(events, roles());
  assert.equal(metrics.event_funnel_first_login, [
    { cohort_date: '2024-01-01', step: 1, step_name: 'login', users: 3, rate_from_start: 3 / 4, rate_from_previous: 3 / 4 },
    { cohort_date: '2024-01-01', step: 2, step_name: 'game_started', users: 3, rate_from_start: 3 / 4, rate_from_previous: 1 },
    { cohort_date: '2024-01-01', step: 3, step_name: 'first_level', users: 1, rate_from_start: 1 / 4, rate_from_previous: 1 / 3 },
    { cohort_date: '2024-01-02', step: 1, step_name: 'login', users: 0, rate_from_start: 0, rate_from_previous: 0 },
    { cohort_date: '2024-01-02', step: 2, step_name: 'game_started', users: 0, rate_from_start: 0, rate_from_previous: null },
    { cohort_date: '2024-01-02', step: 3, step_name: 'first_level', users: 0, rate_from_start: 0, rate_from_previous: null },
  ]);
});

test('retention by last funnel step groups users by their last step; 0 is (none)', () => {
  const metrics = computeCoreMetrics(events, roles());
  // max_date is 2024-01-02: only day 1 of the first cohort is complete. Active on 01-02: u2, u5.
  assert.equal(metrics.retention_by_funnel_step, [
    { cohort_date: '2024-01-01', last_step: 0, last_step_name: '(none)', day_n: 1, cohort_users: 1, retained_users: 0, retention_rate: 0 },
    { cohort_date: '2024-01-01', last_step: 2, last_step_name: 'game_started', day_n: 1, cohort_users: 2, retained_users: 1, retention_rate: 0.5 },
    { cohort_date: '2024-01-01', last_step: 3, last_step_name: 'first_level', day_n: 1, cohort_users: 1, retained_users: 0, retention_rate: 0 },
  ]);
});

test('funnel steps are taken on the cohort date in the reporting time zone', () => {
  // in Los Angeles, 2024-01-02T07:00Z is still 2024-01-01 (23:00 PST)
  const local = [
    event('u1', '2024-01-01T20:00:00Z', 'first_open'),
    event('u1', '2024-01-02T07:00:00Z', 'session_start'),
  ];
  const la = computeCoreMetrics(local, roles({ timezone: 'America/Los_Angeles' }));
  assert.equal(la.event_funnel_first_login.map((row) => row.users), [1, 0, 0]);
  const utc = computeCoreMetrics(local, roles({ timezone: 'UTC' }));
  assert.equal(utc.event_funnel_first_login.map((row) => row.users), [0, 0, 0]);
});

test('without funnel steps, model 5 is empty and every cohort user is in (none)', () => {
  const metrics = computeCoreMetrics(events, roles({ funnel: [] }));
  assert.equal(metrics.event_funnel_first_login, []);
  assert.equal(metrics.retention_by_funnel_step, [
    { cohort_date: '2024-01-01', last_step: 0, last_step_name: '(none)', day_n: 1, cohort_users: 4, retained_users: 1, retention_rate: 0.25 },
  ]);
});

test.run();
