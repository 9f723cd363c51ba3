/**
 * What a column's sample values look like, whatever its name: epoch numbers by magnitude, ISO
 * strings, dates, country codes or names, "City, ST" strings, amounts, ids, vocabularies.
 */
import { isCountryCode, isCountryName, isUsState } from './vocabulary.js';

export type TimeKind = 'epoch_seconds' | 'epoch_millis' | 'epoch_micros' | 'iso_string' | 'date_string' | 'native_timestamp' | 'native_date';

export interface Profile {
  readonly nonNull: number;
  readonly total: number;
  readonly distinct: number;
  readonly numeric: boolean;
  readonly time?: TimeKind;
  readonly countryCodes: boolean;
  readonly countryNames: boolean;
  readonly cityState: boolean;
  /** "City, ST" with a US state code after the comma on every value. */
  readonly usCityState: boolean;
  readonly usStates: boolean;
  readonly amount: boolean;
  /** Most values are long hex or UUID strings (device, cookie or user ids), never a category. */
  readonly idLike: boolean;
  /** Sampled values that are the empty string (read as missing everywhere). */
  readonly empty: number;
  readonly strings: readonly string[];
}

// Plausible event times: 2000-01-01 .. 2100-01-01, in seconds.
const MIN_S = 946_684_800;
const MAX_S = 4_102_444_800;
const ISO = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
// "City, ST", also metro areas written "Chicago-Naperville-Elgin, IL-IN-WI" (several states after the comma).
const CITY_STATE = /^[^,]+,\s*([A-Za-z .]+(?:-[A-Za-z .]+)*)$/;
const ID_LIKE = /^(?:[0-9a-f]{16,}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

export function profileValues(type: string, values: readonly unknown[]): Profile {
  const present = values.filter((v) => v !== null && v !== undefined && v !== '');
  const strings = present.filter((v): v is string => typeof v === 'string');
  const numbers = present.map((v) => (typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : Number.NaN));
  const numericType = /int|double|float|decimal|numeric|real|hugeint/i.test(type) && !/struct|\[\]/i.test(type);
  const numeric = present.length > 0 && numericType && numbers.every((n) => Number.isFinite(n));
  const all = <T>(xs: readonly T[], test: (x: T) => boolean): boolean => xs.length > 0 && xs.every(test);
  const share = <T>(xs: readonly T[], test: (x: T) => boolean): number => (xs.length === 0 ? 0 : xs.filter(test).length / xs.length);
  const cityMatches = strings.map((s) => CITY_STATE.exec(s));
  return {
    nonNull: present.length,
    total: values.length,
    distinct: new Set(present.map((v) => String(v))).size,
    numeric,
    ...timeKind(type, present, numeric ? numbers : [], strings),
    countryCodes: all(strings, (s) => isCountryCode(s)) && strings.length === present.length,
    countryNames: share(strings, isCountryName) >= 0.9 && strings.length === present.length,
    cityState: strings.length === present.length && all(cityMatches, (m) => m !== null),
    usCityState: strings.length === present.length && all(cityMatches, (m) => m !== null && m[1]!.split('-').every((part) => isUsState(part.trim()))),
    usStates: all(strings, (s) => isUsState(s)) && strings.length === present.length,
    amount: numeric && all(numbers, (n) => n >= 0 && n < 100_000 && Math.round(n * 100) / 100 === n) && numbers.some((n) => !Number.isInteger(n)),
    idLike: share(strings, (s) => ID_LIKE.test(s)) >= 0.9,
    empty: values.filter((v) => v === '').length,
    strings,
  };
}

function timeKind(type: string, present: readonly unknown[], numbers: readonly number[], strings: readonly string[]): { time?: TimeKind } {
  if (present.length === 0) return {};
  if (/^timestamp/i.test(type)) return { time: 'native_timestamp' };
  if (/^date$/i.test(type)) return { time: 'native_date' };
  if (numbers.length > 0) {
    const inRange = (scale: number): boolean => numbers.every((n) => n / scale >= MIN_S && n / scale <= MAX_S);
    if (inRange(1)) return { time: 'epoch_seconds' };
    if (inRange(1e3)) return { time: 'epoch_millis' };
    if (inRange(1e6)) return { time: 'epoch_micros' };
    return {};
  }
  if (strings.length === present.length) {
    if (strings.every((s) => ISO.test(s))) return { time: 'iso_string' };
    if (strings.every((s) => DATE.test(s))) return { time: 'date_string' };
  }
  return {};
}

/** Human words for the evidence lines. */
export function describeTime(kind: TimeKind): string {
  switch (kind) {
    case 'epoch_seconds':
      return 'epoch seconds';
    case 'epoch_millis':
      return 'epoch milliseconds';
    case 'epoch_micros':
      return 'epoch microseconds';
    case 'iso_string':
      return 'ISO-8601 timestamps';
    case 'date_string':
      return 'dates only (YYYY-MM-DD)';
    case 'native_timestamp':
      return 'a timestamp column';
    case 'native_date':
      return 'a date column (dates only)';
  }
}

/** Seconds of resolution: finer time columns are better event times. */
export function resolution(kind: TimeKind): number {
  switch (kind) {
    case 'epoch_micros':
      return 5;
    case 'epoch_millis':
    case 'native_timestamp':
    case 'iso_string':
      return 4;
    case 'epoch_seconds':
      return 3;
    case 'date_string':
    case 'native_date':
      return 1;
  }
}

/** Milliseconds since epoch of one sampled value of a time column of `kind`, or undefined. */
export function timeMillis(kind: TimeKind, value: unknown): number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  switch (kind) {
    case 'epoch_seconds':
      return Number(value) * 1000;
    case 'epoch_millis':
      return Number(value);
    case 'epoch_micros':
      return Number(value) / 1000;
    case 'iso_string':
    case 'date_string':
    case 'native_timestamp':
    case 'native_date': {
      const text = String(value).trim().replace(' ', 'T');
      // Without a zone, a time is read as UTC (as the mapping's timestamp macros do).
      const ms = Date.parse(/(Z|[+-]\d{2}:?\d{2})$/.test(text) || !text.includes('T') ? (text.includes('T') ? text : `${text}T00:00:00Z`) : `${text}Z`);
      return Number.isNaN(ms) ? undefined : ms;
    }
  }
}
