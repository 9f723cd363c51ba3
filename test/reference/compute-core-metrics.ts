/**
 * Reference implementation of the ten core metrics, written from docs/metrics.md alone
 * (no SQL, no database). The SQL builds are proven right by comparing against it.
 *
 * Where the text leaves a choice, the most literal reading is taken:
 *  1. `droppedRows` counts rows whose user_id or event_time is null (or missing); rows outside
 *     start_date/end_date are filtered, not dropped, and not counted.
 *  2. "The stream" is the stream after the start/end filter: cohorts, user attributes, the geo
 *     level and the funnel see only events in the window (a user first seen before start_date
 *     gets the cohort of their first qualifying event inside the window).
 *  3. Cohort date = event_date of the earliest (by event_time) new-user event when new-user events
 *     are mapped (earlier activity does not matter), else of the earliest activity event.
 *  4. `activityEvents: []` means no event is an activity event; only 'all' means every event.
 *     A new-user event that is not an activity event does not make the user active.
 *  5. Attribute values and countries are taken as they are: '' is a value (not null), nothing is
 *     trimmed or case-folded; "smallest value" is code-unit order.
 *  6. Geo level 'auto' counts distinct non-null countries over all events of the stream.
 *  7. Funnel: any step event on the cohort date counts, also one before the new-user event; step
 *     events need not be activity events; one event whose name is in two steps' lists can reach
 *     both (event_time >= t(k-1) includes equal times). With no funnel steps, model 5 is empty
 *     and every cohort user is in last_step 0 '(none)' of model 10.
 *  8. rate_from_start and step 1's rate_from_previous are users / new_users (new_users > 0 on
 *     every row, so never null).
 *  9. Revenue events are events with a non-null revenue, whether or not activity events; a 0 or
 *     negative revenue still creates a row in models 7 and 8 but never a paying user; sums keep
 *     negatives. A user paying in two types counts once in each type's row.
 * 10. Model 6 on a date without revenue events: revenue 0, paying_users 0, arppu null, and
 *     arpdau 0 (or null when dau is 0).
 * 11. Revenue type: a non-null mapped revenue_type is matched exactly (case-sensitive) against
 *     iap/ads/subscription, else 'other'; from event lists the order iap, ads, subscription
 *     decides when a name is in several lists.
 * 12. Models 3, 4, 7, 8 have rows only for groups with new users / revenue events; models 9 and
 *     10 only for cohort dates with new users and day N with cohort_date + N <= max_date.
 */
import { dayToIso } from './calendar.js';
import { computeLastSteps } from './funnel.js';
import { resolveGeoLevel } from './geo-level.js';
import { prepareEvents } from './prepare-events.js';
import { revenueTypeOf } from './revenue-type.js';
import { sortByGrain } from './sort-rows.js';
import { computeUserFacts, type UserFacts } from './user-facts.js';
import {
  FUNNEL_RETENTION_DAYS,
  MODEL_GRAIN,
  RETENTION_DAYS,
  type CanonicalEvent,
  type CoreMetrics,
  type DauRow,
  type FunnelRow,
  type GeoLevel,
  type MetricRoles,
  type NewLoginsByChannelRow,
  type NewLoginsByGeoRow,
  type NewLoginsRow,
  type RetentionByStepRow,
  type RetentionRow,
  type RevenueByGeoRow,
  type RevenueByTypeRow,
  type RevenueRow,
  type RevenueType,
} from './types.js';

export const NO_STEP_NAME = '(none)';

export function computeCoreMetrics(events: readonly CanonicalEvent[], roles: MetricRoles): CoreMetrics {
  const stream = prepareEvents(events, roles);
  if (stream.window === null) return { ...emptyTables(), droppedRows: stream.droppedRows };
  const { minDay, maxDay } = stream.window;

  const facts = computeUserFacts(stream, roles);
  const geoLevel = resolveGeoLevel(stream, roles.geoLevel);
  const geoOf = (user: number): string => geoAttribute(facts[user]!, geoLevel);
  const lastSteps = computeLastSteps(stream, facts, roles.funnel);

  const windowDays: number[] = [];
  for (let day = minDay; day <= maxDay; day++) windowDays.push(day);

  const dauByDay = new Map<number, number>();
  for (const user of facts) for (const day of user.activeDays) increment(dauByDay, day, 1);
  const dauOn = (day: number): number => dauByDay.get(day) ?? 0;

  // new users of each cohort date, as user indices
  const cohorts = new Map<number, number[]>();
  facts.forEach((user, index) => {
    if (user.cohortDay !== null) pushTo(cohorts, user.cohortDay, index);
  });
  const newUsersOn = (day: number): number => cohorts.get(day)?.length ?? 0;

  // 1, 2: date spines
  const dau: DauRow[] = windowDays.map((day) => ({ event_date: dayToIso(day), dau: dauOn(day) }));
  const newLogins: NewLoginsRow[] = windowDays.map((day) => ({
    event_date: dayToIso(day),
    new_users: newUsersOn(day),
  }));

  // 3, 4: new users by attribute
  const byChannel: NewLoginsByChannelRow[] = [];
  const byGeo: NewLoginsByGeoRow[] = [];
  for (const [day, users] of cohorts) {
    for (const [channel, count] of countBy(users, (user) => facts[user]!.channel)) {
      byChannel.push({ event_date: dayToIso(day), channel, new_users: count });
    }
    for (const [geo, count] of countBy(users, geoOf)) {
      byGeo.push({ event_date: dayToIso(day), geo_level: geoLevel, geo, new_users: count });
    }
  }

  // 5: first-day funnel, one row per step of every cohort date
  const funnel: FunnelRow[] = [];
  for (const [day, users] of cohorts) {
    const reached = roles.funnel.map((_, k) => users.filter((user) => lastSteps[user]! >= k + 1).length);
    roles.funnel.forEach((step, k) => {
      const count = reached[k]!;
      const previous = k === 0 ? users.length : reached[k - 1]!;
      funnel.push({
        cohort_date: dayToIso(day),
        step: k + 1,
        step_name: step.name,
        users: count,
        rate_from_start: ratio(count, users.length),
        rate_from_previous: ratio(count, previous),
      });
    });
  }

  // 6, 7, 8: revenue
  const revenueTotals = new Map<number, RevenueGroup>();
  const revenueByGeo = new Map<number, Map<string, RevenueGroup>>();
  const revenueByType = new Map<number, Map<RevenueType, RevenueGroup>>();
  for (const event of stream.events) {
    const amount = event.source.revenue;
    if (amount == null) continue;
    const type = revenueTypeOf(event.source.event_name, event.source.revenue_type, roles.revenueTypes);
    for (const group of [
      groupOf(revenueTotals, event.day),
      groupOf(nestedMap(revenueByGeo, event.day), geoOf(event.user)),
      groupOf(nestedMap(revenueByType, event.day), type),
    ]) {
      group.revenue += amount;
      if (amount > 0) group.payingUsers.add(event.user);
    }
  }
  const revenue: RevenueRow[] = windowDays.map((day) => {
    const group = revenueTotals.get(day);
    const amount = group?.revenue ?? 0;
    const paying = group?.payingUsers.size ?? 0;
    return {
      event_date: dayToIso(day),
      revenue: amount,
      paying_users: paying,
      dau: dauOn(day),
      arpdau: ratio(amount, dauOn(day)),
      arppu: ratio(amount, paying),
    };
  });
  const revenueGeo: RevenueByGeoRow[] = [];
  for (const [day, groups] of revenueByGeo) {
    for (const [geo, group] of groups) {
      revenueGeo.push({
        event_date: dayToIso(day),
        geo_level: geoLevel,
        geo,
        revenue: group.revenue,
        paying_users: group.payingUsers.size,
      });
    }
  }
  const revenueType: RevenueByTypeRow[] = [];
  for (const [day, groups] of revenueByType) {
    for (const [type, group] of groups) {
      revenueType.push({
        event_date: dayToIso(day),
        revenue_type: type,
        revenue: group.revenue,
        paying_users: group.payingUsers.size,
      });
    }
  }

  // 9, 10: classic "on day N" retention of complete cohorts
  const retainedOn = (users: readonly number[], day: number): number =>
    users.filter((user) => facts[user]!.activeDays.has(day)).length;
  const retention: RetentionRow[] = [];
  const retentionByStep: RetentionByStepRow[] = [];
  for (const [cohortDay, users] of cohorts) {
    for (const n of roles.retentionDays ?? RETENTION_DAYS) {
      if (cohortDay + n > maxDay) continue;
      const retained = retainedOn(users, cohortDay + n);
      retention.push({
        cohort_date: dayToIso(cohortDay),
        day_n: n,
        cohort_users: users.length,
        retained_users: retained,
        retention_rate: retained / users.length,
      });
    }
    const byStep = new Map<number, number[]>();
    for (const user of users) pushTo(byStep, lastSteps[user]!, user);
    for (const [step, stepUsers] of byStep) {
      for (const n of roles.funnelRetentionDays ?? FUNNEL_RETENTION_DAYS) {
        if (cohortDay + n > maxDay) continue;
        const retained = retainedOn(stepUsers, cohortDay + n);
        retentionByStep.push({
          cohort_date: dayToIso(cohortDay),
          last_step: step,
          last_step_name: step === 0 ? NO_STEP_NAME : roles.funnel[step - 1]!.name,
          day_n: n,
          cohort_users: stepUsers.length,
          retained_users: retained,
          retention_rate: retained / stepUsers.length,
        });
      }
    }
  }

  return {
    droppedRows: stream.droppedRows,
    date_wise_dau: dau,
    date_wise_new_logins_overall: newLogins,
    date_wise_new_logins_by_channel: sortByGrain(byChannel, MODEL_GRAIN.date_wise_new_logins_by_channel),
    date_wise_new_logins_by_country: sortByGrain(byGeo, MODEL_GRAIN.date_wise_new_logins_by_country),
    event_funnel_first_login: sortByGrain(funnel, MODEL_GRAIN.event_funnel_first_login),
    date_wise_revenue: revenue,
    date_wise_revenue_by_country: sortByGrain(revenueGeo, MODEL_GRAIN.date_wise_revenue_by_country),
    date_wise_revenue_by_type: sortByGrain(revenueType, MODEL_GRAIN.date_wise_revenue_by_type),
    retention_by_cohort_date: sortByGrain(retention, MODEL_GRAIN.retention_by_cohort_date),
    retention_by_funnel_step: sortByGrain(retentionByStep, MODEL_GRAIN.retention_by_funnel_step),
  };
}

interface RevenueGroup {
  revenue: number;
  readonly payingUsers: Set<number>;
}

function emptyTables(): Omit<CoreMetrics, 'droppedRows'> {
  return {
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
  };
}

function geoAttribute(user: UserFacts, level: GeoLevel): string {
  switch (level) {
    case 'country':
      return user.country;
    case 'region':
      return user.region;
    default: {
      const unexpected: never = level;
      throw new Error(`Unknown geo level: ${String(unexpected)}`);
    }
  }
}

/** a / b, or null when b is 0. */
function ratio(a: number, b: number): number | null {
  return b === 0 ? null : a / b;
}

function increment<K>(map: Map<K, number>, key: K, by: number): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

function countBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) increment(counts, keyOf(item), 1);
  return counts;
}

function nestedMap<K, K2, V>(map: Map<K, Map<K2, V>>, key: K): Map<K2, V> {
  let inner = map.get(key);
  if (inner === undefined) {
    inner = new Map();
    map.set(key, inner);
  }
  return inner;
}

function groupOf<K>(map: Map<K, RevenueGroup>, key: K): RevenueGroup {
  let group = map.get(key);
  if (group === undefined) {
    group = { revenue: 0, payingUsers: new Set() };
    map.set(key, group);
  }
  return group;
}
