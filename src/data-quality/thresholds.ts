import { CHECK_NAMES } from '../project/schemas/data-quality-schema.js';
import type { LoadedProject } from '../project/types.js';

export { CHECK_NAMES };
export type CheckName = (typeof CHECK_NAMES)[number];

/** A level is off when null. Values above `fail_above` fail, above `warn_above` warn. */
export interface Threshold {
  readonly warn_above: number | null;
  readonly fail_above: number | null;
}

export interface DataQualityConfig {
  readonly enabled: boolean;
  /** Events older than this many years before now are implausible. */
  readonly maxAgeYears: number;
  readonly thresholds: Readonly<Record<CheckName, Threshold>>;
}

/** The defaults of the issue: rates for nulls and duplicates, counts for the rest. */
export const DEFAULT_THRESHOLDS: Readonly<Record<CheckName, Threshold>> = {
  null_user_or_time: { warn_above: 0.001, fail_above: 0.05 },
  duplicate_events: { warn_above: 0.005, fail_above: null },
  future_timestamps: { warn_above: null, fail_above: 0 },
  old_timestamps: { warn_above: 0, fail_above: null },
  gap_dates: { warn_above: 0, fail_above: null },
  unseen_event_names: { warn_above: 0, fail_above: null },
  negative_revenue: { warn_above: 0, fail_above: null },
  // 1 when no row with a user and a time falls in the window: a build would empty every table.
  empty_window: { warn_above: null, fail_above: 0 },
};

export const DEFAULT_MAX_AGE_YEARS = 10;

/** The `data-quality:` block merged over the defaults (the project stage has validated it). */
export function dataQualityConfig(project: LoadedProject): DataQualityConfig {
  return configFrom(project.config.dataQuality);
}

/** Merges an already valid block over the defaults. */
export function configFrom(raw: Readonly<Record<string, unknown>>): DataQualityConfig {
  const thresholds = Object.fromEntries(
    CHECK_NAMES.map((name) => {
      const given = (raw[name] ?? {}) as Partial<Threshold>;
      return [name, { ...DEFAULT_THRESHOLDS[name], ...given }];
    }),
  ) as Record<CheckName, Threshold>;
  return {
    enabled: raw['enabled'] !== false,
    maxAgeYears: typeof raw['max_age_years'] === 'number' ? raw['max_age_years'] : DEFAULT_MAX_AGE_YEARS,
    thresholds,
  };
}
