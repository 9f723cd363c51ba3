import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { computeCoreMetrics } from '../reference/compute-core-metrics.js';
import { event, roles } from './helpers.js';

const T = '2024-01-01T10:00:00Z';
const events = [
  // u1: a null channel first, then a tie at T between 'organic' and 'ads', then 'aaa' later
  event('u1', '2024-01-01T09:00:00Z', 'session_start'),
  event('u1', T, 'first_open', { channel: 'organic' }),
  event('u1', T, 'session_start', { channel: 'ads' }),
  event('u1', '2024-01-01T11:00:00Z', 'session_start', { channel: 'aaa' }),
  // u2: never a channel
  event('u2', T, 'first_open'),
  // u3: the event before the new-user event is the earliest one
  event('u3', '2024-01-01T08:00:00Z', 'session_start', { channel: 'paid' }),
  event('u3', T, 'first_open', { channel: 'organic' }),
  // u4: code-unit order puts 'Zed' before 'ads'
  event('u4', T, 'first_open', { channel: 'Zed' }),
];

test('channel: earliest non-null value, ties on time take the smallest, else unknown', () => {
  const metrics = computeCoreMetrics(events, roles());
  assert.equal(metrics.date_wise_new_logins_by_channel, [
    { event_date: '2024-01-01', channel: 'Zed', new_users: 1 },
    { event_date: '2024-01-01', channel: 'ads', new_users: 1 },
    { event_date: '2024-01-01', channel: 'paid', new_users: 1 },
    { event_date: '2024-01-01', channel: 'unknown', new_users: 1 },
  ]);
});

test('attributes are picked independently of each other', () => {
  const metrics = computeCoreMetrics(
    [
      event('u1', '2024-01-01T09:00:00Z', 'first_open', { channel: 'organic', region: null }),
      event('u1', '2024-01-01T10:00:00Z', 'session_start', { channel: 'paid', region: 'CA' }),
    ],
    roles(),
  );
  assert.equal(metrics.date_wise_new_logins_by_channel, [{ event_date: '2024-01-01', channel: 'organic', new_users: 1 }]);
  assert.equal(metrics.date_wise_new_logins_by_country, [
    { event_date: '2024-01-01', geo_level: 'region', geo: 'CA', new_users: 1 },
  ]);
});

test('only events in the window count', () => {
  const metrics = computeCoreMetrics(
    [
      event('u1', '2023-12-31T09:00:00Z', 'session_start', { channel: 'old' }),
      event('u1', T, 'first_open', { channel: 'new' }),
    ],
    roles({ startDate: '2024-01-01' }),
  );
  assert.equal(metrics.date_wise_new_logins_by_channel, [{ event_date: '2024-01-01', channel: 'new', new_users: 1 }]);
});

test('ties are broken the same way whatever the input order', () => {
  const reversed = computeCoreMetrics([...events].reverse(), roles());
  assert.equal(reversed.date_wise_new_logins_by_channel.map((row) => row.channel), ['Zed', 'ads', 'paid', 'unknown']);
});

test.run();
