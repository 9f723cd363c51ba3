/**
 * `incremental_since(lookback_days)` in a model is the first date an incremental build recomputes.
 * Its value is known only when the model runs (the newest date in the table, less the lookback for
 * late events), so compiled SQL holds a placeholder in its place and the adapter puts in the value:
 * the earliest date of all for a full build, so the same SQL builds everything; the table's newest
 * date less the lookback for an incremental one (a date literal on DuckDB, a script variable on
 * BigQuery, so both engines prune files or shards by it), or again the earliest date of all when a
 * row of the table has no newest date (its rows came from a file that can hold any date).
 */
/** A column name the placeholder can carry: no double underscore, which ends the placeholder. */
const COLUMN = '[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*';
const PLACEHOLDER = new RegExp(`__pdb_incremental_since_(\\d+)(?:_from_(${COLUMN}))?__`, 'g');

/** Late events arrive in a source's daily files for up to 3 days (GA4). */
export const DEFAULT_LOOKBACK_DAYS = 3;

/** A date before any event; one day can still be subtracted from it on both engines. */
export const EVERYTHING_SINCE = '0001-01-02';

/** Whether a column can be named in a placeholder (incremental_since's newest column, incremental_replaced's key). */
export const isPlaceholderColumnName = (name: string): boolean => new RegExp(`^${COLUMN}$`).test(name);

/**
 * `newestColumn`: the column of the model's table whose newest date the lookback counts back from
 * (the partition column when not given), e.g. the date of the newest shard read, which an event
 * with a wrong clock cannot move.
 */
export const incrementalSincePlaceholder = (lookbackDays: number, newestColumn?: string): string =>
  `__pdb_incremental_since_${lookbackDays}${newestColumn === undefined ? '' : `_from_${newestColumn}`}__`;

/** The lookback the model asked for, or undefined when its SQL does not use incremental_since(). */
export function lookbackDaysOf(sql: string): number | undefined {
  const days = [...sql.matchAll(PLACEHOLDER)].map((m) => Number(m[1]));
  return days.length === 0 ? undefined : Math.max(...days);
}

/** The column incremental_since() counts back from, when the model named one. */
export function newestColumnOf(sql: string): string | undefined {
  return [...sql.matchAll(PLACEHOLDER)].map((m) => m[2]).find((c) => c !== undefined);
}

/** The SQL with every placeholder replaced by `expression` (a date expression of the engine). */
export function withIncrementalSince(sql: string, expression: string): string {
  return sql.replace(PLACEHOLDER, expression);
}

/**
 * `incremental_replaced('user_id')` in a model that uses incremental_since(): true for a key whose
 * row in the model's table an incremental build replaces (a row from incremental_since() on, or
 * with no partition date); false on a full build, where there is no table to read. A model keyed
 * by something other than its date (one row per user) recomputes those keys too, so a key whose
 * recent input rows are gone is recomputed from the rows it has left rather than dropped.
 */
const REPLACED = new RegExp(`__pdb_incremental_replaced_(${COLUMN})__`, 'g');

export const incrementalReplacedPlaceholder = (column: string): string => `__pdb_incremental_replaced_${column}__`;

export const usesIncrementalReplaced = (sql: string): boolean => new RegExp(REPLACED.source).test(sql);

/** The SQL with each incremental_replaced(column) replaced by `condition(column)`. */
export function withIncrementalReplaced(sql: string, condition: (column: string) => string): string {
  return sql.replace(REPLACED, (_match, column: string) => condition(column));
}

/** The SQL as a full build runs it: incremental_since() is the earliest date of all (both engines read `date '...'`), and no row is replaced. */
export const fullBuildSql = (sql: string): string => withIncrementalReplaced(withIncrementalSince(sql, `date '${EVERYTHING_SINCE}'`), () => 'false');

/**
 * What an incremental table records of the SQL that built it (a table comment on DuckDB, the
 * description on BigQuery): rows computed by other SQL cannot be kept, so an incremental run over a
 * table built by another version of the model or of a model upstream (an edit, another mapping or
 * var) rebuilds it in full.
 */
export const incrementalLogic = (model: { readonly compiledChecksum: string; readonly upstreamChecksum: string; readonly config: { readonly partitionBy?: unknown } }): string =>
  `pdb incremental ${model.compiledChecksum} ${JSON.stringify(model.config.partitionBy ?? null)}${model.upstreamChecksum === '' ? '' : ` ${model.upstreamChecksum}`}`;
