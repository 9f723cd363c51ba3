/**
 * Per-user facts of METRICS.md section 2: active days, cohort date, and the three user attributes
 * (value on the earliest event with a non-null value; ties on time: the smallest value).
 */
import { createEventDater } from './event-date.js';
import type { PreparedStream } from './prepare-events.js';
import type { MetricRoles } from './types.js';

export interface UserFacts {
  /** Days with at least one activity event. */
  readonly activeDays: ReadonlySet<number>;
  /**
   * event_date of the earliest new-user (or, with none mapped, activity) event; with a mapped
   * cohort_date, the date (in the zone) of the user's earliest value if inside the window. Null: not a new user.
   */
  readonly cohortDay: number | null;
  readonly channel: string;
  readonly country: string;
  readonly region: string;
}

export const UNKNOWN_ATTRIBUTE = 'unknown';

type AttributeName = 'channel' | 'country' | 'region';
const ATTRIBUTES: readonly AttributeName[] = ['channel', 'country', 'region'];

interface Earliest<T> {
  timeUs: number;
  value: T;
}

/** Whether (timeUs, value) beats the current pick: earlier, or as early with a smaller value. */
function beats(current: Earliest<string> | undefined, timeUs: number, value: string): boolean {
  if (current === undefined) return true;
  if (timeUs !== current.timeUs) return timeUs < current.timeUs;
  return value < current.value;
}

/** Facts for every user of the stream, indexed like stream.userIds. */
export function computeUserFacts(stream: PreparedStream, roles: MetricRoles): readonly UserFacts[] {
  const activity = roles.activityEvents === 'all' ? null : new Set(roles.activityEvents);
  const newUserEvents = new Set(roles.newUserEvents);
  const cohortFromNewUserEvents = newUserEvents.size > 0;

  const activeDays = stream.userIds.map(() => new Set<number>());
  const cohortEvent: (Earliest<number> | undefined)[] = stream.userIds.map(() => undefined);
  const attributes = ATTRIBUTES.map(() => stream.userIds.map((): Earliest<string> | undefined => undefined));
  const earliestCohortTime: (number | undefined)[] = stream.userIds.map(() => undefined);

  for (const event of stream.events) {
    const name = event.source.event_name;
    const isActivity = activity === null || activity.has(name);
    if (isActivity) activeDays[event.user]!.add(event.day);

    const marksCohort = cohortFromNewUserEvents ? newUserEvents.has(name) : isActivity;
    if (marksCohort) {
      const current = cohortEvent[event.user];
      // the cohort is the date of the earliest such event (by time, not by date)
      if (current === undefined || event.timeUs < current.timeUs) {
        cohortEvent[event.user] = { timeUs: event.timeUs, value: event.day };
      }
    }

    const cohortTime = event.source.cohort_time_us;
    if (cohortTime != null && (earliestCohortTime[event.user] === undefined || cohortTime < earliestCohortTime[event.user]!)) earliestCohortTime[event.user] = cohortTime;

    ATTRIBUTES.forEach((attribute, a) => {
      const value = event.source[attribute];
      if (value == null) return;
      const picks = attributes[a]!;
      if (beats(picks[event.user], event.timeUs, value)) picks[event.user] = { timeUs: event.timeUs, value };
    });
  }

  const dayOf = createEventDater(roles.timezone);
  const mappedCohortDay = (user: number): number | null => {
    const time = earliestCohortTime[user];
    if (time === undefined || stream.window === null) return null;
    const day = dayOf(time);
    return day >= stream.window.minDay && day <= stream.window.maxDay ? day : null;
  };

  return stream.userIds.map((_, user) => ({
    activeDays: activeDays[user]!,
    cohortDay: roles.cohortDateMapped === true ? mappedCohortDay(user) : (cohortEvent[user]?.value ?? null),
    channel: attributes[0]![user]?.value ?? UNKNOWN_ATTRIBUTE,
    country: attributes[1]![user]?.value ?? UNKNOWN_ATTRIBUTE,
    region: attributes[2]![user]?.value ?? UNKNOWN_ATTRIBUTE,
  }));
}
