import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { computeCoreMetrics } from '../reference/compute-core-metrics.js';
import { revenueTypeOf } from '../reference/revenue-type.js';
import { event, roles, ROLES } from './helpers.js';

const T = '2024-01-01T10:00:00Z';
const events = [
  event('u1', T, 'in_app_purchase', { revenue: 4 }), // iap from the list
  event('u1', T, 'ad_impression', { revenue: 0.5 }), // ads from the list
  event('u2', T, 'ad_impression', { revenue: 0 }), // a revenue event, but not paying
  event('u2', T, 'purchase', { revenue: 3, revenue_type: 'subscription' }), // mapped column wins
  event('u3', T, 'purchase', { revenue: 2, revenue_type: 'refund' }), // unknown mapped value: other
  event('u3', T, 'level_complete'), // not a revenue event
  event('u3', T, 'tip', { revenue: 1 }), // in no list: other
  event('u4', T, 'in_app_purchase', { revenue: -1 }), // a refund: summed, not paying
];

test('daily revenue, paying users (revenue > 0), dau, arpdau, arppu', () => {
  const metrics = computeCoreMetrics(events, roles());
  assert.equal(metrics.date_wise_revenue, [
    { event_date: '2024-01-01', revenue: 9.5, paying_users: 3, dau: 4, arpdau: 9.5 / 4, arppu: 9.5 / 3 },
  ]);
});

test('revenue by type: mapped column first, then the event lists, else other', () => {
  const metrics = computeCoreMetrics(events, roles());
  assert.equal(metrics.date_wise_revenue_by_type, [
    { event_date: '2024-01-01', revenue_type: 'ads', revenue: 0.5, paying_users: 1 },
    { event_date: '2024-01-01', revenue_type: 'iap', revenue: 3, paying_users: 1 },
    { event_date: '2024-01-01', revenue_type: 'other', revenue: 3, paying_users: 1 },
    { event_date: '2024-01-01', revenue_type: 'subscription', revenue: 3, paying_users: 1 },
  ]);
  assert.equal(metrics.date_wise_revenue_by_country, [
    { event_date: '2024-01-01', geo_level: 'region', geo: 'unknown', revenue: 9.5, paying_users: 3 },
  ]);
});

test('a day whose revenue events all have revenue 0 still has rows; arppu is null', () => {
  const metrics = computeCoreMetrics([event('u1', T, 'ad_impression', { revenue: 0 })], roles());
  assert.equal(metrics.date_wise_revenue, [
    { event_date: '2024-01-01', revenue: 0, paying_users: 0, dau: 1, arpdau: 0, arppu: null },
  ]);
  assert.equal(metrics.date_wise_revenue_by_type, [
    { event_date: '2024-01-01', revenue_type: 'ads', revenue: 0, paying_users: 0 },
  ]);
});

test('revenueTypeOf: exact match of mapped values, list order iap, ads, subscription', () => {
  const lists = { iap: ['promo'], ads: ['promo', 'ad_impression'], subscription: ['subscribe'] };
  assert.is(revenueTypeOf('promo', null, lists), 'iap');
  assert.is(revenueTypeOf('ad_impression', null, lists), 'ads');
  assert.is(revenueTypeOf('subscribe', null, lists), 'subscription');
  assert.is(revenueTypeOf('other_event', null, lists), 'other');
  assert.is(revenueTypeOf('subscribe', 'ads', lists), 'ads');
  assert.is(revenueTypeOf('subscribe', 'IAP', lists), 'other');
  assert.is(revenueTypeOf('subscribe', 'other', lists), 'other');
  assert.is(revenueTypeOf('in_app_purchase', null, ROLES.revenueTypes), 'iap');
});

test.run();
