/**
 * The first-day funnel of every complete cohort date together: users per step, conversion from
 * the start (new users) and from the previous step, and the step that loses the largest share of
 * the users who reached the one before it.
 */
import type { MetricRows } from './metric-rows.js';
import type { Funnel, FunnelStep } from './report-data.js';

export function funnelSection(rows: MetricRows, incomplete: string | null): Funnel | null {
  if (rows.funnel === undefined || rows.newUsers === undefined) return null;
  const cohorts = [...new Set(rows.funnel.map((r) => r.cohort))].filter((c) => c !== incomplete).sort();
  if (cohorts.length === 0) return null;
  const included = new Set(cohorts);
  const newUsers = rows.newUsers.filter((r) => included.has(r.date)).reduce((s, r) => s + r.newUsers, 0);
  const byStep = new Map<number, { name: string; users: number }>();
  for (const r of rows.funnel) {
    if (!included.has(r.cohort)) continue;
    const entry = byStep.get(r.step) ?? { name: r.stepName, users: 0 };
    entry.users += r.users;
    byStep.set(r.step, entry);
  }
  const steps = funnelSteps(newUsers, [...byStep].sort(([a], [b]) => a - b).map(([step, e]) => ({ step, name: e.name, users: e.users })));
  return { cohorts: { from: cohorts[0]!, to: cohorts.at(-1)! }, newUsers, steps, largestDropOff: largestDropOff(newUsers, steps) };
}

/** Conversion of each step from the start and from the step before it (new users before step 1). */
export function funnelSteps(newUsers: number, steps: readonly { step: number; name: string; users: number }[]): FunnelStep[] {
  return steps.map((s, i) => {
    const previous = i === 0 ? newUsers : steps[i - 1]!.users;
    return { ...s, fromStart: ratio(s.users, newUsers), fromPrevious: ratio(s.users, previous) };
  });
}

/** The step with the largest share lost from the step before it; the earliest on a tie; null when nothing is lost. */
export function largestDropOff(newUsers: number, steps: readonly FunnelStep[]): Funnel['largestDropOff'] {
  let best: Funnel['largestDropOff'] = null;
  steps.forEach((s, i) => {
    if (s.fromPrevious === null) return;
    const lostShare = 1 - s.fromPrevious;
    if (lostShare <= 0 || (best !== null && lostShare <= best.lostShare)) return;
    const before = i === 0 ? { name: 'new users', users: newUsers } : steps[i - 1]!;
    best = { fromName: before.name, toName: s.name, step: s.step, lostShare, lostUsers: before.users - s.users };
  });
  return best;
}

const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);
