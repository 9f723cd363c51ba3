/**
 * Headline KPIs with their change against the previous period: the last `days` complete dates
 * (the incomplete last day left out) against the `days` before them. Totals are sums, DAU a daily
 * mean, ARPDAU revenue over active user-days; retention and conversion are weighted over the
 * cohorts of each period that can be observed (a cohort too young for D7 is in neither D7 period).
 */
import type { MetricRows } from './metric-rows.js';
import type { Kpi, KpiSet, Period, Unit } from './report-data.js';

export const KPI_DAYS = 7;

/** The last `days` dates and the `days` before them; `days` shrinks to half of a short list. */
export function periods(dates: readonly string[], maxDays = KPI_DAYS): { current: string[]; previous: string[] } {
  const days = Math.max(1, Math.min(maxDays, Math.floor(dates.length / 2)));
  return { current: dates.slice(-days), previous: dates.length > days ? dates.slice(-2 * days, -days) : [] };
}

export function kpiSet(rows: MetricRows, dates: readonly string[], incomplete: string | null): KpiSet | null {
  const complete = dates.filter((d) => d !== incomplete);
  if (complete.length === 0) return null;
  const { current, previous } = periods(complete);
  const days = current.length;
  const kpis: Kpi[] = [];
  const sumOver = (values: ReadonlyMap<string, number>, period: readonly string[]): number => period.reduce((s, d) => s + (values.get(d) ?? 0), 0);
  const dated = (key: string, label: string, unit: Unit, basis: string, value: (p: readonly string[]) => number | null) =>
    kpi(key, label, unit, basis, value(current), previous.length === 0 ? null : value(previous), span(current), previous.length === 0 ? null : span(previous));

  if (rows.dau !== undefined) {
    const dau = new Map(rows.dau.map((r) => [r.date, r.dau]));
    kpis.push(dated('dau', 'Daily active users', 'count', 'daily mean', (p) => sumOver(dau, p) / p.length));
  }
  if (rows.newUsers !== undefined) {
    const newUsers = new Map(rows.newUsers.map((r) => [r.date, r.newUsers]));
    kpis.push(dated('new_users', 'New users', 'count', 'total', (p) => sumOver(newUsers, p)));
  }
  if (rows.revenue !== undefined) {
    const revenue = new Map(rows.revenue.map((r) => [r.date, r.revenue]));
    const dau = new Map(rows.revenue.map((r) => [r.date, r.dau]));
    kpis.push(dated('revenue', 'Revenue', 'money', 'total', (p) => sumOver(revenue, p)));
    kpis.push(dated('arpdau', 'ARPDAU', 'money', 'revenue per daily active user', (p) => ratio(sumOver(revenue, p), sumOver(dau, p))));
  }
  if (rows.retention !== undefined) {
    // The headline days; one the retention_days var lacks has no rows and no KPI.
    for (const day of [1, 7]) {
      const cohorts = rows.retention.filter((r) => r.dayN === day && r.cohort !== incomplete);
      const byCohort = new Map(cohorts.map((r) => [r.cohort, r]));
      const cohortPeriods = periods([...byCohort.keys()].sort(), days);
      if (cohortPeriods.current.length === 0) continue;
      const rate = (p: readonly string[]) => ratio(p.reduce((s, c) => s + byCohort.get(c)!.retainedUsers, 0), p.reduce((s, c) => s + byCohort.get(c)!.cohortUsers, 0));
      kpis.push(cohortKpi(`retention_d${day}`, `D${day} retention`, `cohorts of ${cohortPeriods.current.length} days, weighted`, rate, cohortPeriods));
    }
  }
  if (rows.funnel !== undefined && rows.newUsers !== undefined) {
    const lastStep = Math.max(...rows.funnel.map((r) => r.step));
    const last = rows.funnel.filter((r) => r.step === lastStep);
    if (last.length > 0) {
      const reached = new Map(last.map((r) => [r.cohort, r.users]));
      const newUsers = new Map(rows.newUsers.map((r) => [r.date, r.newUsers]));
      const cohortPeriods = periods([...reached.keys()].filter((c) => c !== incomplete).sort(), days);
      const rate = (p: readonly string[]) => ratio(sumOver(reached, p), sumOver(newUsers, p));
      if (cohortPeriods.current.length > 0) kpis.push(cohortKpi('funnel_conversion', `First-day conversion to ${last[0]!.stepName}`, 'new users who reach the last funnel step', rate, cohortPeriods));
    }
  }
  return { days, kpis };
}

function cohortKpi(key: string, label: string, basis: string, rate: (p: readonly string[]) => number | null, p: { current: string[]; previous: string[] }): Kpi {
  const has = p.previous.length > 0;
  return kpi(key, label, 'rate', basis, rate(p.current), has ? rate(p.previous) : null, span(p.current), has ? span(p.previous) : null);
}

function kpi(key: string, label: string, unit: Unit, basis: string, value: number | null, previous: number | null, period: Period, previousPeriod: Period | null): Kpi {
  return { key, label, unit, basis, value, previous, change: changeOf(value, previous), period, previousPeriod };
}

/** value / previous - 1, or null when either is missing or the previous is 0. */
export function changeOf(value: number | null, previous: number | null): number | null {
  return value === null || previous === null || previous === 0 ? null : value / previous - 1;
}

const span = (dates: readonly string[]): Period => ({ from: dates[0]!, to: dates.at(-1)! });
const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);
