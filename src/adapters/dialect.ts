import type { SourceTable, Target, TargetType } from '../project/types.js';

/**
 * What the compiler needs to know of an engine, with no connection: quoting, relation names,
 * how a source is read, and which formatter language to use. One small object per engine.
 */
export interface Dialect {
  readonly type: TargetType;
  /** sql-formatter's language name. */
  readonly formatterLanguage: 'duckdb' | 'bigquery';
  quoteIdentifier(name: string): string;
  quoteString(value: string): string;
  /** The fully qualified relation a model is materialized as. */
  relation(target: Target, schema: string | undefined, alias: string): string;
  /** How a model reads a source table; undefined when the source declares no location for this engine. */
  sourceRelation(table: SourceTable, renderedLocation: string): string;
  /** The location string of a source for this engine, still to be rendered (it may use `var()`). */
  sourceLocation(table: SourceTable): string | undefined;
}
