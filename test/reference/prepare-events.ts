/**
 * Stage 1 of the reference: drop rows without user or time (counted), derive event_date in the
 * reporting zone, apply the start/end vars, and find the window. Everything later reads only this.
 */
import { isoToDay } from './calendar.js';
import { createEventDater } from './event-date.js';
import type { CanonicalEvent, MetricRoles } from './types.js';

export interface PreparedEvent {
  readonly source: CanonicalEvent;
  /** Index into PreparedStream.userIds. */
  readonly user: number;
  readonly timeUs: number;
  /** event_date as a day number (see calendar.ts). */
  readonly day: number;
}

export interface PreparedStream {
  /** Events inside the window, in input order. */
  readonly events: readonly PreparedEvent[];
  readonly userIds: readonly string[];
  readonly droppedRows: number;
  /** min_date .. max_date; null when no event is left. */
  readonly window: { readonly minDay: number; readonly maxDay: number } | null;
}

export function prepareEvents(input: readonly CanonicalEvent[], roles: MetricRoles): PreparedStream {
  const dayOf = createEventDater(roles.timezone);
  const startDay = roles.startDate === undefined ? -Infinity : isoToDay(roles.startDate);
  const endDay = roles.endDate === undefined ? Infinity : isoToDay(roles.endDate);

  const events: PreparedEvent[] = [];
  const userIds: string[] = [];
  const userIndex = new Map<string, number>();
  let droppedRows = 0;
  let minDay = Infinity;
  let maxDay = -Infinity;

  for (const source of input) {
    // `== null` so rows read from JSON with a missing field count as null too
    if (source.user_id == null || source.event_time_us == null) {
      droppedRows++;
      continue;
    }
    const day = dayOf(source.event_time_us);
    if (day < startDay || day > endDay) continue;
    let user = userIndex.get(source.user_id);
    if (user === undefined) {
      user = userIds.length;
      userIds.push(source.user_id);
      userIndex.set(source.user_id, user);
    }
    events.push({ source, user, timeUs: source.event_time_us, day });
    if (day < minDay) minDay = day;
    if (day > maxDay) maxDay = day;
  }

  return { events, userIds, droppedRows, window: events.length === 0 ? null : { minDay, maxDay } };
}
