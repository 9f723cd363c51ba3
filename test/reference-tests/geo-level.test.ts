import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { computeCoreMetrics } from '../reference/compute-core-metrics.js';
import { event, roles } from './helpers.js';

const singleCountry = [
  event('u1', '2024-01-01T09:00:00Z', 'first_open', { country: 'US', region: 'CA' }),
  // a later region does not replace the earliest one, also for revenue by geo
  event('u1', '2024-01-01T10:00:00Z', 'in_app_purchase', { country: 'US', region: 'TX', revenue: 5 }),
  event('u2', '2024-01-01T09:00:00Z', 'first_open', { country: 'US' }),
  event('u2', '2024-01-01T09:05:00Z', 'session_start', { region: 'NY' }),
  event('u3', '2024-01-01T09:00:00Z', 'first_open'),
];

test('one distinct country: geo falls back to region', () => {
  const metrics = computeCoreMetrics(singleCountry, roles());
  assert.equal(metrics.date_wise_new_logins_by_country, [
    { event_date: '2024-01-01', geo_level: 'region', geo: 'CA', new_users: 1 },
    { event_date: '2024-01-01', geo_level: 'region', geo: 'NY', new_users: 1 },
    { event_date: '2024-01-01', geo_level: 'region', geo: 'unknown', new_users: 1 },
  ]);
  assert.equal(metrics.date_wise_revenue_by_country, [
    { event_date: '2024-01-01', geo_level: 'region', geo: 'CA', revenue: 5, paying_users: 1 },
  ]);
});

test('two distinct countries: geo is the country', () => {
  const events = [...singleCountry, event('u3', '2024-01-01T12:00:00Z', 'session_start', { country: 'DE' })];
  const metrics = computeCoreMetrics(events, roles());
  assert.equal(metrics.date_wise_new_logins_by_country, [
    { event_date: '2024-01-01', geo_level: 'country', geo: 'DE', new_users: 1 },
    { event_date: '2024-01-01', geo_level: 'country', geo: 'US', new_users: 2 },
  ]);
});

test('the mapping can pin the geo level', () => {
  const metrics = computeCoreMetrics(singleCountry, roles({ geoLevel: 'country' }));
  assert.equal(metrics.date_wise_new_logins_by_country, [
    { event_date: '2024-01-01', geo_level: 'country', geo: 'US', new_users: 2 },
    { event_date: '2024-01-01', geo_level: 'country', geo: 'unknown', new_users: 1 },
  ]);
});

test('countries outside the window do not count toward the auto rule', () => {
  const events = [...singleCountry, event('u9', '2023-12-31T12:00:00Z', 'session_start', { country: 'DE' })];
  const metrics = computeCoreMetrics(events, roles({ startDate: '2024-01-01' }));
  assert.is(metrics.date_wise_new_logins_by_country[0]?.geo_level, 'region');
});

test.run();
