/**
 * The first-day funnel of METRICS.md section 2: step 1 is reached with a step-1 event on the
 * cohort date, step k with a step-k event on that date at or after t(k-1); t(k) is the earliest.
 */
import type { PreparedStream } from './prepare-events.js';
import type { UserFacts } from './user-facts.js';
import type { MetricRoles } from './types.js';

/**
 * The last step reached (0 if none), given for each step (in order) the times of the user's
 * events of that step on the cohort date, in any order.
 */
export function lastFunnelStep(stepTimes: readonly (readonly number[])[]): number {
  let previous = -Infinity;
  for (let k = 0; k < stepTimes.length; k++) {
    let earliest = Infinity;
    for (const time of stepTimes[k]!) if (time >= previous && time < earliest) earliest = time;
    if (earliest === Infinity) return k;
    previous = earliest;
  }
  return stepTimes.length;
}

/** Last step for every user (0 for users without a cohort or without step events), indexed like userIds. */
export function computeLastSteps(
  stream: PreparedStream,
  facts: readonly UserFacts[],
  funnel: MetricRoles['funnel'],
): readonly number[] {
  // an event name may belong to several steps; each use counts
  const stepsByName = new Map<string, number[]>();
  funnel.forEach((step, k) => {
    for (const name of step.events) {
      const steps = stepsByName.get(name) ?? [];
      if (!steps.includes(k)) steps.push(k);
      stepsByName.set(name, steps);
    }
  });

  const timesByUser = new Map<number, number[][]>();
  for (const event of stream.events) {
    const steps = stepsByName.get(event.source.event_name);
    if (steps === undefined || event.day !== facts[event.user]!.cohortDay) continue;
    let times = timesByUser.get(event.user);
    if (times === undefined) {
      times = funnel.map(() => []);
      timesByUser.set(event.user, times);
    }
    for (const k of steps) times[k]!.push(event.timeUs);
  }

  return stream.userIds.map((_, user) => {
    const times = timesByUser.get(user);
    return times === undefined ? 0 : lastFunnelStep(times);
  });
}
