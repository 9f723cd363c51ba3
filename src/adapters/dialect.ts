import type { SourceTable, TargetType } from '../project/types.js';
import type { RelationName } from './relation-name.js';

/** Where the engine's string literals, quoted names and comments begin and end. */
export interface SqlLexicon {
  /** A backslash escapes the next character inside quotes, but in a raw string (r'...'); strings may be triple-quoted ('''...'''). */
  readonly backslashEscapes: boolean;
  /** `#` starts a comment to the end of the line. */
  readonly hashComments: boolean;
  /** Dollar-quoted strings: $$...$$, $tag$...$tag$. */
  readonly dollarQuotes: boolean;
}

/**
 * What the compiler needs to know of an engine, with no connection: quoting, relation names,
 * how a source is read, and which formatter language to use. One small object per engine.
 */
export interface Dialect {
  readonly type: TargetType;
  /** sql-formatter's language name. */
  readonly formatterLanguage: 'duckdb' | 'bigquery';
  /** How the engine's SQL writes literals and comments (compiled SQL's whitespace is tidied outside literals). */
  readonly lexicon: SqlLexicon;
  quoteIdentifier(name: string): string;
  quoteString(value: string): string;
  /** How SQL for this engine is checked offline: ZetaSQL for GoogleSQL, or not at all. */
  readonly offlineValidator: 'zetasql' | 'none';
  /** Sources may be daily shards (BigQuery's `events_*` by `_TABLE_SUFFIX`, DuckDB's files by the date in their name), pruned by date. */
  readonly shardedSources: boolean;
  /** The fully qualified, quoted relation (see relationName). */
  relation(name: RelationName): string;
  /** How a model reads a source table; undefined when the source declares no location for this engine. */
  sourceRelation(table: SourceTable, renderedLocation: string): string;
  /** The location string of a source for this engine, still to be rendered (it may use `var()`). */
  sourceLocation(table: SourceTable): string | undefined;
  /** A DATE expression `days` days after `date` (for plugins' queries; models use the add_days macro). */
  addDays(date: string, days: string): string;
  /** The `percent`-th percentile of a column (approximate where the engine only offers that). */
  percentile(column: string, percent: number): string;
}
