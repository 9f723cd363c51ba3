import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { computeCoreMetrics } from '../reference/compute-core-metrics.js';
import { event, roles, us } from './helpers.js';

const events = [
  // u1 is active a day before their first_open
  event('u1', '2024-01-01T09:00:00Z', 'session_start'),
  event('u1', '2024-01-02T09:00:00Z', 'first_open'),
  event('u1', '2024-01-02T10:00:00Z', 'session_start'),
  // u2 never has a first_open
  event('u2', '2024-01-01T12:00:00Z', 'session_start'),
  // u3 has two first_open events: the earliest counts
  event('u3', '2024-01-03T08:00:00Z', 'first_open'),
  event('u3', '2024-01-01T08:00:00Z', 'first_open'),
];

test('with new-user events mapped, the cohort is the date of the earliest new-user event', () => {
  const metrics = computeCoreMetrics(events, roles({ newUserEvents: ['first_open'] }));
  assert.equal(metrics.date_wise_new_logins_overall, [
    { event_date: '2024-01-01', new_users: 1 },
    { event_date: '2024-01-02', new_users: 1 },
    { event_date: '2024-01-03', new_users: 0 },
  ]);
  assert.equal(metrics.date_wise_dau, [
    { event_date: '2024-01-01', dau: 3 },
    { event_date: '2024-01-02', dau: 1 },
    { event_date: '2024-01-03', dau: 1 },
  ]);
});

test('without new-user events, the cohort is the date of the first activity event', () => {
  const metrics = computeCoreMetrics(events, roles({ newUserEvents: [] }));
  assert.equal(metrics.date_wise_new_logins_overall, [
    { event_date: '2024-01-01', new_users: 3 },
    { event_date: '2024-01-02', new_users: 0 },
    { event_date: '2024-01-03', new_users: 0 },
  ]);
});

test('only activity events mark the first activity; a user without one has no cohort', () => {
  const metrics = computeCoreMetrics(events, roles({ newUserEvents: [], activityEvents: ['session_start'] }));
  assert.equal(metrics.date_wise_new_logins_overall, [
    { event_date: '2024-01-01', new_users: 2 },
    { event_date: '2024-01-02', new_users: 0 },
    { event_date: '2024-01-03', new_users: 0 },
  ]);
  assert.equal(metrics.date_wise_dau, [
    { event_date: '2024-01-01', dau: 2 },
    { event_date: '2024-01-02', dau: 1 },
    { event_date: '2024-01-03', dau: 0 },
  ]);
});

test('the cohort date is taken in the reporting time zone', () => {
  // 2024-01-02T03:00Z is 2024-01-01 19:00 in Los Angeles
  const metrics = computeCoreMetrics(
    [event('u1', '2024-01-02T03:00:00Z', 'first_open'), event('u1', '2024-01-02T20:00:00Z', 'session_start')],
    roles({ timezone: 'America/Los_Angeles' }),
  );
  assert.equal(metrics.date_wise_new_logins_overall, [
    { event_date: '2024-01-01', new_users: 1 },
    { event_date: '2024-01-02', new_users: 0 },
  ]);
  assert.equal(metrics.retention_by_cohort_date, [
    { cohort_date: '2024-01-01', day_n: 1, cohort_users: 1, retained_users: 1, retention_rate: 1 },
  ]);
});

test('a mapped cohort_date: the earliest non-null value, as a date in the zone, and only inside the window', () => {
  const install = (iso: string) => ({ cohort_time_us: us(iso) });
  const metrics = computeCoreMetrics(
    [
      // u1: values on two events, the earliest (2024-01-02) counts, not the first_open date
      event('u1', '2024-01-01T09:00:00Z', 'session_start', install('2024-01-03T10:00:00Z')),
      event('u1', '2024-01-03T09:00:00Z', 'first_open', install('2024-01-02T10:00:00Z')),
      // u2: installed before the window: no cohort
      event('u2', '2024-01-01T12:00:00Z', 'first_open', install('2023-12-30T12:00:00Z')),
      // u3: no value at all: no cohort, although it has a first_open
      event('u3', '2024-01-02T08:00:00Z', 'first_open'),
      // u4: 2024-01-04T02:00Z is 2024-01-03 in Los Angeles
      event('u4', '2024-01-03T20:00:00Z', 'session_start', install('2024-01-04T02:00:00Z')),
    ],
    roles({ cohortDateMapped: true, timezone: 'America/Los_Angeles' }),
  );
  assert.equal(metrics.date_wise_new_logins_overall, [
    { event_date: '2024-01-01', new_users: 0 },
    { event_date: '2024-01-02', new_users: 1 },
    { event_date: '2024-01-03', new_users: 1 },
  ]);
});

test.run();
