import type { CompiledModel } from '../../compile/compiled-model.js';
import type { PartitionBy } from '../../project/types.js';
import { bigqueryDialect } from './bigquery-dialect.js';
import { EVERYTHING_SINCE, fullBuildSql, incrementalLogic, lookbackDaysOf, newestColumnOf, withIncrementalReplaced, withIncrementalSince } from '../../compile/incremental-since.js';

const quote = bigqueryDialect.quoteIdentifier;

/** A statement pdb sends, and how many of its lines come before the model's own SQL. */
export interface Statement {
  readonly sql: string;
  readonly lineOffset: number;
}

/**
 * The model's SELECT with any trailing semicolon removed, so it can be embedded; incremental_since()
 * is the earliest date of all and incremental_replaced() false (a full build) unless a script
 * variable is named for the date.
 */
const body = (model: CompiledModel, since?: string): string => {
  const sql = model.sql.trim().replace(/;+\s*$/, '');
  return since === undefined ? fullBuildSql(sql) : withIncrementalSince(sql, since);
};

const lineCount = (text: string): number => text.split('\n').length - 1;

/** The expression a table is partitioned on; it also names the partitions an incremental run replaces. */
export function partitionExpression(partition: PartitionBy): string {
  const column = quote(partition.field);
  if (partition.dataType === 'date') return partition.granularity === 'day' ? column : `date_trunc(${column}, month)`;
  return `timestamp_trunc(${column}, ${partition.granularity})`;
}

function tableOptions(model: CompiledModel): string {
  const lines: string[] = [];
  if (model.config.partitionBy !== undefined) lines.push(`partition by ${partitionExpression(model.config.partitionBy)}`);
  if (model.config.clusterBy !== undefined && model.config.clusterBy.length > 0) lines.push(`cluster by ${model.config.clusterBy.map(quote).join(', ')}`);
  // The SQL that built an incremental table: an incremental run keeps its rows only when it matches.
  if (model.config.materialized === 'incremental') lines.push(`options (description = ${descriptionLiteral(model)})`);
  return lines.map((line) => `${line}\n`).join('');
}

const descriptionLiteral = (model: CompiledModel): string => JSON.stringify(incrementalLogic(model));

/**
 * Marks a published incremental table with the SQL that built it (free DDL). The table is a copy
 * of the staged one, and what a copy keeps of a table's options is not something to rely on: a
 * table without its mark is rebuilt in full by the next build.
 */
export const markIncrementalStatement = (model: CompiledModel): Statement => ({ sql: `alter table ${model.relation} set options (description = ${descriptionLiteral(model)})`, lineOffset: 0 });

/**
 * `create or replace table ... as select`: BigQuery swaps the table in only when the job
 * succeeds, so a failed or cancelled job leaves the previous table as it was.
 */
export function createTableStatement(model: CompiledModel): Statement {
  const head = `create or replace table ${model.relation}\n${tableOptions(model)}as\n`;
  return { sql: `${head}${body(model)}`, lineOffset: lineCount(head) };
}

export function createViewStatement(model: CompiledModel): Statement {
  const head = `create or replace view ${model.relation} as\n`;
  return { sql: `${head}${body(model)}`, lineOffset: lineCount(head) };
}

/** Removes a relation of the other kind (a view where a table goes, or the reverse). */
export function dropStatement(relation: string, kind: 'table' | 'view'): Statement {
  return { sql: `drop ${kind} if exists ${relation}`, lineOffset: 0 };
}

/**
 * The partitions a set of new rows covers, as one struct: the distinct partition keys, and whether
 * some key is NULL (NULL keys form a partition of their own; ARRAY_AGG cannot hold a NULL).
 */
export function newPartitionsQuery(expression: string, rowsTable: string): string {
  return `select as struct array_agg(distinct ${expression} ignore nulls) as keys, coalesce(logical_or(${expression} is null), false) as has_null from ${rowsTable}`;
}

/** True for a row in one of the partitions to replace (`keys` and `hasNull` as newPartitionsQuery gives them). */
export function inReplacedPartitions(expression: string, keys: string, hasNull: string): string {
  return `${expression} in unnest(${keys}) or (${expression} is null and ${hasNull})`;
}

/**
 * An incremental run replaces the partitions its new rows cover, in one script:
 * the SELECT runs once into a temporary table (temporary tables of a script cost no storage),
 * the partitions it holds go into variables, and the delete and insert run in one transaction, so
 * the table changes entirely or not at all. A partition is the day (or month) of the partition
 * column, so a timestamp partitioned by day has its whole day replaced; rows with a NULL key are
 * a partition too, replaced rather than duplicated. A delete by the partition expression names
 * whole partitions (pruned through the variable), which reads far less than a MERGE, which must
 * scan the target partitions to match rows. Columns are listed by name so a changed model fails
 * plainly instead of shifting values into the wrong columns.
 */
export function replacePartitionsScript(model: CompiledModel, partition: PartitionBy, columns: readonly string[]): Statement {
  const lookback = lookbackDaysOf(model.sql);
  if (lookback !== undefined) return replaceSinceScript(model, partition, columns, lookback);
  const expression = partitionExpression(partition);
  const list = columns.map(quote).join(', ');
  const head = `declare pdb_partitions array<${partition.dataType}>;\ndeclare pdb_null_partition bool;\ncreate temp table pdb_new_rows as\n`;
  const tail = [
    ';',
    `set (pdb_partitions, pdb_null_partition) = (${newPartitionsQuery(expression, 'pdb_new_rows')});`,
    'begin transaction;',
    `delete from ${model.relation} where ${inReplacedPartitions(expression, 'pdb_partitions', 'pdb_null_partition')};`,
    `insert into ${model.relation} (${list})\nselect ${list} from pdb_new_rows;`,
    'commit transaction;',
  ].join('\n');
  // The model's SQL may end with a line comment, so the semicolon goes on a line of its own.
  return { sql: `${head}${body(model)}\n${tail}`, lineOffset: lineCount(head) };
}

/** The rows from `pdb_since` on, and those with no partition date. */
const sinceRows = (partition: PartitionBy): string => `date(${quote(partition.field)}) >= pdb_since or ${quote(partition.field)} is null`;

/**
 * True for a row whose key is one of those in `table` (its rows where `where` holds). A NULL key,
 * or a NULL part of one, is a key of its own, as a NULL partition is a partition: `=` and IN never
 * match NULL, so a NULL key is matched apart (by its JSON for several columns, which keeps NULLs).
 */
export function keyAmong(keys: readonly string[], table: string, where?: string): string {
  const only = (...conditions: string[]): string => {
    const all = [...(where === undefined ? [] : [`(${where})`]), ...conditions];
    return all.length === 0 ? '' : ` where ${all.join(' and ')}`;
  };
  const list = keys.map(quote).join(', ');
  const someNull = `(${keys.map((k) => `${quote(k)} is null`).join(' or ')})`;
  if (keys.length === 1) return `(${list} in (select ${list} from ${table}${only()}) or (${someNull} and exists (select 1 from ${table}${only(someNull)})))`;
  const json = `to_json_string(struct(${list}))`;
  return `(struct(${list}) in (select as struct ${list} from ${table}${only()}) or (${someNull} and ${json} in (select ${json} from ${table}${only(someNull)})))`;
}

/**
 * The rows a model that uses incremental_since() replaces: those from `pdb_since` on (and with no
 * partition date), and with a unique_key those of every key recomputed into `newRows` (a user's
 * row, whatever its date).
 */
export function replacedSinceRows(partition: PartitionBy, keys: readonly string[], newRows: string): string {
  const fromSince = sinceRows(partition);
  return keys.length === 0 ? fromSince : `${fromSince} or ${keyAmong(keys, newRows)}`;
}

/**
 * The script of a model that uses incremental_since(): the first date to recompute is the newest
 * date in the table (of the column it names, or the partition column) less the lookback (every
 * date when a row has none, as a row from a shard with no date in its name), held in a
 * script variable so that the model's filters on it (a `_TABLE_SUFFIX` range, a partition column)
 * prune shards and partitions; every row from that date on is replaced in one transaction.
 */
function replaceSinceScript(model: CompiledModel, partition: PartitionBy, columns: readonly string[], lookback: number): Statement {
  const field = quote(partition.field);
  const newest = quote(newestColumnOf(model.sql) ?? partition.field);
  const list = columns.map(quote).join(', ');
  const head = [
    `declare pdb_since date default (select if(count(*) = count(${newest}), date_sub(date(max(${newest})), interval ${lookback} day), null) from ${model.relation});`,
    `set pdb_since = coalesce(pdb_since, date '${EVERYTHING_SINCE}');`,
    'create temp table pdb_new_rows as',
    '',
  ].join('\n');
  const keys = model.config.uniqueKey ?? [];
  const sql = withIncrementalReplaced(body(model, 'pdb_since'), (column) => keyAmong([column], model.relation, sinceRows(partition)));
  // A new row dated before pdb_since (an event later than the lookback) would replace no row of
  // its date: then every date is recomputed. A keyed model replaces such a row by its key.
  const everything = `date '${EVERYTHING_SINCE}'`;
  const recomputeAll =
    keys.length > 0
      ? []
      : [
          `if pdb_since > ${everything} and exists (select 1 from pdb_new_rows where date(${field}) < pdb_since) then`,
          `set pdb_since = ${everything};`,
          'create or replace temp table pdb_new_rows as',
          sql,
          ';',
          'end if;',
        ];
  const tail = [
    ';',
    ...recomputeAll,
    'begin transaction;',
    `delete from ${model.relation} where ${replacedSinceRows(partition, keys, 'pdb_new_rows')};`,
    `insert into ${model.relation} (${list})\nselect ${list} from pdb_new_rows;`,
    'commit transaction;',
  ].join('\n');
  return { sql: `${head}${sql}\n${tail}`, lineOffset: lineCount(head) };
}
