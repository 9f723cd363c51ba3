import type { CompiledModel } from '../compile/compiled-model.js';
import type { Dialect } from './dialect.js';
import type { SourceTable } from '../project/types.js';
import type { FileDigests } from '../state/source-fingerprint.js';
import type { SourceFingerprint } from '../state/state-types.js';

/** An engine's error, as data: where in the compiled SQL it points, when the engine says. */
export interface EngineError {
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
  /** The query was interrupted (Ctrl-C), not wrong. */
  readonly interrupted?: boolean;
}

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: EngineError };

export interface QueryColumns {
  readonly columns: readonly string[];
  readonly columnTypes: readonly string[];
}

export interface QueryResult extends QueryColumns {
  /** JSON-safe values: big integers and timestamps as strings. */
  readonly rows: readonly Readonly<Record<string, unknown>>[];
}

/** A column of a source table as its engine describes it (records nest). */
export interface SourceField {
  readonly name: string;
  readonly type: string;
  readonly mode?: string;
  readonly fields?: readonly SourceField[];
}

/** Rows of a source table read without a billed query, for schema inference. */
export interface TableSample {
  /** The table read: for a wildcard (`events_*`), its newest shard. */
  readonly table: string;
  readonly fields: readonly SourceField[];
  /** JSON-safe values, as `query` gives them. */
  readonly rows: readonly Readonly<Record<string, unknown>>[];
  readonly totalRows: number | null;
}

export interface MaterializeOptions {
  readonly fullRefresh: boolean;
}

/**
 * What an incremental run of a model recomputed, when the engine can tell: the rows it brought,
 * from which date (a model with incremental_since()), and whether a new row dated before that
 * date (an event later than the lookback) made it recompute every date.
 */
export interface Increment {
  readonly newRows: number;
  readonly since?: string;
  readonly everyDate?: boolean;
}

/** A table's row count (null for views), and for an incremental run what it recomputed. */
export interface Built {
  readonly rows: number | null;
  readonly increment?: Increment;
}

/** One engine: DDL for each materialization, queries, and cancellation. Errors come back as data. */
export interface Adapter {
  readonly dialect: Dialect;
  /** Builds the model under a temporary name and swaps it in only when complete. Returns the row count (null for views). */
  materialize(model: CompiledModel, options: MaterializeOptions): Promise<Outcome<Built>>;
  /**
   * Builds a table model under its temporary name and leaves the current table as it is, so its
   * rows can be checked before anything is replaced (the data-quality gate). Returns the
   * temporary relation and its row count; `publish` swaps it in, `discard` drops it. An incremental
   * model stages its whole table: the current rows with the recomputed dates replaced.
   */
  stage(model: CompiledModel, options: MaterializeOptions): Promise<Outcome<Built & { readonly relation: string }>>;
  /** The relation `stage` builds the model under (no engine call). */
  stagedRelation(model: CompiledModel): string;
  /** Replaces the model's table with the one `stage` built, in one step. */
  publish(model: CompiledModel): Promise<Outcome<{ readonly rows: number | null }>>;
  /** Drops what `stage` built, if anything; never fails. */
  discard(model: CompiledModel): Promise<void>;
  query(sql: string): Promise<Outcome<QueryResult>>;
  /**
   * Runs a query and hands its rows to `onPage` a page at a time, as the engine delivers them,
   * so that a large result is never held whole in memory. Returns the columns (also when there
   * are no rows) and how many rows there were.
   */
  queryPages(sql: string, onPage: (rows: QueryResult['rows']) => Promise<void> | void): Promise<Outcome<QueryColumns & { readonly rowCount: number }>>;
  relationExists(model: CompiledModel): Promise<boolean>;
  /**
   * Which of these models' relations exist, with each table's row count (null for a view), by
   * model name; a missing relation is left out. In as few engine calls as the engine allows: a
   * build checks this before it reuses tables. Engines without it are asked model by model.
   */
  existingRowCounts?(models: readonly CompiledModel[]): Promise<Outcome<ReadonlyMap<string, number | null>>>;
  /**
   * Estimates the statement that `materialize` would run, without running it: the bytes it would
   * process (null when the engine cannot say). Engines without a dry run leave it out.
   */
  dryRun?(model: CompiledModel, options: MaterializeOptions): Promise<Outcome<{ readonly bytes: number | null }>>;
  /**
   * A fingerprint of a source's current content that is the same on any machine for the same
   * data, or null when the engine cannot tell (such sources are never taken as unchanged).
   * `render` renders the source's declared location for this engine (it may use var());
   * `files` remembers the digests of source files already read (engines reading files). A source
   * of daily files or shards gives each one's digest too, so a build can tell which days changed.
   */
  fingerprintSource?(source: SourceTable, render: (text: string) => string, files?: FileDigests): Promise<SourceFingerprint | null>;
  /**
   * Reads up to `rows` rows of a source table (`project.dataset.table`, or a wildcard) without a
   * query job: nothing is billed. Engines that cannot, leave it out.
   */
  sampleTable?(table: string, rows: number): Promise<Outcome<TableSample>>;
  /** Stops every running query (Ctrl-C). */
  interrupt(): void;
  close(): Promise<void>;
}
