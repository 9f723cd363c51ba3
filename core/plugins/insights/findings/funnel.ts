/**
 * The first-day funnel: the step where the most users drop off (the lowest step-to-step rate over
 * the cohorts of the window), and how that drop-off moved from the first half of the window to
 * the second (two-proportion test).
 */
import { formatChange, formatValue } from '../format.js';
import type { FunnelData } from '../metric-data.js';
import { compareProportions, wilson } from '../stats/proportions.js';
import type { Candidate } from './candidate.js';

export function funnelCandidates(funnel: FunnelData): Candidate[] {
  const rows = funnel.steps.map((s, i) => {
    const previous = i === 0 ? funnel.newUsers : funnel.steps[i - 1]!;
    return { step: s, from: i === 0 ? 'first login' : funnel.steps[i - 1]!.name, previous };
  });
  const rates = rows
    .map((r) => ({ ...r, reached: r.step.firstHalf + r.step.secondHalf, base: r.previous.firstHalf + r.previous.secondHalf }))
    .filter((r) => r.base > 0);
  if (rates.length === 0) return [];
  const worst = rates.reduce((a, b) => (b.reached / b.base < a.reached / a.base ? b : a));
  const dropFirst = worst.previous.firstHalf === 0 ? 0 : 1 - worst.step.firstHalf / worst.previous.firstHalf;
  const dropSecond = worst.previous.secondHalf === 0 ? 0 : 1 - worst.step.secondHalf / worst.previous.secondHalf;
  const lostFirst = worst.previous.firstHalf - worst.step.firstHalf;
  const lostSecond = worst.previous.secondHalf - worst.step.secondHalf;
  const test = worst.previous.firstHalf > 0 && worst.previous.secondHalf > 0 ? compareProportions(lostSecond, worst.previous.secondHalf, lostFirst, worst.previous.firstHalf) : undefined;
  const change = dropFirst === 0 ? null : dropSecond / dropFirst - 1;
  const overall = 1 - worst.reached / worst.base;
  return [{
    key: `funnel:largest_drop_off:step=${worst.step.step}`,
    kind: 'funnel',
    metric: `funnel_drop_off_step_${worst.step.step}`,
    metricLabel: `First-day drop-off before ${worst.step.name}`,
    table: funnel.table,
    where: { step: String(worst.step.step), step_name: worst.step.name, from_step: worst.from },
    unit: 'rate',
    value: dropSecond,
    baseline: dropFirst,
    baselineLabel: 'the first half of the window',
    n: worst.previous.secondHalf,
    interval: wilson(lostSecond, worst.previous.secondHalf),
    test: test === undefined ? null : { name: test.test, statistic: test.statistic, p: test.p },
    ...(change !== null && Math.abs(change) < 0.1 ? { belowMinimum: 'the drop-off moved by less than 10%' } : {}),
    summary: `The largest first-day drop-off is between ${worst.from} and ${worst.step.name}: ${formatValue(overall, 'rate')} of users who reached ${worst.from} did not reach ${worst.step.name}; ${formatValue(dropSecond, 'rate')} in the second half of the window against ${formatValue(dropFirst, 'rate')} in the first${change === null ? '' : ` (${formatChange(change)})`}, {q}.`,
    weight: 1.2,
    keepWhenNotSignificant: true,
  }];
}
