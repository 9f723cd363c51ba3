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
  readonly kind: 'model' | 'test' | 'hook';
  readonly name: string;
  readonly status: string;
  readonly seconds: number;
  readonly rows?: number | null;
  readonly failures?: number;
  readonly message?: string;
}

export interface HookContext<Config> {
  readonly config: Config;
  readonly target: { readonly name: string; readonly type: 'duckdb' | 'bigquery' };
  readonly dialect: DialectInfo;
  /** Runs a read query on the target and returns its rows. */
  query(sql: string): Promise<readonly Row[]>;
  /** A line in the build's output, prefixed with the plugin's name. */
  log(message: string): void;
  /** Writes `target/<plugin name>/<name>.json` (stable key order). */
  writeArtifact(name: string, data: unknown): Promise<void>;
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

export interface MappingProposal {
  readonly columns: Readonly<Partial<Record<CanonicalField, FieldProposal>>>;
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
}
