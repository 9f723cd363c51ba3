/**
 * The rows of the ten metric tables as the report reads them (METRICS.md section 3), typed and
 * with dates as 'YYYY-MM-DD'. A table that is not built is absent.
 */
export interface MetricRows {
  readonly dau?: readonly { readonly date: string; readonly dau: number }[];
  readonly newUsers?: readonly { readonly date: string; readonly newUsers: number }[];
  readonly newUsersByChannel?: readonly { readonly date: string; readonly channel: string; readonly newUsers: number }[];
  readonly newUsersByGeo?: readonly { readonly date: string; readonly geoLevel: string; readonly geo: string; readonly newUsers: number }[];
  readonly funnel?: readonly { readonly cohort: string; readonly step: number; readonly stepName: string; readonly users: number }[];
  readonly revenue?: readonly { readonly date: string; readonly revenue: number; readonly payingUsers: number; readonly dau: number }[];
  readonly revenueByGeo?: readonly { readonly date: string; readonly geoLevel: string; readonly geo: string; readonly revenue: number }[];
  readonly revenueByType?: readonly { readonly date: string; readonly revenueType: string; readonly revenue: number }[];
  readonly retention?: readonly { readonly cohort: string; readonly dayN: number; readonly cohortUsers: number; readonly retainedUsers: number }[];
  readonly retentionByStep?: readonly { readonly cohort: string; readonly lastStep: number; readonly lastStepName: string; readonly dayN: number; readonly cohortUsers: number; readonly retainedUsers: number }[];
}

/** The model each entry is read from. */
export const METRIC_MODELS = {
  dau: 'date_wise_dau',
  newUsers: 'date_wise_new_logins_overall',
  newUsersByChannel: 'date_wise_new_logins_by_channel',
  newUsersByGeo: 'date_wise_new_logins_by_country',
  funnel: 'event_funnel_first_login',
  revenue: 'date_wise_revenue',
  revenueByGeo: 'date_wise_revenue_by_country',
  revenueByType: 'date_wise_revenue_by_type',
  retention: 'retention_by_cohort_date',
  retentionByStep: 'retention_by_funnel_step',
} as const satisfies Record<keyof MetricRows, string>;
