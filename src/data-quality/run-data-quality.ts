import type { Adapter } from '../adapters/adapter.js';
import type { Dialect } from '../adapters/dialect.js';
import { PdbError } from '../errors/pdb-error.js';
import type { LoadedProject } from '../project/types.js';
import { agree, count } from '../text/count.js';
import type { DataQualityGate } from '../plan/plan-step.js';
import { DATA_QUALITY_FILE, dataQualitySql, type DataQualityQuery, type DataQualityTimes } from './data-quality-sql.js';
import { CHECK_NAMES, dataQualityConfig, type CheckName, type DataQualityConfig, type Threshold } from './thresholds.js';

export type CheckStatus = 'pass' | 'warn' | 'fail';

export interface DataQualityCheck {
  readonly name: CheckName;
  /** A rate (0..1) for null_user_or_time and duplicate_events, a count for the rest. */
  readonly value: number;
  readonly threshold: Threshold;
  readonly status: CheckStatus;
  readonly detail: string;
}

export interface DataQualityReport {
  /** Rows of the source scanned, and the window of dates found (null when there is none). */
  readonly rows: number;
  readonly window: { readonly min_date: string | null; readonly max_date: string | null };
  readonly checks: readonly DataQualityCheck[];
}

export interface DataQualityOptions {
  /** "Now" for future and old timestamps (default: the clock). */
  readonly now?: Date;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Times of the checks: now, and now minus the maximum age (calendar years, UTC). */
export function checkTimes(now: Date, config: DataQualityConfig): DataQualityTimes {
  const oldest = new Date(now.getTime());
  const whole = Math.floor(config.maxAgeYears);
  oldest.setUTCFullYear(oldest.getUTCFullYear() - whole);
  oldest.setTime(oldest.getTime() - (config.maxAgeYears - whole) * 365.25 * 86_400_000);
  return { now, oldest };
}

/** The model whose staged rows the checks read: the one pass over the raw events. */
export const ONE_PASS_MODEL = 'stg_events';

/**
 * The checks of a run as a plan step's content: the query over `relation` (where the one-pass
 * model is staged) and the thresholds. Undefined when `data-quality: { enabled: false }`.
 */
export async function dataQualityGate(project: LoadedProject, dialect: Dialect, relation: string, options: DataQualityOptions & { readonly stopOnFailure: boolean }): Promise<DataQualityGate | undefined> {
  const config = dataQualityConfig(project);
  if (!config.enabled) return undefined;
  return { query: dataQualitySql(project, dialect, checkTimes(options.now ?? new Date(), config), relation, options.env), config, stopOnFailure: options.stopOnFailure };
}

/**
 * Runs the checks over the one-pass table at `relation` outside a build (tests, tools). Returns
 * undefined when `data-quality: { enabled: false }`. An engine error is a PdbError.
 */
export async function runDataQuality(project: LoadedProject, adapter: Adapter, dialect: Dialect, options: DataQualityOptions & { readonly relation: string }): Promise<DataQualityReport | undefined> {
  const gate = await dataQualityGate(project, dialect, options.relation, { ...options, stopOnFailure: false });
  if (gate === undefined) return undefined;
  const outcome = await adapter.query(gate.query.sql);
  if (!outcome.ok) {
    throw new PdbError({
      code: 'E_DATA_QUALITY_QUERY',
      message: `the data-quality query failed: ${outcome.error.message}`,
      hint: `The checks read the table of the ${ONE_PASS_MODEL} model; build it first.`,
      location: { file: project.mapping?.file ?? DATA_QUALITY_FILE },
    });
  }
  return judge(outcome.value.rows[0] ?? {}, gate.query, gate.config);
}

/** The counts of the scan's one row turned into checks with a status. */
export function judge(row: Readonly<Record<string, unknown>>, query: DataQualityQuery, config: DataQualityConfig): DataQualityReport {
  const n = (key: string): number => Number(row[key] ?? 0);
  const total = n('total_rows');
  const valid = n('valid_rows');
  const duplicates = valid - n('distinct_events');
  const minDate = typeof row['min_date'] === 'string' ? row['min_date'] : null;
  const maxDate = typeof row['max_date'] === 'string' ? row['max_date'] : null;
  const gaps = minDate === null ? 0 : n('window_days') - n('event_dates');
  const unseen = query.eventNames.filter((_, i) => n(`seen_${i}`) === 0);
  const values: Record<CheckName, { value: number; detail: string }> = {
    null_user_or_time: { value: rate(n('null_rows'), total), detail: `${part(n('null_rows'), total, 'row')} ${agree(n('null_rows'), 'has', 'have')} no user_id or event_time and ${agree(n('null_rows'), 'is', 'are')} dropped (${percent(n('null_rows'), total)})` },
    duplicate_events: { value: rate(duplicates, valid), detail: `${part(duplicates, valid, 'row')} ${agree(duplicates, 'repeats', 'repeat')} an earlier event's user_id, event_time and event_name (${percent(duplicates, valid)})` },
    future_timestamps: { value: n('future_rows'), detail: `${count(n('future_rows'), 'row')} ${agree(n('future_rows'), 'has', 'have')} an event_time after now` },
    old_timestamps: { value: n('old_rows'), detail: `${count(n('old_rows'), 'row')} ${agree(n('old_rows'), 'has', 'have')} an event_time more than ${count(config.maxAgeYears, 'year')} ago` },
    gap_dates: { value: gaps, detail: minDate === null ? 'no dated events' : `${part(gaps, n('window_days'), 'date')} from ${minDate} to ${maxDate} ${agree(gaps, 'has', 'have')} no events` },
    unseen_event_names: { value: unseen.length, detail: unseen.length === 0 ? `all ${query.eventNames.length} mapped event names occur` : `mapped event names that never occur: ${unseen.join(', ')}` },
    negative_revenue: { value: n('negative_revenue_rows'), detail: query.hasRevenue ? `${count(n('negative_revenue_rows'), 'row')} ${agree(n('negative_revenue_rows'), 'has', 'have')} revenue below 0` : 'the mapping has no revenue' },
    empty_window: minDate === null ? { value: 1, detail: `no row with a user_id and a plausible event_time in the window (the source has ${count(total, 'row')})` } : { value: 0, detail: `events from ${minDate} to ${maxDate}` },
  };
  const checks = CHECK_NAMES.map((name): DataQualityCheck => {
    const threshold = config.thresholds[name];
    const { value, detail } = values[name];
    return { name, value, threshold, status: statusOf(value, threshold), detail };
  });
  return { rows: total, window: { min_date: minDate, max_date: maxDate }, checks };
}

export function statusOf(value: number, threshold: Threshold): CheckStatus {
  if (threshold.fail_above !== null && value > threshold.fail_above) return 'fail';
  if (threshold.warn_above !== null && value > threshold.warn_above) return 'warn';
  return 'pass';
}

const rate = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole);
/** `3 of 28 rows`, `1 of 1 row`: the noun agrees with the whole. */
const part = (n: number, whole: number, noun: string): string => `${n.toLocaleString('en-US')} of ${count(whole, noun)}`;
const percent = (part: number, whole: number): string => `${(rate(part, whole) * 100).toFixed(2)}%`;
