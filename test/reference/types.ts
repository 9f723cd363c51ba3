/**
 * Plain data in and out of the reference implementation of the ten core metrics
 * (docs/metrics.md). No database, no pdb code: an independent oracle for the SQL.
 */

/** One event after the mapping was applied (METRICS.md section 1). */
export interface CanonicalEvent {
  readonly user_id: string | null;
  /** Microseconds since the epoch, UTC. */
  readonly event_time_us: number | null;
  readonly event_name: string;
  readonly country: string | null;
  readonly region: string | null;
  readonly channel: string | null;
  readonly revenue: number | null;
  /** A mapped column's value; null when the mapping derives the type from event lists. */
  readonly revenue_type: string | null;
  /** The mapped `cohort_date` column (an install time), microseconds since the epoch, UTC; used when roles.cohortDateMapped. */
  readonly cohort_time_us?: number | null;
}

/** The event roles and vars of the mapping that the metrics depend on. */
export interface MetricRoles {
  /** IANA zone, e.g. 'America/Los_Angeles'. */
  readonly timezone: string;
  readonly activityEvents: readonly string[] | 'all';
  /** Empty: a user's first activity event marks them new. */
  readonly newUserEvents: readonly string[];
  readonly funnel: readonly { readonly name: string; readonly events: readonly string[] }[];
  readonly revenueTypes: {
    readonly iap: readonly string[];
    readonly ads: readonly string[];
    readonly subscription: readonly string[];
  };
  readonly geoLevel: 'auto' | 'country' | 'region';
  /** The mapping maps `cohort_date`: a user's cohort is the earliest value's date, if inside the window. */
  readonly cohortDateMapped?: boolean;
  /** 'YYYY-MM-DD', inclusive, compared with event_date. */
  readonly startDate?: string;
  readonly endDate?: string;
  /** The retention_days and funnel_retention_days vars; default the contract's (below). */
  readonly retentionDays?: readonly number[];
  readonly funnelRetentionDays?: readonly number[];
}

export type GeoLevel = 'country' | 'region';
export type RevenueType = 'iap' | 'ads' | 'subscription' | 'other';

export interface DauRow {
  readonly event_date: string;
  readonly dau: number;
}
export interface NewLoginsRow {
  readonly event_date: string;
  readonly new_users: number;
}
export interface NewLoginsByChannelRow {
  readonly event_date: string;
  readonly channel: string;
  readonly new_users: number;
}
export interface NewLoginsByGeoRow {
  readonly event_date: string;
  readonly geo_level: GeoLevel;
  readonly geo: string;
  readonly new_users: number;
}
export interface FunnelRow {
  readonly cohort_date: string;
  readonly step: number;
  readonly step_name: string;
  readonly users: number;
  readonly rate_from_start: number | null;
  readonly rate_from_previous: number | null;
}
export interface RevenueRow {
  readonly event_date: string;
  readonly revenue: number;
  readonly paying_users: number;
  readonly dau: number;
  readonly arpdau: number | null;
  readonly arppu: number | null;
}
export interface RevenueByGeoRow {
  readonly event_date: string;
  readonly geo_level: GeoLevel;
  readonly geo: string;
  readonly revenue: number;
  readonly paying_users: number;
}
export interface RevenueByTypeRow {
  readonly event_date: string;
  readonly revenue_type: RevenueType;
  readonly revenue: number;
  readonly paying_users: number;
}
export interface RetentionRow {
  readonly cohort_date: string;
  readonly day_n: number;
  readonly cohort_users: number;
  readonly retained_users: number;
  readonly retention_rate: number;
}
export interface RetentionByStepRow {
  readonly cohort_date: string;
  readonly last_step: number;
  readonly last_step_name: string;
  readonly day_n: number;
  readonly cohort_users: number;
  readonly retained_users: number;
  readonly retention_rate: number;
}

/** The ten tables, keyed by the model names of METRICS.md section 3. */
export interface CoreMetricTables {
  readonly date_wise_dau: readonly DauRow[];
  readonly date_wise_new_logins_overall: readonly NewLoginsRow[];
  readonly date_wise_new_logins_by_channel: readonly NewLoginsByChannelRow[];
  readonly date_wise_new_logins_by_country: readonly NewLoginsByGeoRow[];
  readonly event_funnel_first_login: readonly FunnelRow[];
  readonly date_wise_revenue: readonly RevenueRow[];
  readonly date_wise_revenue_by_country: readonly RevenueByGeoRow[];
  readonly date_wise_revenue_by_type: readonly RevenueByTypeRow[];
  readonly retention_by_cohort_date: readonly RetentionRow[];
  readonly retention_by_funnel_step: readonly RetentionByStepRow[];
}

export interface CoreMetrics extends CoreMetricTables {
  /** Rows dropped because user_id or event_time was null. */
  readonly droppedRows: number;
}

export type CoreModelName = keyof CoreMetricTables;

/** Rows as another engine may return them (numbers as strings, BIGINT, ...): for compare and checks. */
export type LooseRow = object;
export type LooseMetricTables = { readonly [K in CoreModelName]?: readonly LooseRow[] };

/** Model names in METRICS.md order. */
export const CORE_MODEL_NAMES: readonly CoreModelName[] = [
  'date_wise_dau',
  'date_wise_new_logins_overall',
  'date_wise_new_logins_by_channel',
  'date_wise_new_logins_by_country',
  'event_funnel_first_login',
  'date_wise_revenue',
  'date_wise_revenue_by_country',
  'date_wise_revenue_by_type',
  'retention_by_cohort_date',
  'retention_by_funnel_step',
];

/** The grain of each model: the columns that identify a row, in sort order. */
export const MODEL_GRAIN: { readonly [K in CoreModelName]: readonly string[] } = {
  date_wise_dau: ['event_date'],
  date_wise_new_logins_overall: ['event_date'],
  date_wise_new_logins_by_channel: ['event_date', 'channel'],
  date_wise_new_logins_by_country: ['event_date', 'geo_level', 'geo'],
  event_funnel_first_login: ['cohort_date', 'step'],
  date_wise_revenue: ['event_date'],
  date_wise_revenue_by_country: ['event_date', 'geo_level', 'geo'],
  date_wise_revenue_by_type: ['event_date', 'revenue_type'],
  retention_by_cohort_date: ['cohort_date', 'day_n'],
  retention_by_funnel_step: ['cohort_date', 'last_step', 'day_n'],
};

/** METRICS.md section 3, models 9 and 10. */
export const RETENTION_DAYS: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 14, 30];
export const FUNNEL_RETENTION_DAYS: readonly number[] = [1, 2, 3, 7];

/** Grain columns whose values are numbers; the others are strings. */
export const NUMERIC_GRAIN_COLUMNS: ReadonlySet<string> = new Set(['step', 'day_n', 'last_step']);
