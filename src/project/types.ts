/**
 * The loaded project as plain, readonly data: what the project stage gives every later stage.
 * Paths are relative to the project directory with forward slashes, so artifacts are the same
 * on any machine; `LoadedProject.dir` is the only absolute path and never reaches an artifact.
 */

declare const modelIdBrand: unique symbol;
/** A model's unique name (its file name without `.sql`). */
export type ModelId = string & { readonly [modelIdBrand]: true };
export const modelId = (name: string): ModelId => name as ModelId;

export type Materialization = 'table' | 'view' | 'ephemeral' | 'incremental';

export interface PartitionBy {
  readonly field: string;
  readonly dataType: 'date' | 'timestamp';
  readonly granularity: 'day' | 'month';
}

/** Model configuration after folder defaults, YAML and in-file `config()` are merged. */
export interface ModelConfig {
  readonly enabled: boolean;
  readonly materialized: Materialization;
  readonly tags: readonly string[];
  readonly schema?: string;
  readonly alias?: string;
  readonly partitionBy?: PartitionBy;
  readonly clusterBy?: readonly string[];
  readonly uniqueKey?: readonly string[];
  /** The mapped canonical fields this model needs; without them it is disabled, not failed. */
  readonly requires?: readonly string[];
}

export interface DataTestDecl {
  /** e.g. `not_null`, `unique`, `accepted_values`, or a plugin's kind. */
  readonly kind: string;
  readonly column?: string;
  readonly args: Readonly<Record<string, unknown>>;
  readonly severity: 'error' | 'warn';
  readonly location: { readonly file: string; readonly line: number; readonly column: number };
}

export interface ColumnDoc {
  readonly name: string;
  readonly description?: string;
  readonly dataType?: string;
  readonly tests: readonly DataTestDecl[];
}

/** A model file and what its YAML says of it, before templating. */
export interface ParsedModel {
  readonly id: ModelId;
  readonly name: string;
  /** e.g. `models/metrics/date_wise_dau.sql`; a package's model is `core/models/...`. */
  readonly path: string;
  /** The package the model comes from (e.g. `core`); absent for the project's own models. */
  readonly package?: string;
  /** Folder parts below the model path, e.g. `['metrics']`: for `path:` selection and folder config. */
  readonly folders: readonly string[];
  readonly rawSql: string;
  /** The YAML file that documents the model, if any. */
  readonly yamlPath?: string;
  readonly description?: string;
  readonly columns: readonly ColumnDoc[];
  readonly tests: readonly DataTestDecl[];
  /** Folder defaults merged with YAML config; `config()` in the SQL is merged at render time. */
  readonly config: ModelConfig;
}

/** Where one source table lives, per engine type: declared once, compiled for any target. */
export interface SourceTable {
  readonly sourceName: string;
  readonly name: string;
  readonly description?: string;
  /** DuckDB: a file path or glob (Parquet/CSV/JSON), relative to the project, or a table name. */
  readonly duckdb?: { readonly path?: string; readonly table?: string; readonly format?: 'parquet' | 'csv' | 'json' };
  /** BigQuery: `project.dataset.table`, or a GA4 wildcard table `project.dataset.events_*`. */
  readonly bigquery?: { readonly table: string };
  readonly columns: readonly { readonly name: string; readonly dataType?: string; readonly description?: string }[];
  readonly location: { readonly file: string; readonly line: number; readonly column: number };
}

export type CanonicalColumn =
  | 'user_id'
  | 'event_time'
  | 'event_name'
  | 'country'
  | 'region'
  | 'channel'
  | 'revenue'
  | 'revenue_type'
  /** Optional: an install or first-seen date; when mapped it sets each user's cohort date (docs/metrics.md). */
  | 'cohort_date';

export const CANONICAL_COLUMNS: readonly CanonicalColumn[] = [
  'user_id',
  'event_time',
  'event_name',
  'country',
  'region',
  'channel',
  'revenue',
  'revenue_type',
  'cohort_date',
];

export interface FunnelStep {
  readonly name: string;
  readonly events: readonly string[];
}

/** The schema mapping of docs/metrics.md ("Canonical events"), normalised. Column values are SQL (templated). */
export interface Mapping {
  readonly source: { readonly sourceName: string; readonly table: string };
  readonly timezone: string;
  readonly columns: Readonly<Partial<Record<CanonicalColumn, string>>>;
  /** `all` means every event makes a user active. */
  readonly activityEvents: readonly string[] | 'all';
  /** Empty means a user's first activity event marks them new. */
  readonly newUserEvents: readonly string[];
  readonly funnel: readonly FunnelStep[];
  readonly revenueTypes: {
    readonly iap: readonly string[];
    readonly ads: readonly string[];
    readonly subscription: readonly string[];
  };
  readonly geoLevel: 'auto' | 'country' | 'region';
  /** Where it was declared, for errors. */
  readonly file: string;
}

export type TargetType = 'duckdb' | 'bigquery';

export interface DuckDbTarget {
  readonly type: 'duckdb';
  readonly name: string;
  /** Database file, relative to the project; `:memory:` for none. */
  readonly path: string;
  readonly schema: string;
  readonly threads?: number;
  readonly memoryLimit?: string;
}

export interface BigQueryTarget {
  readonly type: 'bigquery';
  readonly name: string;
  readonly project: string;
  readonly dataset: string;
  readonly location?: string;
  /** Path to a service-account keyfile; absent means Application Default Credentials. */
  readonly keyfile?: string;
  readonly maximumBytesBilled?: number;
  /** A build's budget: it refuses to start when its dry-run total is larger. */
  readonly maxBuildBytes?: number;
}

export type Target = DuckDbTarget | BigQueryTarget;

/** A plugin declared in project.yml: built-in by name, or a project file by path. */
export interface PluginDecl {
  readonly name?: string;
  readonly path?: string;
  readonly config: Readonly<Record<string, unknown>>;
  readonly location: { readonly file: string; readonly line: number; readonly column: number };
}

export interface ProjectConfig {
  readonly name: string;
  readonly modelPaths: readonly string[];
  readonly macroPaths: readonly string[];
  readonly pluginPaths: readonly string[];
  /** Folders of singular tests: SQL files returning failing rows. */
  readonly testPaths: readonly string[];
  readonly targetPath: string;
  /** The run-state store (a DuckDB file), relative to the project unless absolute; PDB_STATE_PATH overrides it. */
  readonly statePath: string;
  /** Defaults, overridden by `--vars`. */
  readonly vars: Readonly<Record<string, unknown>>;
  readonly plugins: readonly PluginDecl[];
  /** `product: category:` — which published benchmarks apply (none when unset). */
  readonly productCategory?: 'mobile_game' | 'consumer_app' | 'web_saas' | 'subscription';
  /** The raw `data-quality:` thresholds block, read by the data-quality checks. */
  readonly dataQuality: Readonly<Record<string, unknown>>;
}

export interface MacroFile {
  readonly path: string;
  readonly text: string;
  /** The package the file comes from; absent for the project's own files (which override a package's). */
  readonly package?: string;
}

export interface LoadedProject {
  /** Absolute project directory: used to read and write files, never written into artifacts. */
  readonly dir: string;
  readonly config: ProjectConfig;
  readonly target: Target;
  readonly mapping: Mapping | undefined;
  readonly sources: readonly SourceTable[];
  readonly models: readonly ParsedModel[];
  readonly macros: readonly MacroFile[];
  /** Singular tests (SQL files under the test paths): each a query returning failing rows, templated like a model. */
  readonly singularTests: readonly MacroFile[];
  /** Effective vars: project defaults overridden by the command line. */
  readonly vars: Readonly<Record<string, unknown>>;
}
