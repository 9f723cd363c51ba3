import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { CompiledModel } from '../../compile/compiled-model.js';
import type { DuckDbTarget, PartitionBy, SourceTable } from '../../project/types.js';
import { fingerprintFiles, type FileDigests } from '../../state/source-fingerprint.js';
import type { SourceFingerprint } from '../../state/state-types.js';
import { EVERYTHING_SINCE, fullBuildSql, incrementalLogic, lookbackDaysOf, newestColumnOf, withIncrementalReplaced, withIncrementalSince } from '../../compile/incremental-since.js';
import type { Adapter, Built, Increment, MaterializeOptions, Outcome, QueryColumns, QueryResult } from '../adapter.js';
import { relationName, type RelationName } from '../relation-name.js';
import { duckdbDialect } from './duckdb-dialect.js';
import { withAbsoluteFilePaths } from './absolute-file-paths.js';
import { duckdbError } from './duckdb-errors.js';
import { openDuckDb } from './open-duckdb.js';

const quote = duckdbDialect.quoteIdentifier;

/**
 * The partition a row belongs to: the day or month of its partition column. Truncated whatever the
 * declared type, so a timestamp declared as a date still replaces whole days.
 */
export function duckdbPartitionKey(partition: PartitionBy): string {
  return `date_trunc('${partition.granularity}', ${quote(partition.field)})`;
}
const quoteString = (value: string): string => `'${value.replaceAll("'", "''")}'`;

/** A model is built as `<name>__pdb_tmp` and renamed when complete. */
const TEMPORARY_SUFFIX = '__pdb_tmp';


/**
 * DuckDB, embedded. Each statement runs on a connection of its own, so models build in parallel
 * up to the runner's thread count. Relative file paths in SQL resolve against the project.
 */
export class DuckDbAdapter implements Adapter {
  readonly dialect = duckdbDialect;
  private readonly active = new Set<DuckDBConnection>();
  /** The rows each staged incremental model replaces when published (see stage). */
  private readonly stagedIncrements = new Map<string, string>();
  /** How many times interrupt() was called: work begun before the last call runs no further statement. */
  private interrupts = 0;

  private constructor(private readonly instance: DuckDBInstance, private readonly target: DuckDbTarget, private readonly projectDir: string) {}

  static async open(target: DuckDbTarget, projectDir: string): Promise<DuckDbAdapter> {
    const adapter = new DuckDbAdapter(await openDuckDb(target, projectDir), target, projectDir);
    await adapter.sweepTemporaryTables();
    return adapter;
  }

  /**
   * Drops `<model>__pdb_tmp` tables and views left by an earlier pdb (staged for the data-quality
   * gate when the process was killed before publishing; before builds ran in one transaction,
   * a kill between building and swapping left one). This process holds the file's only write
   * lock, so no build of another process can own them.
   */
  private async sweepTemporaryTables(): Promise<void> {
    const swept = await this.withConnection(async (connection) => {
      const reader = await connection.runAndReadAll(
        // duckdb_tables(), not information_schema: the same rows for a fraction of the work.
        `select schema_name, table_name from duckdb_tables() where database_name = current_database() and not temporary and ends_with(table_name, ${quoteString(TEMPORARY_SUFFIX)})`,
      );
      const views = await connection.runAndReadAll(
        `select schema_name, view_name from duckdb_views() where database_name = current_database() and not temporary and not internal and ends_with(view_name, ${quoteString(TEMPORARY_SUFFIX)})`,
      );
      for (const row of views.getRowObjectsJson()) await connection.run(`drop view if exists ${quote(String(row.schema_name))}.${quote(String(row.view_name))}`);
      for (const row of reader.getRowObjectsJson()) await connection.run(`drop table if exists ${quote(String(row.schema_name))}.${quote(String(row.table_name))}`);
    });
    if (!swept.ok) throw new Error(`could not remove leftover temporary tables: ${swept.error.message}`);
  }

  async materialize(model: CompiledModel, options: MaterializeOptions): Promise<Outcome<Built>> {
    const relation = this.relationName(model);
    const final = `${quote(relation.schema)}.${quote(relation.name)}`;
    const temporary = this.stagedRelation(model);
    return this.withConnection(async (connection) => {
      await connection.run(`create schema if not exists ${quote(relation.schema)}`);
      const existing = await this.existingKind(connection, relation);
      const dropExisting = existing === undefined ? '' : `drop ${existing} ${final};`;
      // A full build recomputes every date: incremental_since() is the earliest date of all.
      const sql = fullBuildSql(model.sql);
      switch (model.config.materialized) {
        case 'ephemeral':
          return { rows: null };
        case 'view':
          // Statement by statement, so DuckDB's LINE numbers are the compiled file's lines.
          await inTransaction(connection, async () => {
            if (existing !== undefined) await connection.run(dropExisting);
            // The view is kept in the database file and read from anywhere: source paths made absolute.
            await connection.run(`create view ${final} as ${withAbsoluteFilePaths(sql, this.projectDir)}`);
          });
          return { rows: null };
        case 'table':
          break;
        case 'incremental':
          if (await this.keepsRows(connection, model, relation, options)) return this.mergeIncremental(connection, model, final, temporary);
          break;
      }
      // Built under a temporary name and swapped in, all in one transaction: a failed or killed
      // build leaves the previous table as it was and no temporary table behind (nothing of the
      // transaction is committed until the swap is done).
      await inTransaction(connection, async () => {
        await connection.run(`create or replace table ${temporary} as ${sql}`);
        await this.recordLogic(connection, model, temporary);
        await connection.run(`${dropExisting} alter table ${temporary} rename to ${quote(relation.name)}`);
      });
      return { rows: await this.count(connection, final) };
    });
  }

  /**
   * Builds the table the model would have under a temporary name, and leaves the current table as
   * it is until `publish`. For an incremental model whose table exists, only the recomputed rows
   * are built (`<model>__pdb_new__pdb_tmp`); the staged relation is a view of the table with
   * those rows in place of the ones they replace, so the checks that gate it see every row without
   * a copy of the table, and `publish` merges them in.
   */
  async stage(model: CompiledModel, options: MaterializeOptions): Promise<Outcome<Built & { relation: string }>> {
    const relation = this.relationName(model);
    const final = `${quote(relation.schema)}.${quote(relation.name)}`;
    const temporary = this.stagedRelation(model);
    return this.withConnection(async (connection) => {
      await connection.run(`create schema if not exists ${quote(relation.schema)}`);
      if (await this.keepsRows(connection, model, relation, options)) {
        const newRows = this.newRowsRelation(relation);
        const { replaced, increment } = await this.recompute(connection, model, final, newRows);
        await connection.run(`create view ${temporary} as select * from ${final} where not coalesce(${replaced}, false) union all by name select * from ${newRows}`);
        this.stagedIncrements.set(model.name, replaced);
        return { relation: temporary, rows: await this.count(connection, temporary), increment };
      }
      await connection.run(`create or replace table ${temporary} as ${fullBuildSql(model.sql)}`);
      await this.recordLogic(connection, model, temporary);
      return { relation: temporary, rows: await this.count(connection, temporary) };
    });
  }

  stagedRelation(model: CompiledModel): string {
    const relation = this.relationName(model);
    return `${quote(relation.schema)}.${quote(`${relation.name}${TEMPORARY_SUFFIX}`)}`;
  }

  /** Where `stage` puts an incremental model's recomputed rows (swept like every temporary table). */
  private newRowsRelation(relation: RelationName): string {
    return `${quote(relation.schema)}.${quote(`${relation.name}__pdb_new${TEMPORARY_SUFFIX}`)}`;
  }

  async publish(model: CompiledModel): Promise<Outcome<{ rows: number | null }>> {
    const relation = this.relationName(model);
    const final = `${quote(relation.schema)}.${quote(relation.name)}`;
    const replaced = this.stagedIncrements.get(model.name);
    return this.withConnection(async (connection) => {
      if (replaced === undefined) {
        await this.swap(connection, relation, await this.existingKind(connection, relation));
      } else {
        // The staged rows merged in, and the view over them dropped, in one transaction.
        await inTransaction(connection, async () => {
          await connection.run(`drop view ${this.stagedRelation(model)}`);
          await mergeRows(connection, final, replaced, this.newRowsRelation(relation));
        });
        this.stagedIncrements.delete(model.name);
      }
      return { rows: await this.count(connection, final) };
    });
  }

  async discard(model: CompiledModel): Promise<void> {
    const staged = this.stagedIncrements.has(model.name);
    this.stagedIncrements.delete(model.name);
    await this.withConnection((connection) =>
      connection.run(staged ? `drop view if exists ${this.stagedRelation(model)}; drop table if exists ${this.newRowsRelation(this.relationName(model))}` : `drop table if exists ${this.stagedRelation(model)}`),
    );
  }

  /** Drops the current relation and renames the temporary table to it, in one transaction. */
  private async swap(connection: DuckDBConnection, relation: RelationName, existing: 'table' | 'view' | undefined): Promise<void> {
    const final = `${quote(relation.schema)}.${quote(relation.name)}`;
    const dropExisting = existing === undefined ? '' : `drop ${existing} ${final};`;
    await connection.run(`begin; ${dropExisting} alter table ${quote(relation.schema)}.${quote(`${relation.name}${TEMPORARY_SUFFIX}`)} rename to ${quote(relation.name)}; commit;`);
  }

  /**
   * Replaces the partitions the new rows cover, leaving the others as they are: a partition is the
   * day (or month) of the partition column, not its exact value, and rows whose key is NULL form a
   * partition of their own. So an incremental run that brings every row gives a full refresh.
   */
  private async mergeIncremental(connection: DuckDBConnection, model: CompiledModel, final: string, temporary: string): Promise<Built> {
    const increment = await inTransaction(connection, async () => {
      const recomputed = await this.recompute(connection, model, final, temporary);
      await mergeRows(connection, final, recomputed.replaced, temporary);
      return recomputed.increment;
    });
    return { rows: await this.count(connection, final), increment };
  }

  /**
   * Computes the rows an incremental run brings into `newRows` and returns what it recomputed and
   * the condition on the existing rows they replace. For a model that uses incremental_since():
   * every row from that date on, and with a unique_key those of the keys recomputed (every row
   * when a new row of a model without one is dated before it); otherwise the partitions the new
   * rows cover (NULL may be true for neither: wrap in coalesce).
   */
  private async recompute(connection: DuckDBConnection, model: CompiledModel, final: string, newRows: string): Promise<{ replaced: string; increment: Increment }> {
    const partition = model.config.partitionBy;
    if (partition === undefined) throw new Error(`incremental model ${model.name} has no partition_by`);
    let since = await this.incrementalSince(connection, model, final);
    if (since !== undefined) {
      const keys = model.config.uniqueKey ?? [];
      // Every date from `since` on is recomputed, so every row from then on is replaced, and with
      // a unique_key so is every row of a key recomputed (a user's row, whatever its date).
      const fromSince = (date: string): string => `${quote(partition.field)} >= date '${date}' or ${quote(partition.field)} is null`;
      // Keys are compared as structs: DuckDB matches NULL with NULL inside one, so a NULL key is a
      // key of its own (as a NULL partition is a partition), which a bare IN never matches.
      const keyStruct = (columns: readonly string[]): string => `struct_pack(${columns.map((c) => `${quote(c)} := ${quote(c)}`).join(', ')})`;
      const build = (date: string): string =>
        `create or replace table ${newRows} as ${withIncrementalReplaced(withIncrementalSince(model.sql, `date '${date}'`), (column) => `${keyStruct([column])} in (select ${keyStruct([column])} from ${final} where ${fromSince(date)})`)}`;
      await connection.run(build(since));
      const everyDate = keys.length === 0 && since !== EVERYTHING_SINCE && (await this.hasRowsBefore(connection, newRows, partition.field, since));
      if (everyDate) {
        // A new row dated before `since` (an event later than the lookback) would replace no row
        // of its date: every date is recomputed instead.
        since = EVERYTHING_SINCE;
        await connection.run(build(since));
      }
      const increment: Increment = { newRows: await this.count(connection, newRows), ...(everyDate ? { everyDate } : { since }) };
      if (keys.length === 0) return { replaced: fromSince(since), increment };
      const key = keyStruct(keys);
      return { replaced: `(${fromSince(since)}) or ${key} in (select ${key} from ${newRows})`, increment };
    }
    await connection.run(`create or replace table ${newRows} as ${model.sql}`);
    const key = duckdbPartitionKey(partition);
    return {
      replaced: `${key} in (select distinct ${key} from ${newRows} where ${key} is not null) or (${key} is null and exists (select 1 from ${newRows} where ${key} is null))`,
      increment: { newRows: await this.count(connection, newRows) },
    };
  }

  private async hasRowsBefore(connection: DuckDBConnection, relation: string, field: string, since: string): Promise<boolean> {
    const reader = await connection.runAndReadAll(`select exists (select 1 from ${relation} where ${quote(field)} < date '${since}') as found`);
    return reader.getRowObjectsJson()[0]?.found === true;
  }

  /**
   * For a model that uses incremental_since(): the newest date in its table (of the column it
   * names, or its partition column) less the lookback, as 'YYYY-MM-DD'; the earliest date of all
   * when the table is empty or a row has no such date (rows from a file with no date in its name,
   * which can hold any date); undefined for other models.
   */
  private async incrementalSince(connection: DuckDBConnection, model: CompiledModel, final: string): Promise<string | undefined> {
    const lookback = lookbackDaysOf(model.sql);
    const field = newestColumnOf(model.sql) ?? model.config.partitionBy?.field;
    if (lookback === undefined || field === undefined) return undefined;
    const newest = quote(field);
    const reader = await connection.runAndReadAll(
      `select case when count(*) = count(${newest}) then strftime(cast(max(${newest}) as date) - ${lookback}, '%Y-%m-%d') end as since from ${final}`,
    );
    const since = reader.getRowObjectsJson()[0]?.since;
    return typeof since === 'string' ? since : EVERYTHING_SINCE;
  }

  async query(sql: string): Promise<Outcome<QueryResult>> {
    return this.withConnection(async (connection) => {
      // An ephemeral model inlined in a query computes every date.
      const reader = await connection.runAndReadAll(fullBuildSql(sql));
      return { columns: reader.columnNames(), columnTypes: reader.columnTypes().map(String), rows: reader.getRowObjectsJson() as Record<string, unknown>[] };
    });
  }

  async queryPages(sql: string, onPage: (rows: QueryResult['rows']) => Promise<void> | void): Promise<Outcome<QueryColumns & { rowCount: number }>> {
    return this.withConnection(async (connection) => {
      // An ephemeral model inlined in a query computes every date.
      const result = await connection.stream(fullBuildSql(sql));
      let rowCount = 0;
      // DuckDB's chunks (2,048 rows), converted one at a time.
      for await (const rows of result.yieldRowObjectJson()) {
        rowCount += rows.length;
        await onPage(rows as Record<string, unknown>[]);
      }
      return { columns: result.columnNames(), columnTypes: result.columnTypes().map(String), rowCount };
    });
  }

  async relationExists(model: CompiledModel): Promise<boolean> {
    const relation = this.relationName(model);
    const result = await this.withConnection((connection) => this.existingKind(connection, relation));
    return result.ok && result.value !== undefined;
  }

  /** Two queries for all the models: which relations exist (and are tables), then every table's count at once. */
  async existingRowCounts(models: readonly CompiledModel[]): Promise<Outcome<ReadonlyMap<string, number | null>>> {
    return this.withConnection(async (connection) => {
      const wanted = models.filter((m) => m.config.materialized !== 'ephemeral').map((m) => ({ model: m, relation: this.relationName(m) }));
      const out = new Map<string, number | null>();
      if (wanted.length === 0) return out;
      const pairs = wanted.map((w) => `(${quoteString(w.relation.schema)}, ${quoteString(w.relation.name)})`).join(', ');
      const reader = await connection.runAndReadAll(
        `select schema_name, table_name, 'BASE TABLE' as table_type from duckdb_tables() where database_name = current_database() and (schema_name, table_name) in (${pairs})
         union all select schema_name, view_name, 'VIEW' from duckdb_views() where database_name = current_database() and (schema_name, view_name) in (${pairs})`,
      );
      const kinds = new Map(reader.getRowObjectsJson().map((r) => [`${String(r.schema_name)}.${String(r.table_name)}`, String(r.table_type)]));
      const tables: { name: string; relation: string }[] = [];
      for (const { model, relation } of wanted) {
        const kind = kinds.get(`${relation.schema}.${relation.name}`);
        if (kind === undefined) continue;
        if (kind === 'VIEW') out.set(model.name, null);
        else tables.push({ name: model.name, relation: `${quote(relation.schema)}.${quote(relation.name)}` });
      }
      if (tables.length > 0) {
        const counts = await connection.runAndReadAll(tables.map((t, i) => `select ${i} as i, count(*) as n from ${t.relation}`).join(' union all '));
        for (const row of counts.getRowObjectsJson()) out.set(tables[Number(row.i)]!.name, Number(row.n));
      }
      return out;
    });
  }

  async fingerprintSource(source: SourceTable, render: (text: string) => string, files?: FileDigests): Promise<SourceFingerprint | null> {
    if (source.duckdb?.path !== undefined) return fingerprintFiles(this.projectDir, render(source.duckdb.path), files);
    if (source.duckdb?.table === undefined) return null;
    const location = render(source.duckdb.table);
    // A table in the database: its row count and columns (DuckDB keeps no modification time).
    const counted = await this.query(`select count(*) as n, (select string_agg(column_name || ' ' || data_type, ',' order by ordinal_position) from information_schema.columns where table_name = ${quoteString(location.split('.').pop()!.replaceAll('"', ''))}) as columns from ${location}`);
    return counted.ok ? { digest: `table:${String(counted.value.rows[0]?.n)}:${String(counted.value.rows[0]?.columns)}` } : null;
  }

  interrupt(): void {
    this.interrupts += 1;
    for (const connection of this.active) connection.interrupt();
  }

  async close(): Promise<void> {
    this.interrupt();
    this.instance.closeSync();
  }

  private relationName(model: CompiledModel): RelationName {
    return relationName(this.target, model.config, model.name);
  }

  /** Whether an incremental run can keep the table's rows: it is a table built by the same SQL (incrementalLogic), and no --full-refresh. */
  private async keepsRows(connection: DuckDBConnection, model: CompiledModel, relation: RelationName, options: MaterializeOptions): Promise<boolean> {
    if (model.config.materialized !== 'incremental' || options.fullRefresh) return false;
    const reader = await connection.runAndReadAll(
      `select comment from duckdb_tables() where database_name = current_database() and schema_name = ${quoteString(relation.schema)} and table_name = ${quoteString(relation.name)}`,
    );
    return reader.getRowObjectsJson()[0]?.comment === incrementalLogic(model);
  }

  /** Marks an incremental model's table with the SQL that built it (see keepsRows). */
  private async recordLogic(connection: DuckDBConnection, model: CompiledModel, table: string): Promise<void> {
    if (model.config.materialized === 'incremental') await connection.run(`comment on table ${table} is ${quoteString(incrementalLogic(model))}`);
  }

  private async existingKind(connection: DuckDBConnection, relation: RelationName): Promise<'table' | 'view' | undefined> {
    const reader = await connection.runAndReadAll(
      `select table_type from information_schema.tables where table_schema = ${quoteString(relation.schema)} and table_name = ${quoteString(relation.name)}`,
    );
    const type = reader.getRowObjectsJson()[0]?.table_type;
    return type === undefined ? undefined : type === 'VIEW' ? 'view' : 'table';
  }

  private async count(connection: DuckDBConnection, relation: string): Promise<number> {
    const reader = await connection.runAndReadAll(`select count(*) as n from ${relation}`);
    return Number(reader.getRowObjectsJson()[0]?.n ?? 0);
  }

  /** A fresh connection per unit of work, set up to read files relative to the project. */
  private async withConnection<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<Outcome<T>> {
    const began = this.interrupts;
    const connection = await this.instance.connect();
    this.active.add(connection);
    try {
      const stoppable = stopOnInterrupt(connection, () => this.interrupts !== began);
      await stoppable.run(`set file_search_path = ${quoteString(this.projectDir)}; set TimeZone = 'UTC'`);
      return { ok: true, value: await work(stoppable) };
    } catch (error) {
      return { ok: false, error: duckdbError(error) };
    } finally {
      this.active.delete(connection);
      connection.closeSync();
    }
  }
}

/**
 * DuckDB's interrupt stops only the statement running at that moment. Ctrl-C can come while a
 * unit of work is between statements, or still opening its connection: then its next statement
 * must not start either (it could be the long one). Rollback still runs, to undo what was begun.
 */
function stopOnInterrupt(connection: DuckDBConnection, interrupted: () => boolean): DuckDBConnection {
  const guarded = new Set<PropertyKey>(['run', 'runAndReadAll', 'stream']);
  return new Proxy(connection, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]): unknown => {
        if (guarded.has(property) && interrupted() && !/^\s*rollback\b/i.test(String(args[0]))) return Promise.reject(new Error('INTERRUPT Error: Interrupted!'));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

/** Runs `work` in one transaction: committed when it succeeds, rolled back when it throws. */
async function inTransaction<T>(connection: DuckDBConnection, work: () => Promise<T>): Promise<T> {
  await connection.run('begin');
  try {
    const result = await work();
    await connection.run('commit');
    return result;
  } catch (error) {
    await connection.run('rollback').catch(() => undefined);
    throw error;
  }
}

/** An incremental table's rows where `replaced` holds swapped for the rows of `newRows`, which is then dropped (inside a transaction). */
async function mergeRows(connection: DuckDBConnection, final: string, replaced: string, newRows: string): Promise<void> {
  await connection.run(`delete from ${final} where ${replaced}; insert into ${final} by name select * from ${newRows}; drop table ${newRows};`);
}
