/**
 * pdb's public plugin API. A plugin is a TypeScript file (no build step) whose default export is
 * a `PdbPlugin`, declared in project.yml:
 *
 *   plugins:
 *     - name: qa                        # a built-in plugin
 *       config: { benchmarks: benchmarks.yml }
 *     - path: plugins/my_checks.ts      # a project's own plugin
 *
 * Plugins import only types from here (`import type { PdbPlugin } from 'pdb/plugin'`), so they
 * load without pdb's code. The built-in plugins use this API exactly as a user's plugin would.
 * Everything a hook receives is readonly data; a hook's failure is reported with the plugin's
 * name and never corrupts the build.
 */

/** JSON-safe values of a query's rows (big integers and timestamps as strings). */
export type Row = Readonly<Record<string, unknown>>;

export interface DialectInfo {
  readonly type: 'duckdb' | 'bigquery';
  quoteIdentifier(name: string): string;
  quoteString(value: string): string;
  /** A DATE expression `days` (an integer expression) days after `date`. */
  addDays(date: string, days: string): string;
  /** The `percent`-th percentile of a column (approximate on BigQuery). */
  percentile(column: string, percent: number): string;
}

/** What a data-test kind gets to write its query. */
export interface TestKindContext {
  /** The tested model's relation (or its query in parentheses, for an ephemeral model). */
  readonly relation: string;
  /** The column, for a test declared under a column or given `column_name`. */
  readonly column?: string;
  /** The test's arguments from the model YAML (without `severity`). */
  readonly args: Readonly<Record<string, unknown>>;
  readonly dialect: DialectInfo;
  /** Another model's relation by name, for tests across models; undefined when there is no such model. */
  relationOf(model: string): string | undefined;
  /** The plugin's config from project.yml. */
  readonly config: Readonly<Record<string, unknown>>;
  /** A file of the project (path relative to the project directory), e.g. a benchmarks file. */
  readProjectFile(path: string): string;
  /** The product, as project.yml's `product:` says: its category picks the benchmarks that apply. */
  readonly product: { readonly category?: ProductCategory };
}

export interface TestKind {
  readonly description?: string;
  /** A query returning the failing rows (none = pass). Throw an Error with a clear message for bad args. */
  sql(context: TestKindContext): string;
  /** Models the query reads besides the tested one (so a build runs the test after them). */
  reads?(context: Pick<TestKindContext, 'column' | 'args' | 'config'>): readonly string[];
}

export interface ModelInfo {
  readonly name: string;
  readonly path: string;
  readonly relation: string;
  readonly materialized: string;
  readonly tags: readonly string[];
  readonly description: string;
  readonly columns: readonly { readonly name: string; readonly description: string }[];
}

export interface NodeResultInfo {
  readonly id: string;
  readonly kind: 'model' | 'stage' | 'test' | 'hook';
  readonly name: string;
  readonly status: string;
  readonly seconds: number;
  readonly rows?: number | null;
  readonly failures?: number;
  readonly message?: string;
}

/** The data-quality figures of the source's last scan (target/data_quality.json). */
export interface DataQualityInfo {
  readonly rows: number;
  readonly window: { readonly min_date: string; readonly max_date: string } | null;
  readonly checks: readonly { readonly name: string; readonly status: string; readonly value: number | null; readonly detail: string }[];
}

/** A finding as the knowledge base keys it: what it is about, stable from run to run. */
export interface KnowledgeFinding {
  /** Stable across runs for the same kind, metric, segment and dates (e.g. `anomaly:dau:event_date=2026-10-09`). */
  readonly key: string;
  /** The finding's id in this run (`F3`), for `pdb insights feedback F3`. */
  readonly id: string;
  readonly kind: string;
  readonly metric: string;
  /** The segment or key of the rows, e.g. `channel=tiktok` (empty for the whole product). */
  readonly segment: string;
  readonly date_from: string | null;
  readonly date_to: string | null;
  readonly significant: boolean;
  readonly summary: string;
}

/** What a person said about a finding (`pdb insights feedback`). */
export interface KnowledgeFeedback {
  readonly verdict: 'confirmed' | 'dismissed';
  readonly note: string | null;
  /** When it was said, ISO 8601. */
  readonly at: string;
}

/** A finding of this run with what the knowledge base knew of it. */
export interface KnownFinding {
  readonly key: string;
  /** New since the previous run with findings, or found again. */
  readonly status: 'new' | 'persisting';
  readonly first_seen_run: string;
  readonly feedback?: KnowledgeFeedback;
}

/** The project's memory of findings across runs (the run-state store). */
export interface KnowledgeBase {
  /**
   * Keeps this run's findings and says of each whether it is new or persisting, with the feedback
   * people gave on it; the previous run's findings not found again come back as resolved.
   */
  recordFindings(findings: readonly KnowledgeFinding[]): Promise<{ readonly findings: readonly KnownFinding[]; readonly resolved: readonly KnowledgeFinding[] }>;
}

export interface HookContext<Config> {
  readonly config: Config;
  readonly project: { readonly name: string };
  /** The product, as project.yml's `product:` says: its category picks the benchmarks that apply. */
  readonly product: { readonly category?: ProductCategory };
  readonly target: { readonly name: string; readonly type: 'duckdb' | 'bigquery' };
  readonly dialect: DialectInfo;
  /** The vars as the models' var() reads them: the packages' defaults, project.yml, then --vars. */
  readonly vars: Readonly<Record<string, unknown>>;
  /** Runs a read query on the target and returns its rows. */
  query(sql: string): Promise<readonly Row[]>;
  /** A line in the build's output, prefixed with the plugin's name. */
  log(message: string): void;
  /** Writes `target/<plugin name>/<name>.json` (stable key order). */
  writeArtifact(name: string, data: unknown): Promise<void>;
  /** Writes a text file `target/<plugin name>/<fileName>` (e.g. `insights.md`), atomically. */
  writeTextArtifact(fileName: string, text: string): Promise<void>;
  /** A file of the project (path relative to the project directory), e.g. a benchmarks file; throws when missing. */
  readProjectFile(path: string): string;
  /**
   * A file of target/ as text (path relative to it, e.g. `manifest.json`, `cost.json` or another
   * plugin's `insights/insights.json`); undefined when there is none.
   */
  readArtifact(path: string): Promise<string | undefined>;
  /** An environment variable of the run (e.g. the API key a config names). Never log it or write it to an artifact. */
  env(name: string): string | undefined;
  /** The data-quality figures of the source's last scan, when there is one. */
  dataQuality(): Promise<DataQualityInfo | undefined>;
  /** Findings of earlier runs and people's feedback on them. */
  readonly knowledge: KnowledgeBase;
}

export interface AfterModelContext<Config> extends HookContext<Config> {
  readonly model: ModelInfo;
  readonly result: NodeResultInfo;
}

export interface AfterRunContext<Config> extends HookContext<Config> {
  /** The models built (or already built) in this run, in build order. */
  readonly models: readonly ModelInfo[];
  readonly results: readonly NodeResultInfo[];
}

/** What a hook may say back: findings shown in the summary and kept in run_results.json. */
export interface HookFinding {
  readonly severity: 'info' | 'warn' | 'error';
  readonly message: string;
}

export type CanonicalField = 'user_id' | 'event_time' | 'event_name' | 'country' | 'region' | 'channel' | 'revenue' | 'revenue_type' | 'cohort_date';

/** A source to infer a mapping for: its columns and a sample of rows. */
export interface InferContext<Config> {
  readonly config: Config;
  readonly source: { readonly name: string; readonly table: string };
  readonly dialect: DialectInfo;
  readonly columns: readonly { readonly name: string; readonly type: string }[];
  /** A sample of the source's rows (JSON-safe). */
  readonly sample: readonly Row[];
  /** Runs a read query on the target (e.g. to profile a column over the whole source). */
  query(sql: string): Promise<readonly Row[]>;
  /** The relation to read the source in a query. */
  readonly sourceRelation: string;
}

export interface FieldProposal {
  /** A column name or SQL expression (it may use macros, e.g. `{{ timestamp_from_millis('ts') }}`). */
  readonly expression: string;
  /** 0..1 */
  readonly confidence: number;
  readonly evidence: readonly string[];
}

/** What kind of product the events come from: picks the benchmarks that apply (benchmarks.yml). */
export type ProductCategory = 'mobile_game' | 'consumer_app' | 'web_saas' | 'subscription';

export interface MappingProposal {
  readonly columns: Readonly<Partial<Record<CanonicalField, FieldProposal>>>;
  /** A guess of the product's category from its event names and columns (always for review). */
  readonly category?: { readonly value: ProductCategory; readonly confidence: number; readonly evidence: readonly string[] };
  readonly timezone?: string;
  readonly geoLevel?: 'auto' | 'country' | 'region';
  readonly events?: {
    readonly activity?: readonly string[] | 'all';
    readonly newUser?: readonly string[];
    readonly funnel?: readonly { readonly name: string; readonly events: readonly string[] }[];
    readonly revenueTypes?: { readonly iap?: readonly string[]; readonly ads?: readonly string[]; readonly subscription?: readonly string[] };
  };
  /** Why each event role was chosen. */
  readonly evidence?: readonly string[];
}

export interface PdbPlugin<Config = Readonly<Record<string, unknown>>> {
  readonly name: string;
  readonly description?: string;
  /** JSON Schema of the plugin's `config:` in project.yml; pdb validates it before any hook runs. */
  readonly configSchema?: object;
  /** New data-test kinds, usable in model YAML like the built-in ones. */
  readonly testKinds?: Readonly<Record<string, TestKind>>;
  /** Schema inference: proposes a mapping for a source (`pdb infer`). */
  inferMapping?(context: InferContext<Config>): Promise<MappingProposal>;
  afterModel?(context: AfterModelContext<Config>): Promise<readonly HookFinding[] | void>;
  afterRun?(context: AfterRunContext<Config>): Promise<readonly HookFinding[] | void>;
  /**
   * Opts afterRun in to being skipped when nothing it reads changed. pdb keys the hook on the
   * plugin file's text, its config, the command, the product and target, what each of the
   * run's models holds (their fingerprints) and the statuses of its models and tests, the
   * knowledge base's feedback, and the JSON value this returns: everything else the hook reads
   * (a file's text, whether an environment variable is set; never a secret itself). When the key
   * equals that of the hook's last run that did not fail, and the artifacts that run wrote are
   * still there unchanged, afterRun is not called: its logged lines are shown again and its
   * findings stand, marked `reused`. `--no-cache` and `--full-refresh` always call it. A plugin
   * that imports other files should return its own version here, so an edit of them counts.
   */
  afterRunInputs?(context: AfterRunContext<Config>): unknown;
  /** The commands whose runs call afterRun (default: all of run, test and build). */
  readonly afterRunOn?: readonly ('run' | 'test' | 'build')[];
}
