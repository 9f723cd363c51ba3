import type { Adapter, QueryResult } from '../adapters/adapter.js';
import type { Dialect } from '../adapters/dialect.js';
import type { DataDiff, RowCount, ValueChange } from './data-changes.js';

/** One model to compare: its relation on each side (undefined: not on that side), and its grain when known. */
export interface DataModel {
  readonly name: string;
  readonly base: string | undefined;
  readonly head: string | undefined;
  /** The key columns its rows are joined on (the model's `unique` test or unique_key); empty when unknown. */
  readonly keys: readonly string[];
  /** Whether its values are compared (the row count always is). */
  readonly compareValues: boolean;
}

export interface DataDiffOptions {
  readonly tolerance: number;
  /** How many changed values the report lists at most (the count covers them all). */
  readonly shownLimit: number;
}

/** What the built tables hold on each side, besides the value changes: their columns. */
export interface BuiltColumns {
  readonly base: ReadonlyMap<string, readonly string[]>;
  readonly head: ReadonlyMap<string, readonly string[]>;
}

/**
 * Compares the built tables of both sides in the engine, where both are readable (the base
 * attached or in another schema): each model's row count and columns, and for the models whose
 * values are compared, every numeric value joined on the model's key columns that changed by more
 * than the tolerance (relative to the base), largest first. Only the largest changes and the
 * counts come back to Node; the tables are never read whole.
 */
export async function diffData(adapter: Adapter, models: readonly DataModel[], options: DataDiffOptions): Promise<{ data: DataDiff; columns: BuiltColumns }> {
  const dialect = adapter.dialect;
  const rowCounts: RowCount[] = [];
  const changes: ValueChange[] = [];
  const changedPerModel: { model: string; count: number }[] = [];
  const skipped: { model: string; reason: string }[] = [];
  const baseColumns = new Map<string, readonly string[]>();
  const headColumns = new Map<string, readonly string[]>();

  for (const model of [...models].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const base = model.base === undefined ? undefined : await shapeOf(adapter, model.base);
    const head = model.head === undefined ? undefined : await shapeOf(adapter, model.head);
    if (base !== undefined) baseColumns.set(model.name, base.columns);
    if (head !== undefined) headColumns.set(model.name, head.columns);
    if (base === undefined && head === undefined) continue;
    rowCounts.push({ model: model.name, base: base?.rows ?? null, head: head?.rows ?? null });
    if (!model.compareValues || base === undefined || head === undefined) continue;
    const keys = model.keys.filter((k) => base.columns.includes(k) && head.columns.includes(k));
    if (keys.length === 0 || keys.length < model.keys.length) {
      skipped.push({ model: model.name, reason: model.keys.length === 0 ? 'its rows have no declared key (give it a `unique` test or a unique_key)' : `its key columns (${model.keys.join(', ')}) are not on both sides` });
      continue;
    }
    const values = head.columns.filter((c, i) => !keys.includes(c) && isNumeric(head.types[i] ?? '') && base.columns.includes(c) && isNumeric(base.types[base.columns.indexOf(c)] ?? ''));
    if (values.length === 0) continue;
    const outcome = await adapter.query(valueChangesSql(dialect, model.base!, model.head!, keys, values, options));
    if (!outcome.ok) {
      skipped.push({ model: model.name, reason: `the comparison query failed: ${outcome.error.message.split('\n')[0]}` });
      continue;
    }
    const rows = outcome.value.rows;
    changedPerModel.push({ model: model.name, count: rows.length === 0 ? 0 : Number(rows[0]!['changed_count']) });
    for (const row of rows) changes.push(valueChange(model.name, keys, row));
  }

  changes.sort(largestFirst);
  return {
    data: { tolerance: options.tolerance, rowCounts, changes: changes.slice(0, options.shownLimit), changedPerModel: changedPerModel.filter((m) => m.count > 0), skipped },
    columns: { base: baseColumns, head: headColumns },
  };
}

/** A built relation's columns, their types and its row count; undefined when it is not built (or cannot be read). */
async function shapeOf(adapter: Adapter, relation: string): Promise<{ columns: readonly string[]; types: readonly string[]; rows: number } | undefined> {
  const shape = await adapter.query(`select * from ${relation} limit 0`);
  if (!shape.ok) return undefined;
  const count = await adapter.query(`select count(*) as row_count from ${relation}`);
  if (!count.ok) return undefined;
  return { columns: shape.value.columns, types: shape.value.columnTypes, rows: Number(count.value.rows[0]?.['row_count'] ?? 0) };
}

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|INT|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|REAL|DECIMAL|NUMERIC|BIGNUMERIC|INT64|FLOAT64)\b/i;
const isNumeric = (type: string): boolean => NUMERIC.test(type);

/**
 * The values of `values` that changed beyond the tolerance, rows joined on `keys` (a row on one
 * side only changes all its values), one row per changed value, the largest relative change
 * first (unbounded ones, from 0 or of a missing row, before all), at most `shownLimit`, each
 * with the total count. Plain SQL that DuckDB and BigQuery both run.
 */
export function valueChangesSql(dialect: Dialect, base: string, head: string, keys: readonly string[], values: readonly string[], options: DataDiffOptions): string {
  const q = (name: string): string => dialect.quoteIdentifier(name);
  const columns = [...keys, ...values].map(q).join(', ');
  const on = keys.map((k) => `b.${q(k)} is not distinct from h.${q(k)}`).join(' and ');
  const keyOut = keys.map((k, i) => `coalesce(h.${q(k)}, b.${q(k)}) as ${q(`pdb_key_${i}`)}`).join(', ');
  // Multiplying by a float literal makes every value a float, so the branches of the union agree.
  const valueOut = values.map((v, i) => `b.${q(v)} * 1e0 as ${q(`pdb_base_${i}`)}, h.${q(v)} * 1e0 as ${q(`pdb_head_${i}`)}`).join(', ');
  const keyNames = keys.map((_, i) => q(`pdb_key_${i}`)).join(', ');
  const perValue = values
    .map((v, i) => `  select ${keyNames}, ${dialect.quoteString(v)} as column_name, ${q(`pdb_base_${i}`)} as base_value, ${q(`pdb_head_${i}`)} as head_value, only_base, only_head from joined`)
    .join('\n  union all\n');
  const tolerance = String(options.tolerance);
  return [
    `with base_rows as (select ${columns}, 1 as pdb_present from ${base}),`,
    `head_rows as (select ${columns}, 1 as pdb_present from ${head}),`,
    'joined as (',
    `  select ${keyOut}, ${valueOut}, h.pdb_present is null as only_base, b.pdb_present is null as only_head`,
    `  from base_rows as b full outer join head_rows as h on ${on}`,
    '),',
    'per_value as (',
    perValue,
    '),',
    'changed as (',
    '  select *, case when only_base or only_head or base_value = 0 or base_value is null or head_value is null then null else abs(head_value - base_value) / abs(base_value) end as relative',
    '  from per_value',
    `  where only_base or only_head or (base_value is null) <> (head_value is null) or abs(head_value - base_value) > ${tolerance} * abs(base_value)`,
    ')',
    `select *, count(*) over () as changed_count from changed`,
    `order by relative is null desc, relative desc, column_name, ${keyNames}`,
    `limit ${options.shownLimit}`,
  ].join('\n');
}

function valueChange(model: string, keys: readonly string[], row: QueryResult['rows'][number]): ValueChange {
  const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
  const key = keys.map((k, i) => `${k}=${String(row[`pdb_key_${i}`] ?? 'null')}`).join(', ');
  const base = row['only_head'] === true ? null : num(row['base_value']);
  const head = row['only_base'] === true ? null : num(row['head_value']);
  return { model, key, column: String(row['column_name']), base, head, relative: num(row['relative']) };
}

/** Unbounded changes first, then the largest relative change; ties by model, column and key, so the order never varies. */
function largestFirst(a: ValueChange, b: ValueChange): number {
  const ra = a.relative ?? Number.POSITIVE_INFINITY;
  const rb = b.relative ?? Number.POSITIVE_INFINITY;
  if (ra !== rb) return rb - ra || 0;
  for (const [x, y] of [[a.model, b.model], [a.column, b.column], [a.key, b.key]] as const) if (x !== y) return x < y ? -1 : 1;
  return 0;
}
