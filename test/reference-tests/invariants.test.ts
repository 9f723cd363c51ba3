import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkInvariants } from '../reference/check-invariants.js';
import { compareMetricTables } from '../reference/compare-metric-tables.js';
import { computeCoreMetrics } from '../reference/compute-core-metrics.js';
import { CORE_MODEL_NAMES, type CanonicalEvent, type CoreMetrics } from '../reference/types.js';
import { event, roles, seededRandom, us } from './helpers.js';

const NAMES = ['first_open', 'session_start', 'level_start', 'level_complete', 'in_app_purchase', 'ad_impression', 'subscribe', 'tip'];
const REVENUE_NAMES = new Set(['in_app_purchase', 'ad_impression', 'subscribe', 'tip']);

/** ~5,000 events of 300 users over 30 days, with nulls, ties, out-of-order steps and refunds. */
function randomEvents(seed: number): { events: CanonicalEvent[]; nullRows: number } {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const maybe = <T>(value: T, nullShare: number): T | null => (random() < nullShare ? null : value);
  const start = us('2024-03-01T00:00:00Z');
  const events: CanonicalEvent[] = [];
  let nullRows = 0;
  for (let i = 0; i < 5000; i++) {
    const user = `u${Math.floor(random() * 300)}`;
    // whole minutes, so equal times (ties) happen
    let time: number | null = start + Math.floor(random() * 30 * 24 * 60) * 60_000_000;
    let userId: string | null = user;
    if (random() < 0.01) userId = null;
    if (random() < 0.01) time = null;
    if (userId === null || time === null) nullRows++;
    const name = random() < 0.1 ? 'first_open' : pick(NAMES);
    const revenue = REVENUE_NAMES.has(name) ? Math.round((random() * 12 - 2) * 100) / 100 : null;
    events.push(
      event(userId, time, name, {
        country: maybe(pick(['US', 'DE', 'BR']), 0.3),
        region: maybe(pick(['CA', 'NY', 'BY', 'SP']), 0.4),
        channel: maybe(pick(['organic', 'ads', 'Referral']), 0.5),
        revenue,
        revenue_type: revenue !== null && random() < 0.2 ? pick(['iap', 'ads', 'bonus']) : null,
      }),
    );
  }
  return { events, nullRows };
}

const { events, nullRows } = randomEvents(20240301);
const LA = roles({ timezone: 'America/Los_Angeles' });

function assertNonTrivial(metrics: CoreMetrics): void {
  for (const model of CORE_MODEL_NAMES) assert.ok(metrics[model].length > 0, `${model} has rows`);
}

test('section 4 invariants hold on a random event set', () => {
  const metrics = computeCoreMetrics(events, LA);
  assert.is(metrics.droppedRows, nullRows);
  assertNonTrivial(metrics);
  assert.equal(checkInvariants(metrics), []);
});

test('invariants hold without new-user events and with an activity list', () => {
  const metrics = computeCoreMetrics(
    events,
    roles({
      timezone: 'Asia/Kolkata',
      newUserEvents: [],
      activityEvents: ['session_start', 'level_start', 'level_complete', ...REVENUE_NAMES],
      geoLevel: 'region',
    }),
  );
  assertNonTrivial(metrics);
  assert.equal(checkInvariants(metrics), []);
});

test('the result does not depend on the input order', () => {
  const random = seededRandom(7);
  const shuffled = [...events];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  assert.equal(compareMetricTables(computeCoreMetrics(events, LA), computeCoreMetrics(shuffled, LA)), []);
});

test('checkInvariants reports each broken rule', () => {
  const metrics = computeCoreMetrics(events, LA);
  const channelRow = metrics.date_wise_new_logins_by_channel[0]!;
  const date = channelRow.event_date;
  const overall = metrics.date_wise_new_logins_overall.find((row) => row.event_date === date)!.new_users;
  const funnelRow = metrics.event_funnel_first_login[1]!; // step 2 of the first cohort
  const step1 = metrics.event_funnel_first_login[0]!;
  const retentionRow = metrics.retention_by_cohort_date[0]!;
  const tampered: CoreMetrics = {
    ...metrics,
    date_wise_new_logins_by_channel: [
      { ...channelRow, new_users: channelRow.new_users + 1 },
      ...metrics.date_wise_new_logins_by_channel.slice(1),
    ],
    event_funnel_first_login: [
      step1,
      { ...funnelRow, users: step1.users + 1 },
      { ...metrics.event_funnel_first_login[2]!, users: 0 },
      ...metrics.event_funnel_first_login.slice(3),
    ],
    retention_by_cohort_date: [{ ...retentionRow, retention_rate: 1.5 }, ...metrics.retention_by_cohort_date.slice(1)],
  };
  const expected = [
    `new_users on ${date}: by channel ${overall + 1}, by geo ${overall}, overall ${overall}`,
    `funnel ${step1.cohort_date}: step 2 users ${step1.users + 1} > step 1 users ${step1.users}`,
    `retention_by_cohort_date ${retentionRow.cohort_date} day ${retentionRow.day_n}: retention_rate 1.5 outside [0, 1]`,
  ];
  assert.equal(checkInvariants(tampered), expected);
});

test('checkInvariants: revenue sums, paying users and retention cohorts', () => {
  const revenue = (event_date: string, amount: number, paying: number, dau: number) => ({
    event_date,
    revenue: amount,
    paying_users: paying,
    dau,
    arpdau: null,
    arppu: null,
  });
  const violations = checkInvariants({
    date_wise_dau: [{ event_date: '2024-01-01', dau: 2 }],
    date_wise_new_logins_overall: [{ event_date: '2024-01-01', new_users: 3 }],
    date_wise_new_logins_by_channel: [{ event_date: '2024-01-01', channel: 'a', new_users: 3 }],
    date_wise_new_logins_by_country: [{ event_date: '2024-01-01', geo_level: 'region', geo: 'x', new_users: 3 }],
    date_wise_revenue: [revenue('2024-01-01', 10, 3, 2)],
    date_wise_revenue_by_type: [{ event_date: '2024-01-01', revenue_type: 'iap', revenue: 10.000001, paying_users: 1 }],
    date_wise_revenue_by_country: [{ event_date: '2024-01-01', geo_level: 'region', geo: 'x', revenue: 10.01, paying_users: 1 }],
    retention_by_cohort_date: [
      { cohort_date: '2024-01-01', day_n: 1, cohort_users: 2, retained_users: 1, retention_rate: 0.5 },
      { cohort_date: '2024-01-01', day_n: 2, cohort_users: 3, retained_users: 1, retention_rate: 1 / 3 },
    ],
    retention_by_funnel_step: [
      { cohort_date: '2024-01-01', last_step: 0, last_step_name: '(none)', day_n: 1, cohort_users: 1, retained_users: 0, retention_rate: 0 },
    ],
  });
  assert.equal(violations, [
    'revenue on 2024-01-01: by type 10.000001, by geo 10.01, daily total 10',
    'new_users 3 > dau 2 on 2024-01-01',
    'date_wise_revenue: paying_users 3 > dau 2 on 2024-01-01',
    'retention_by_cohort_date 2024-01-01 day 1: cohort_users 2 != new_users 3',
    'retention_by_funnel_step 2024-01-01 day 1: cohort_users sum 1 != retention_by_cohort_date 2',
    'retention_by_funnel_step 2024-01-01 day 2: no rows, retention_by_cohort_date has cohort_users 3',
  ]);
});

test.run();
