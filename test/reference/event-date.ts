/**
 * event_date: an instant's calendar date in the reporting time zone, via Intl (ICU's tz data).
 * Formatting every event is slow, so the zone's UTC offset is cached per UTC hour: when the
 * offset is the same at both ends of the hour it is taken as constant inside it (tz transitions
 * are never closer than an hour apart); hours that contain a transition format each event.
 */
import { civilToDay } from './calendar.js';

const MS_PER_HOUR = 3_600_000;
const US_PER_DAY = 86_400_000_000;

/** Returns a function from microseconds since the epoch to the local day number. */
export function createEventDater(timeZone: string): (timeUs: number) => number {
  const formatter = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    era: 'short',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });

  /** Local wall time minus UTC, in ms, at the whole second of `ms`. */
  const offsetAt = (ms: number): number => {
    const second = Math.floor(ms / 1000) * 1000;
    const parts: Record<string, string> = {};
    for (const part of formatter.formatToParts(new Date(second))) parts[part.type] = part.value;
    const year = parts['era'] === 'BC' ? 1 - Number(parts['year']) : Number(parts['year']);
    const wallDay = civilToDay(year, Number(parts['month']), Number(parts['day']));
    const wallMs =
      wallDay * 86_400_000 +
      Number(parts['hour']) * MS_PER_HOUR +
      Number(parts['minute']) * 60_000 +
      Number(parts['second']) * 1000;
    return wallMs - second;
  };

  // hour number -> offset in ms, or null when the offset changes inside that hour
  const offsetByHour = new Map<number, number | null>();

  return (timeUs: number): number => {
    const ms = Math.floor(timeUs / 1000);
    const hour = Math.floor(ms / MS_PER_HOUR);
    let offset = offsetByHour.get(hour);
    if (offset === undefined) {
      const atStart = offsetAt(hour * MS_PER_HOUR);
      const atEnd = offsetAt(hour * MS_PER_HOUR + MS_PER_HOUR - 1);
      offset = atStart === atEnd ? atStart : null;
      offsetByHour.set(hour, offset);
    }
    const offsetMs = offset ?? offsetAt(ms);
    return Math.floor((timeUs + offsetMs * 1000) / US_PER_DAY);
  };
}
