/** Calendar dates as whole days since 1970-01-01 (proleptic Gregorian), so date arithmetic is integer math. */

const MS_PER_DAY = 86_400_000;

/** 'YYYY-MM-DD' of a day number. */
export function dayToIso(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The day number of a 'YYYY-MM-DD' string; throws on anything else (including 2024-02-30). */
export function isoToDay(iso: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (match === null) throw new Error(`Not a YYYY-MM-DD date: '${iso}'`);
  const day = civilToDay(Number(match[1]), Number(match[2]), Number(match[3]));
  if (dayToIso(day) !== iso) throw new Error(`Not a calendar date: '${iso}'`);
  return day;
}

/** Day number of a year/month/day; setUTCFullYear avoids Date.UTC's 0..99 -> 19xx quirk. */
export function civilToDay(year: number, month: number, dayOfMonth: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, dayOfMonth);
  return Math.round(date.getTime() / MS_PER_DAY);
}
