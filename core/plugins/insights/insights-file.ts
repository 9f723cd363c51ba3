/**
 * The format of target/insights/insights.json (schema_version `pdb.insights.v1`), read by the
 * report and by anyone auditing a run. Additive changes only within v1: fields are never renamed
 * or removed, new optional fields may appear. Numbers are plain JSON numbers; rates are fractions.
 */

export const INSIGHTS_SCHEMA_VERSION = 'pdb.insights.v1';

export type FindingKind = 'anomaly' | 'gap' | 'segment' | 'trend' | 'funnel' | 'benchmark';

/** What a finding's value measures, for formatting: a count, a fraction, money, money per user. */
export type Unit = 'count' | 'rate' | 'currency' | 'currency_per_user';

export type Direction = 'up' | 'down' | 'flat';

export type TestName = 'robust_z' | 'two_proportion_z' | 'fisher_exact' | 'welch_t' | 'mann_kendall' | 'zero_run';

export interface FindingTest {
  readonly name: TestName;
  readonly statistic: number;
  readonly p: number;
  /** Benjamini-Hochberg adjusted p-value across every test of the run (one family per run). */
  readonly q: number;
}

export interface Finding {
  /** Short id, `F1`..`Fn`, in the order of the findings list (stable for the same data). */
  readonly id: string;
  /** Stable key: kind, metric and where, e.g. `anomaly:dau:event_date=2026-10-09`. */
  readonly key: string;
  readonly kind: FindingKind;
  /** e.g. `dau`, `new_users`, `revenue`, `arpdau`, `retention_d1`, `payer_rate`, `funnel_rate_step_3`. */
  readonly metric: string;
  /** A readable label of the metric, e.g. `D1 retention`. */
  readonly metric_label: string;
  /** The model (table) the numbers come from. */
  readonly table: string;
  /** The key of the row(s): a date, a segment (`channel: tiktok`), a step. */
  readonly where: Readonly<Record<string, string>>;
  readonly unit: Unit;
  readonly value: number;
  /** What the value is compared with: the weekday baseline, the rest of the users, the range, ... */
  readonly baseline: number | null;
  readonly baseline_label: string;
  /** value - baseline. */
  readonly difference: number | null;
  /** value / baseline - 1 (null when the baseline is 0 or missing). */
  readonly change: number | null;
  readonly direction: Direction;
  /** The count behind the value (users, cohort users, days, weeks). */
  readonly n: number;
  /** 95% interval of the value (Wilson for rates), when the test gives one. */
  readonly interval: { readonly low: number; readonly high: number } | null;
  /** The statistical test, or null for descriptive findings (benchmarks, descriptive-only series). */
  readonly test: FindingTest | null;
  /** q < 0.05 and the minimum magnitude and count hold. Never true for benchmark comparisons. */
  readonly significant: boolean;
  /** Why a tested finding is not significant although q < 0.05 (too small a change or count). */
  readonly not_significant_because?: string;
  /** For benchmark findings: the source, year and published range. */
  readonly source?: { readonly name: string; readonly year: number; readonly label: string; readonly low: number; readonly high: number };
  /** One deterministic sentence with the numbers (the template narrative uses it). */
  readonly summary: string;
  /** Ranking score: higher is more important (|robust z|, -log10 q, ...). */
  readonly score: number;
  /** What earlier runs knew of it (the knowledge base): new or persisting, and people's feedback. */
  readonly history?: FindingHistory;
}

export interface FindingHistory {
  readonly status: 'new' | 'persisting';
  /** The run that found it first. */
  readonly first_seen_run: string;
  readonly feedback?: { readonly verdict: 'confirmed' | 'dismissed'; readonly note: string | null; readonly at: string };
}

export interface Insight {
  readonly title: string;
  /** The statement with every placeholder filled in by pdb. */
  readonly statement: string;
  /** A possible cause, clearly marked as a hypothesis (never stated as fact). */
  readonly hypothesis?: string;
  readonly recommendation?: string;
  /** The findings it cites. */
  readonly finding_ids: readonly string[];
}

export interface Verification {
  /** Insights the narrative proposed, accepted, retried, and dropped after failing twice. */
  readonly proposed: number;
  readonly accepted: number;
  readonly retried: number;
  readonly dropped: number;
  /** Every reason an insight was rejected, e.g. `insight 2: cites unknown finding F99`. */
  readonly errors: readonly string[];
  /** What pdb checks in each claim. */
  readonly checks: readonly string[];
}

export interface LlmCall {
  readonly attempt: number;
  readonly response_format: 'json_schema' | 'json_object' | 'prompt_only';
  readonly outcome: 'ok' | 'invalid' | 'http_error' | 'timeout' | 'error';
  readonly latency_ms: number;
  readonly prompt_tokens: number | null;
  readonly completion_tokens: number | null;
  readonly estimated_cost_usd: number | null;
  readonly detail?: string;
}

export interface NarrativeInfo {
  /** `llm` when the LLM's insights were used, `template` otherwise. */
  readonly source: 'llm' | 'template';
  /** Why the template was used: no key configured, the endpoint failed, every insight dropped. */
  readonly reason?: string;
  readonly model?: string;
  readonly calls: readonly LlmCall[];
}

export interface InsightsFile {
  readonly metadata: { readonly schema_version: string; readonly project: string; readonly target: string };
  readonly window: { readonly min_date: string; readonly max_date: string } | null;
  /** One sentence: the most important finding. */
  readonly headline: string;
  readonly findings: readonly Finding[];
  readonly insights: readonly Insight[];
  readonly narrative: NarrativeInfo;
  readonly verification: Verification;
  /** Analyses that could not run, and why (e.g. no revenue mapped). */
  readonly skipped: readonly { readonly analysis: string; readonly reason: string }[];
  /** How many tests were in the Benjamini-Hochberg family and how many were significant. */
  readonly tests: { readonly family_size: number; readonly significant: number; readonly fdr: number };
  /** The source's data-quality figures of its last scan (target/data_quality.json), when there is one. */
  readonly data_quality?: { readonly rows: number; readonly checks: readonly { readonly name: string; readonly status: string; readonly detail: string }[] };
  /** Findings of the previous run not found again (their key and summary). */
  readonly resolved?: readonly { readonly key: string; readonly summary: string }[];
}
