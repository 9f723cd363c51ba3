import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { computeCoreMetrics } from '../reference/compute-core-metrics.js';
import { dayToIso } from '../reference/calendar.js';
import { createEventDater } from '../reference/event-date.js';
import { event, roles, us } from './helpers.js';

const isoIn = (zone: string, time: number): string => dayToIso(createEventDater(zone)(time));

test('an event just before local midnight in Los Angeles belongs to the previous local date', () => {
  const events = [
    event('u1', us('2024-03-02T07:59:59.999Z', 999), 'first_open'), // 23:59:59.999999 PST, Mar 1
    event('u2', '2024-03-02T08:00:00Z', 'first_open'), // 00:00 PST, Mar 2
  ];
  const la = computeCoreMetrics(events, roles({ timezone: 'America/Los_Angeles' }));
  assert.equal(la.date_wise_dau, [
    { event_date: '2024-03-01', dau: 1 },
    { event_date: '2024-03-02', dau: 1 },
  ]);
  assert.equal(la.date_wise_new_logins_overall, [
    { event_date: '2024-03-01', new_users: 1 },
    { event_date: '2024-03-02', new_users: 1 },
  ]);
  const utc = computeCoreMetrics(events, roles({ timezone: 'UTC' }));
  assert.equal(utc.date_wise_dau, [{ event_date: '2024-03-02', dau: 2 }]);
});

test('the offset follows daylight saving time', () => {
  // 2024-11-03 09:00Z: PDT (-7) ends, PST (-8) begins
  assert.is(isoIn('America/Los_Angeles', us('2024-11-03T06:30:00Z')), '2024-11-02'); // 23:30 PDT
  assert.is(isoIn('America/Los_Angeles', us('2024-11-03T07:30:00Z')), '2024-11-03'); // 00:30 PDT
  assert.is(isoIn('America/Los_Angeles', us('2024-11-04T07:30:00Z')), '2024-11-03'); // 23:30 PST
  assert.is(isoIn('America/Los_Angeles', us('2024-11-04T08:00:00Z')), '2024-11-04'); // 00:00 PST
});

test('half-hour offsets: Asia/Kolkata is UTC+5:30', () => {
  assert.is(isoIn('Asia/Kolkata', us('2024-01-01T18:29:59.999Z', 999)), '2024-01-01');
  assert.is(isoIn('Asia/Kolkata', us('2024-01-01T18:30:00Z')), '2024-01-02');
});

test('a transition inside a UTC hour: Tehran left +4:30 for +3:30 at 2021-09-21T19:30Z', () => {
  // local midnight 00:00 (+4:30) went back to 23:00 (+3:30): the whole hour 19:00-20:00Z is 21 Sept
  assert.is(isoIn('Asia/Tehran', us('2021-09-21T19:29:59Z')), '2021-09-21'); // 23:59:59 +4:30
  assert.is(isoIn('Asia/Tehran', us('2021-09-21T19:45:00Z')), '2021-09-21'); // 23:15 +3:30
  assert.is(isoIn('Asia/Tehran', us('2021-09-21T20:30:00Z')), '2021-09-22'); // 00:00 +3:30
});

test('UTC and times before 1970', () => {
  assert.is(isoIn('UTC', us('2024-02-29T23:59:59.999Z', 999)), '2024-02-29');
  assert.is(isoIn('UTC', us('1969-12-31T23:59:59Z')), '1969-12-31');
  assert.is(isoIn('UTC', 0), '1970-01-01');
});

test.run();
