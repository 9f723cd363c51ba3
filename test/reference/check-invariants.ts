/**
 * The cross-checks of METRICS.md section 4, on any engine's tables (values read loosely, so raw
 * DuckDB rows work too). Returns one readable line per violation; empty when all hold.
 */
import { cellOf, looseNumber, looseText } from './loose-values.js';
import { FUNNEL_RETENTION_DAYS, type LooseMetricTables, type LooseRow } from './types.js';

const REVENUE_REL_TOL = 1e-6;
/** Floor for sums that cancel to about zero, where a relative tolerance means nothing. */
const REVENUE_ABS_TOL = 1e-9;

export function checkInvariants(metrics: LooseMetricTables, options: { readonly newUsersWithinDau?: boolean; readonly funnelRetentionDays?: readonly number[] } = {}): string[] {
  const violations: string[] = [];
  const num = (row: LooseRow, column: string): number => looseNumber(cellOf(row, column)) ?? Number.NaN;
  const text = (row: LooseRow, column: string): string => looseText(cellOf(row, column));

  const dau = sumBy(metrics.date_wise_dau, 'event_date', 'dau', num, text);
  const newUsers = sumBy(metrics.date_wise_new_logins_overall, 'event_date', 'new_users', num, text);

  // new users: by channel = by geo = overall, for every date
  const byChannel = sumBy(metrics.date_wise_new_logins_by_channel, 'event_date', 'new_users', num, text);
  const byGeo = sumBy(metrics.date_wise_new_logins_by_country, 'event_date', 'new_users', num, text);
  for (const date of sortedUnion(newUsers, byChannel, byGeo)) {
    const overall = newUsers.get(date) ?? 0;
    const channel = byChannel.get(date) ?? 0;
    const geo = byGeo.get(date) ?? 0;
    if (channel !== overall || geo !== overall) {
      violations.push(`new_users on ${date}: by channel ${channel}, by geo ${geo}, overall ${overall}`);
    }
  }

  // revenue: by type = by geo = daily total, within 1e-6 relative
  const revenueTotal = sumBy(metrics.date_wise_revenue, 'event_date', 'revenue', num, text);
  const revenueByType = sumBy(metrics.date_wise_revenue_by_type, 'event_date', 'revenue', num, text);
  const revenueByGeo = sumBy(metrics.date_wise_revenue_by_country, 'event_date', 'revenue', num, text);
  for (const date of sortedUnion(revenueTotal, revenueByType, revenueByGeo)) {
    const total = revenueTotal.get(date) ?? 0;
    const type = revenueByType.get(date) ?? 0;
    const geo = revenueByGeo.get(date) ?? 0;
    if (!revenueClose(type, total) || !revenueClose(geo, total)) {
      violations.push(`revenue on ${date}: by type ${type}, by geo ${geo}, daily total ${total}`);
    }
  }

  // new_users <= dau (not an invariant when a mapped cohort_date sets the cohort); paying_users <= dau
  for (const [date, count] of options.newUsersWithinDau === false ? [] : newUsers) {
    const active = dau.get(date) ?? 0;
    if (count > active) violations.push(`new_users ${count} > dau ${active} on ${date}`);
  }
  for (const row of metrics.date_wise_revenue ?? []) {
    if (num(row, 'paying_users') > num(row, 'dau')) {
      violations.push(
        `date_wise_revenue: paying_users ${num(row, 'paying_users')} > dau ${num(row, 'dau')} on ${text(row, 'event_date')}`,
      );
    }
  }
  for (const model of ['date_wise_revenue_by_country', 'date_wise_revenue_by_type'] as const) {
    for (const row of metrics[model] ?? []) {
      const active = dau.get(text(row, 'event_date')) ?? 0;
      if (num(row, 'paying_users') > active) {
        violations.push(`${model}: paying_users ${num(row, 'paying_users')} > dau ${active} on ${text(row, 'event_date')}`);
      }
    }
  }

  // funnel: users non-increasing in step; users(1) <= new_users
  const stepsByCohort = new Map<string, { step: number; users: number }[]>();
  for (const row of metrics.event_funnel_first_login ?? []) {
    const cohort = text(row, 'cohort_date');
    const steps = stepsByCohort.get(cohort) ?? [];
    steps.push({ step: num(row, 'step'), users: num(row, 'users') });
    stepsByCohort.set(cohort, steps);
  }
  for (const [cohort, steps] of stepsByCohort) {
    steps.sort((a, b) => a.step - b.step);
    steps.forEach(({ step, users }, i) => {
      const previous = steps[i - 1];
      if (previous !== undefined && users > previous.users) {
        violations.push(`funnel ${cohort}: step ${step} users ${users} > step ${previous.step} users ${previous.users}`);
      }
      if (step === 1 && users > (newUsers.get(cohort) ?? 0)) {
        violations.push(`funnel ${cohort}: step 1 users ${users} > new_users ${newUsers.get(cohort) ?? 0}`);
      }
    });
  }

  // retention: rate in [0, 1]; cohort_users = new_users; sum over last_step = model 9
  const cohortUsers = new Map<string, { dayN: number; users: number }>();
  for (const row of metrics.retention_by_cohort_date ?? []) {
    const cohort = text(row, 'cohort_date');
    const where = `retention_by_cohort_date ${cohort} day ${num(row, 'day_n')}`;
    if (!rateInRange(num(row, 'retention_rate'))) {
      violations.push(`${where}: retention_rate ${num(row, 'retention_rate')} outside [0, 1]`);
    }
    const expected = newUsers.get(cohort) ?? 0;
    if (num(row, 'cohort_users') !== expected) {
      violations.push(`${where}: cohort_users ${num(row, 'cohort_users')} != new_users ${expected}`);
    }
    cohortUsers.set(`${cohort} day ${num(row, 'day_n')}`, { dayN: num(row, 'day_n'), users: num(row, 'cohort_users') });
  }
  const cohortUsersOverSteps = new Map<string, number>();
  for (const row of metrics.retention_by_funnel_step ?? []) {
    const key = `${text(row, 'cohort_date')} day ${num(row, 'day_n')}`;
    if (!rateInRange(num(row, 'retention_rate'))) {
      violations.push(
        `retention_by_funnel_step ${key} last_step ${num(row, 'last_step')}: retention_rate ${num(row, 'retention_rate')} outside [0, 1]`,
      );
    }
    cohortUsersOverSteps.set(key, (cohortUsersOverSteps.get(key) ?? 0) + num(row, 'cohort_users'));
  }
  for (const [key, sum] of cohortUsersOverSteps) {
    const overall = cohortUsers.get(key);
    if (overall === undefined) violations.push(`retention_by_funnel_step ${key}: no retention_by_cohort_date row`);
    else if (sum !== overall.users) {
      violations.push(`retention_by_funnel_step ${key}: cohort_users sum ${sum} != retention_by_cohort_date ${overall.users}`);
    }
  }
  for (const [key, { dayN, users }] of cohortUsers) {
    if ((options.funnelRetentionDays ?? FUNNEL_RETENTION_DAYS).includes(dayN) && !cohortUsersOverSteps.has(key)) {
      violations.push(`retention_by_funnel_step ${key}: no rows, retention_by_cohort_date has cohort_users ${users}`);
    }
  }

  return violations;
}

function sumBy(
  rows: readonly LooseRow[] | undefined,
  keyColumn: string,
  valueColumn: string,
  num: (row: LooseRow, column: string) => number,
  text: (row: LooseRow, column: string) => string,
): Map<string, number> {
  const sums = new Map<string, number>();
  for (const row of rows ?? []) {
    const key = text(row, keyColumn);
    sums.set(key, (sums.get(key) ?? 0) + num(row, valueColumn));
  }
  return sums;
}

function sortedUnion(...maps: readonly Map<string, number>[]): string[] {
  const keys = new Set<string>();
  for (const map of maps) for (const key of map.keys()) keys.add(key);
  return [...keys].sort();
}

function revenueClose(a: number, b: number): boolean {
  const difference = Math.abs(a - b);
  return difference <= REVENUE_ABS_TOL || difference <= REVENUE_REL_TOL * Math.max(Math.abs(a), Math.abs(b));
}

function rateInRange(rate: number): boolean {
  return rate >= 0 && rate <= 1;
}
