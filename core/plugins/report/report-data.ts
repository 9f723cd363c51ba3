/**
 * The report's plain data: what the gathering stage reads from the built metric tables and
 * target/ artifacts, and what the HTML and the chart options are made from. Rates are fractions
 * in [0, 1]; a null is a value that cannot be observed or computed (never a zero in disguise).
 */

export type Unit = 'count' | 'rate' | 'money';

export interface ReportData {
  readonly project: string;
  readonly target: { readonly name: string; readonly type: string };
  readonly window: { readonly minDate: string; readonly maxDate: string } | null;
  /** The window's last date: its data is often partial (late uploads, a day still running). */
  readonly incompleteDate: string | null;
  readonly kpis: KpiSet | null;
  readonly users: UsersSection | null;
  readonly funnel: Funnel | null;
  readonly retention: RetentionGrid | null;
  readonly retentionByStep: StepRetention | null;
  readonly revenue: RevenueSection | null;
  readonly insights: InsightsSection | null;
  readonly dataQuality: DataQuality | null;
  readonly tests: readonly TestResult[];
  readonly build: BuildFacts;
  readonly models: readonly ModelDoc[];
  /** Sections that could not be made, and why (a model not built, an artifact missing). */
  readonly skipped: readonly { readonly section: string; readonly reason: string }[];
}

export interface Period {
  readonly from: string;
  readonly to: string;
}

export interface Kpi {
  readonly key: string;
  readonly label: string;
  readonly unit: Unit;
  readonly value: number | null;
  readonly previous: number | null;
  /** value / previous - 1; null when there is no previous value or it is 0. */
  readonly change: number | null;
  /** What the value is over: a total, a daily mean, a weighted rate of cohorts. */
  readonly basis: string;
  /** The dates (event dates or cohort dates) of the value and of the previous value. */
  readonly period: Period;
  readonly previousPeriod: Period | null;
}

export interface KpiSet {
  /** Days in each period (7, or fewer for a short window). */
  readonly days: number;
  readonly kpis: readonly Kpi[];
}

/** A measure by date and by a dimension: the largest values first, the rest summed as `other`. */
export interface Breakdown {
  readonly dimension: string;
  readonly label: string;
  readonly dates: readonly string[];
  readonly series: readonly { readonly name: string; readonly values: readonly number[] }[];
}

export interface UsersSection {
  readonly dates: readonly string[];
  readonly dau: readonly number[];
  readonly newUsers: readonly number[];
  readonly byChannel: Breakdown | null;
  readonly byGeo: Breakdown | null;
}

export interface FunnelStep {
  readonly step: number;
  readonly name: string;
  readonly users: number;
  /** users / new users. */
  readonly fromStart: number | null;
  /** users / users of the previous step (new users for step 1). */
  readonly fromPrevious: number | null;
}

export interface Funnel {
  /** The cohort dates summed (the incomplete last day left out). */
  readonly cohorts: Period;
  readonly newUsers: number;
  readonly steps: readonly FunnelStep[];
  /** The step that loses the largest share of the users who reached the one before it. */
  readonly largestDropOff: { readonly fromName: string; readonly toName: string; readonly step: number; readonly lostShare: number; readonly lostUsers: number } | null;
}

export interface RetentionGrid {
  readonly days: readonly number[];
  /** One row per cohort date; a cell is null when day N is not observable yet. */
  readonly rows: readonly { readonly cohort: string; readonly users: number; readonly cells: readonly (number | null)[] }[];
  /** Per day N: retained users / cohort users over the cohorts that can be observed on that day. */
  readonly mean: readonly (number | null)[];
  /** Per day N: the cohort users behind the mean. */
  readonly meanUsers: readonly number[];
  /** Weekly cohort groups (weighted), for the curves. */
  readonly curves: readonly { readonly name: string; readonly cells: readonly (number | null)[] }[];
}

export interface StepRetention {
  readonly days: readonly number[];
  readonly steps: readonly { readonly step: number; readonly name: string; readonly users: number; readonly cells: readonly (number | null)[] }[];
}

export interface RevenueSection {
  readonly dates: readonly string[];
  readonly revenue: readonly number[];
  readonly payingUsers: readonly number[];
  readonly arpdau: readonly (number | null)[];
  readonly byType: Breakdown | null;
  /** Revenue of the whole window by geo, largest first (the rest summed as `other`). */
  readonly byGeo: { readonly label: string; readonly rows: readonly { readonly geo: string; readonly revenue: number }[] } | null;
}

export interface CitedFinding {
  readonly id: string;
  readonly summary: string;
  readonly metric: string;
  readonly unit: string;
  readonly value: number;
  readonly baseline: number | null;
  readonly baselineLabel: string;
  readonly where: string;
  readonly significant: boolean;
  readonly q: number | null;
}

export interface InsightsSection {
  readonly headline: string;
  readonly narrative: string;
  readonly insights: readonly { readonly title: string; readonly statement: string; readonly hypothesis: string | null; readonly recommendation: string | null; readonly findings: readonly CitedFinding[] }[];
  readonly findings: number;
  readonly significant: number;
}

export interface DataQuality {
  readonly rows: number;
  readonly window: Period | null;
  readonly checks: readonly { readonly name: string; readonly status: string; readonly value: number | null; readonly detail: string }[];
}

export interface TestResult {
  readonly name: string;
  readonly status: string;
  readonly failures: number | null;
  readonly message: string | null;
  /** A within_benchmark test: a metric against the published range for the product's category. */
  readonly benchmark: boolean;
}

export interface BuildFacts {
  /** Where the results come from: this run, or target/run_results.json of the last run. */
  readonly source: 'this run' | 'run_results.json' | 'none';
  readonly models: readonly { readonly name: string; readonly status: string; readonly seconds: number; readonly rows: number | null }[];
  readonly seconds: number;
  /** BigQuery dry-run estimate (target/cost.json), when one was made for this target. */
  readonly cost: { readonly totalBytes: number | null; readonly totalCostUsd: number | null; readonly pricePerTiB: number | null; readonly models: readonly { readonly name: string; readonly bytes: number | null; readonly costUsd: number | null }[] } | null;
}

export interface ModelDoc {
  readonly name: string;
  readonly path: string;
  readonly description: string;
  readonly materialized: string;
  readonly tags: readonly string[];
  readonly dependsOn: readonly string[];
  readonly sources: readonly string[];
  readonly columns: readonly { readonly name: string; readonly description: string; readonly dataType: string | null }[];
}
