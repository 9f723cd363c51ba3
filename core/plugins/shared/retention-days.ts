/**
 * The days N that retention reports are the core package's vars (core/package.yml), checked when
 * the project loads: `retention_days` (retention_by_cohort_date, and the returned_day_N columns
 * of int_user_funnel) and `funnel_retention_days` (retention_by_funnel_step, among them). The
 * plugins read them here instead of keeping a copy; a project without them has none.
 */
export type RetentionDayVar = 'retention_days' | 'funnel_retention_days';

export function retentionDays(vars: Readonly<Record<string, unknown>>, name: RetentionDayVar): readonly number[] {
  const days = vars[name];
  return Array.isArray(days) ? days.filter((d): d is number => typeof d === 'number') : [];
}
