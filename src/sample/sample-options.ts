/**
 * The generator's options: defaults, validation, and the calendar of planted facts. The planted
 * days scale with the window length so a short test window still contains every one of them.
 */

import { PdbError, throwIfAny } from '../errors/pdb-error.js';

export interface GenerateSampleOptions {
  readonly outDir: string;
  /** Installs over the whole window. Default 20000. Ignored when `targetEvents` is set. */
  readonly users?: number;
  /** Number of UTC days, one Parquet shard each. Default 60. */
  readonly days?: number;
  /** First day, `YYYY-MM-DD` (UTC). Default 2026-09-01. */
  readonly startDate?: string;
  /** Default 42. */
  readonly seed?: number;
  /** When set, the number of users is chosen so the total is about this many events. */
  readonly targetEvents?: number;
  /**
   * Default true. False plants nothing: no outage, no promotion, no release lift, every channel
   * retains alike and every country pays and earns ad revenue alike (a null data set for measuring
   * false positives). The shape (columns, events, install calendar, funnel) is the same.
   */
  readonly effects?: boolean;
}

export interface ResolvedSampleOptions {
  readonly outDir: string;
  readonly users: number;
  readonly days: number;
  readonly startDate: string;
  /** Milliseconds since epoch of startDate 00:00 UTC. */
  readonly startMs: number;
  readonly seed: number;
  readonly targetEvents: number | undefined;
  readonly effects: boolean;
}

export const SAMPLE_DEFAULTS = { users: 20000, days: 60, startDate: '2026-09-01', seed: 42 } as const;

/** The facts planted in the data, as day indices into the window (0 = startDate). */
export interface PlantedFacts {
  /** Only `outageKeepRate` of that day's events are recorded. */
  readonly outageDay: number;
  readonly outageKeepRate: number;
  /** Purchase chance is multiplied by `promoMultiplier` (capped at 0.95) on this day. */
  readonly promoDay: number;
  readonly promoMultiplier: number;
  /** From this day the new app version ships; cohorts from then on come back on day 1 more often. */
  readonly releaseDay: number;
  readonly releaseDay1Lift: number;
  /** The channel whose users retain about half as well; null when no effects are planted. */
  readonly weakChannel: 'tiktok' | null;
  /** Countries differ in propensity to pay and ad prices (true), or all get the weighted mean. */
  readonly countryDifferences: boolean;
}

/** The calendar of planted facts; with `effects` false the days stay but every effect is neutral. */
export function plantedFacts(days: number, effects = true): PlantedFacts {
  const facts: PlantedFacts = {
    outageDay: Math.floor((days * 38) / 60),
    outageKeepRate: 0.1,
    promoDay: Math.floor((days * 45) / 60),
    promoMultiplier: 3,
    releaseDay: Math.floor((days * 30) / 60),
    releaseDay1Lift: 1.15,
    weakChannel: 'tiktok',
    countryDifferences: true,
  };
  if (effects) return facts;
  return { ...facts, outageKeepRate: 1, promoMultiplier: 1, releaseDay1Lift: 1, weakChannel: null, countryDifferences: false };
}

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of a day index. */
export function isoDate(startMs: number, day: number): string {
  return new Date(startMs + day * DAY_MS).toISOString().slice(0, 10);
}

/** `YYYYMMDD` of a day index: the GA4 shard suffix and `event_date`. */
export function shardSuffix(startMs: number, day: number): string {
  return isoDate(startMs, day).replaceAll('-', '');
}

export function resolveSampleOptions(options: GenerateSampleOptions): ResolvedSampleOptions {
  const errors: PdbError[] = [];
  const bad = (name: string, value: unknown, rule: string, hint: string): void => {
    errors.push(
      new PdbError({
        code: 'E_SAMPLE_OPTIONS',
        message: `Sample option '${name}' is ${JSON.stringify(value) ?? String(value)}: it must be ${rule}.`,
        hint,
      }),
    );
  };
  const users = options.users ?? SAMPLE_DEFAULTS.users;
  const days = options.days ?? SAMPLE_DEFAULTS.days;
  const startDate = options.startDate ?? SAMPLE_DEFAULTS.startDate;
  const seed = options.seed ?? SAMPLE_DEFAULTS.seed;
  const target = options.targetEvents;
  const effects = options.effects ?? true;

  if (typeof options.outDir !== 'string' || options.outDir.length === 0) {
    bad('outDir', options.outDir, 'a folder path', 'Pass the folder to write the events_YYYYMMDD.parquet files to.');
  }
  if (!Number.isInteger(users) || users < 1 || users > 50_000_000) {
    bad('users', users, 'a whole number from 1 to 50000000', 'Use e.g. users: 20000.');
  }
  if (!Number.isInteger(days) || days < 1 || days > 3660) {
    bad('days', days, 'a whole number from 1 to 3660', 'Use e.g. days: 60.');
  }
  if (!Number.isSafeInteger(seed)) {
    bad('seed', seed, 'a whole number', 'Use e.g. seed: 42; the same seed gives the same files.');
  }
  if (target !== undefined && (!Number.isInteger(target) || target < 1000 || target > 2_000_000_000)) {
    bad('targetEvents', target, 'a whole number from 1000 to 2000000000', 'Use e.g. targetEvents: 10000000, or leave it out.');
  }
  if (typeof effects !== 'boolean') {
    bad('effects', effects, 'true or false', 'Use effects: false for a sample with no planted facts, or leave it out.');
  }
  const startMs = parseIsoDate(startDate);
  if (startMs === undefined) {
    bad('startDate', startDate, 'a date written YYYY-MM-DD', "Use e.g. startDate: '2026-09-01'.");
  }
  throwIfAny(errors);
  return { outDir: options.outDir, users, days, startDate, startMs: startMs ?? 0, seed, targetEvents: target, effects };
}

function parseIsoDate(text: unknown): number | undefined {
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  const ms = Date.parse(`${text}T00:00:00Z`);
  // Date.parse rolls 2026-02-30 over to March: accept only dates that read back the same.
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text) return undefined;
  return ms;
}
