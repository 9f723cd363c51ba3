/**
 * Cohort retention as a grid (cohort date x day N): blank where day N cannot be observed yet
 * (no row: the cohort is too young), a weighted mean row (retained / cohort users over the
 * cohorts observable on that day), weekly cohort curves, and retention by last funnel step.
 */
import type { MetricRows } from './metric-rows.js';
import type { RetentionGrid, StepRetention } from './report-data.js';

/**
 * `cohortDays`: the days N retention_by_cohort_date reports (the retention_days var), each a
 * column even before any cohort is old enough for it; a day of the rows is shown too.
 */
export function retentionGrid(rows: MetricRows, cohortDays: readonly number[], maxCurves = 8): RetentionGrid | null {
  if (rows.retention === undefined) return null;
  const days = [...new Set([...cohortDays, ...rows.retention.map((r) => r.dayN)])].sort((a, b) => a - b);
  // Cohorts: every date with new users (a cohort too young for day 1 has no retention row yet).
  const users = new Map<string, number>();
  for (const r of rows.newUsers ?? []) if (r.newUsers > 0) users.set(r.date, r.newUsers);
  for (const r of rows.retention) users.set(r.cohort, r.cohortUsers);
  const cell = new Map(rows.retention.map((r) => [`${r.cohort}|${r.dayN}`, r]));
  const cohorts = [...users.keys()].sort();
  const gridRows = cohorts.map((cohort) => ({
    cohort,
    users: users.get(cohort)!,
    cells: days.map((d) => {
      const r = cell.get(`${cohort}|${d}`);
      return r === undefined || r.cohortUsers === 0 ? null : r.retainedUsers / r.cohortUsers;
    }),
  }));
  const weighted = (group: readonly string[], requireAll: boolean) =>
    days.map((d) => {
      const observed = group.map((c) => cell.get(`${c}|${d}`)).filter((r) => r !== undefined);
      if (observed.length === 0 || (requireAll && observed.length < group.length)) return { rate: null, users: 0 };
      const cohortUsers = observed.reduce((s, r) => s + r.cohortUsers, 0);
      return { rate: cohortUsers === 0 ? null : observed.reduce((s, r) => s + r.retainedUsers, 0) / cohortUsers, users: cohortUsers };
    });
  const mean = weighted(cohorts, false);
  // A week of cohorts is drawn to the last day N that all of its cohorts reached.
  const weeks: string[][] = [];
  cohorts.forEach((c, i) => (weeks[Math.floor(i / 7)] ??= []).push(c));
  const curves = weeks
    .map((week) => ({ name: week.length === 1 ? week[0]! : `${week[0]!} to ${week.at(-1)!}`, cells: weighted(week, true).map((w) => w.rate) }))
    .filter((c) => c.cells.some((v) => v !== null))
    .slice(-maxCurves);
  return { days, rows: gridRows, mean: mean.map((m) => m.rate), meanUsers: mean.map((m) => m.users), curves };
}

/** Retention by the user's last first-day funnel step, weighted over every observable cohort; `stepDays` as `cohortDays` above (funnel_retention_days). */
export function stepRetention(rows: MetricRows, stepDays: readonly number[]): StepRetention | null {
  if (rows.retentionByStep === undefined || rows.retentionByStep.length === 0) return null;
  const days = [...new Set([...stepDays, ...rows.retentionByStep.map((r) => r.dayN)])].sort((a, b) => a - b);
  const steps = new Map<number, { name: string; cohorts: Map<string, number>; byDay: Map<number, { users: number; retained: number }> }>();
  for (const r of rows.retentionByStep) {
    const s = steps.get(r.lastStep) ?? { name: r.lastStepName, cohorts: new Map(), byDay: new Map() };
    s.cohorts.set(r.cohort, r.cohortUsers);
    const d = s.byDay.get(r.dayN) ?? { users: 0, retained: 0 };
    d.users += r.cohortUsers;
    d.retained += r.retainedUsers;
    s.byDay.set(r.dayN, d);
    steps.set(r.lastStep, s);
  }
  return {
    days,
    steps: [...steps].sort(([a], [b]) => a - b).map(([step, s]) => ({
      step,
      name: s.name,
      users: [...s.cohorts.values()].reduce((a, b) => a + b, 0),
      cells: days.map((d) => {
        const v = s.byDay.get(d);
        return v === undefined || v.users === 0 ? null : v.retained / v.users;
      }),
    })),
  };
}
