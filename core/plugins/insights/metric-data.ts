/**
 * The aggregates the findings engine works on, read from the built tables (never raw events):
 * plain data, so the engine is a pure function testable without a database.
 */
import type { Unit } from './insights-file.js';

export interface DailyPoint {
  readonly date: string;
  readonly value: number | null;
  /** The count behind the value: the denominator of a rate, the value itself for counts. */
  readonly n: number;
  /** Revenue series: the paying users that day (a revenue change no payer count follows is a few large purchases). */
  readonly payers?: number;
}

export interface DailySeries {
  readonly metric: string;
  readonly label: string;
  readonly table: string;
  readonly unit: Unit;
  /** One point per date of the window, in date order. */
  readonly points: readonly DailyPoint[];
}

/** A proportion (k of n) or a mean (n, sum, sum of squares) per value of a dimension. */
export type SegmentCell =
  | { readonly type: 'proportion'; readonly segment: string; readonly n: number; readonly k: number }
  | {
      readonly type: 'mean';
      readonly segment: string;
      readonly n: number;
      readonly sum: number;
      readonly sumSquares: number;
      /** The same moments with each value capped at a high percentile, for the test (heavy tails). */
      readonly capped?: { readonly sum: number; readonly sumSquares: number };
    };

export interface SegmentMetric {
  readonly metric: string;
  readonly label: string;
  /** The models the aggregate is computed from. */
  readonly table: string;
  readonly dimension: 'channel' | 'geo';
  /** e.g. `country` when dimension is geo. */
  readonly dimensionLabel: string;
  readonly unit: Unit;
  readonly cells: readonly SegmentCell[];
}

/** Daily counts of a dimension's values (e.g. new users by channel), for values that vanish. */
export interface DimensionDaily {
  readonly metric: string;
  readonly table: string;
  readonly dimension: string;
  readonly dates: readonly string[];
  readonly rows: readonly { readonly segment: string; readonly date: string; readonly count: number }[];
}

export interface FunnelStepTotals {
  readonly step: number;
  readonly name: string;
  /** Users reaching the step over the cohorts of the first and of the second half of the window. */
  readonly firstHalf: number;
  readonly secondHalf: number;
}

export interface FunnelData {
  readonly table: string;
  /** New users of the same cohorts (the denominator of step 1). */
  readonly newUsers: { readonly firstHalf: number; readonly secondHalf: number };
  readonly steps: readonly FunnelStepTotals[];
}

/** A headline rate for the benchmark comparison. */
export interface HeadlineRate {
  readonly benchmark: string;
  readonly metric: string;
  readonly label: string;
  readonly table: string;
  readonly k: number;
  readonly n: number;
}

export interface MetricData {
  readonly window: { readonly minDate: string; readonly maxDate: string } | null;
  readonly series: readonly DailySeries[];
  readonly segments: readonly SegmentMetric[];
  readonly dimensionDaily: readonly DimensionDaily[];
  readonly funnel: FunnelData | null;
  readonly headlines: readonly HeadlineRate[];
  readonly skipped: readonly { readonly analysis: string; readonly reason: string }[];
}
