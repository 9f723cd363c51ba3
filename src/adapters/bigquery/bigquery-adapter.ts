import { BigQuery, type BigQueryOptions } from '@google-cloud/bigquery';
import { createHash } from 'node:crypto';
import { PdbError } from '../../errors/pdb-error.js';
import type { CompiledModel } from '../../compile/compiled-model.js';
import type { BigQueryTarget, KeyfileOrigin, PartitionBy, SourceTable } from '../../project/types.js';
import type { Adapter, MaterializeOptions, Outcome, QueryColumns, QueryResult, TableSample } from '../adapter.js';
import { relationName } from '../relation-name.js';
import { bigqueryDialect } from './bigquery-dialect.js';
import { apiFailure, apiMessage, engineError } from './bigquery-errors.js';
import { BigQueryRest, type FieldSchema, type TableRef, type TableResource } from './bigquery-rest.js';
import { rowsFromCells } from './bigquery-rows.js';
import { fullBuildSql, incrementalLogic } from '../../compile/incremental-since.js';
import { createTableStatement, createViewStatement, dropStatement, markIncrementalStatement, replacePartitionsScript, type Statement } from './bigquery-statements.js';
import type { SourceFingerprint } from '../../state/state-types.js';
import { newRunId } from './job-labels.js';
import { JobRunner } from './job-runner.js';
import { checkCredentialsVariable, CREDENTIALS_VARIABLE, keyfileLabel, readKeyfile } from './read-keyfile.js';
import { makeRedactor, type Redactor } from './redact-secrets.js';
import { DEFAULT_RETRY, type RetryPolicy } from './retry-policy.js';

/** How to reach BigQuery beyond what the profile says; tests point it at a local server. */
export interface BigQueryAdapterOptions {
  /** Resolves a relative `keyfile`. */
  readonly projectDir: string;
  /** Where `keyfile` is set (profiles.yml's line, the variable it came from): what its errors point at. */
  readonly keyfileOrigin?: KeyfileOrigin;
  /** For GOOGLE_APPLICATION_CREDENTIALS when the target has no keyfile; default process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Another endpoint than https://bigquery.googleapis.com (a local fake in tests). */
  readonly apiEndpoint?: string;
  /** An auth client to use instead of the keyfile or Application Default Credentials. */
  readonly authClient?: BigQueryOptions['authClient'];
  /** Labels every job as `pdb_run_id`; a new one per adapter by default. */
  readonly runId?: string;
  readonly retry?: Partial<RetryPolicy>;
  readonly pollIntervalMs?: number;
  readonly cancelWaitMs?: number;
  /** Receives one line per job event, credentials removed; nothing is logged by default. */
  readonly log?: (line: string) => void;
}

/** Whether a table is partitioned as the model says (BigQuery's partitioning spec of tables.get). */
function samePartitioning(table: TableResource, partition: PartitionBy | undefined): boolean {
  if (partition === undefined) return table.timePartitioning === undefined && table.rangePartitioning === undefined;
  return table.timePartitioning?.field === partition.field && table.timePartitioning.type === partition.granularity.toUpperCase() && table.rangePartitioning === undefined;
}

/** What `materialize` runs for a model: statements that clear the way, then the one that builds it. */
interface Work {
  readonly before: readonly Statement[];
  readonly main: Statement;
  /** Set when the main statement is an incremental model's partition script. */
  readonly increment?: { readonly partition: PartitionBy; readonly columns: readonly string[] };
}

/** How many tables.get calls a source's fingerprint makes at once (one per shard of a wildcard). */
const SOURCE_METADATA_CALLS = 16;

/** `work` on every item, at most `size` at a time, results in the items' order. */
async function inBatches<T, R>(items: readonly T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(work))));
  return out;
}

/** The suffix of the name a table is staged under before it replaces the current one. */
const STAGED_SUFFIX = '__pdb_tmp';

type Existing = { readonly kind: 'table' | 'view'; readonly table: TableResource } | undefined;

/**
 * BigQuery through `@google-cloud/bigquery`. Every job carries the labels `pdb_model` and
 * `pdb_run_id` and the profile's `maximum_bytes_billed`; each build is one atomic job (or one
 * script with a transaction), so a failed job never leaves half a table.
 */
export class BigQueryAdapter implements Adapter {
  readonly dialect = bigqueryDialect;

  private constructor(
    private readonly target: BigQueryTarget,
    private readonly rest: BigQueryRest,
    private readonly jobs: JobRunner,
    private readonly redact: Redactor,
    readonly runId: string,
  ) {}

  static async open(target: BigQueryTarget, options: BigQueryAdapterOptions): Promise<BigQueryAdapter> {
    // Read even when an auth client is given: a broken keyfile is reported, and its secrets are redacted.
    const keyfile = target.keyfile === undefined ? undefined : await readKeyfile({ ...target, keyfile: target.keyfile }, options.projectDir, options.keyfileOrigin);
    const variable = keyfile !== undefined || options.authClient !== undefined ? undefined : await checkCredentialsVariable(options.env ?? process.env);
    const redact = makeRedactor(keyfile?.secrets ?? variable?.secrets ?? []);
    const client = new BigQuery({
      projectId: target.project,
      autoRetry: false,
      maxRetries: 0,
      ...(target.location === undefined ? {} : { location: target.location }),
      ...(options.apiEndpoint === undefined ? {} : { apiEndpoint: options.apiEndpoint }),
      ...(options.authClient !== undefined ? { authClient: options.authClient } : keyfile !== undefined ? { credentials: keyfile.credentials as BigQueryOptions['credentials'] } : {}),
    });
    if (options.authClient === undefined) await checkCredentials(client, target, redact, credentialsOrigin(target, options.keyfileOrigin, variable?.path));
    const rest = new BigQueryRest(client);
    const runId = options.runId ?? newRunId();
    const log = options.log;
    const jobs = new JobRunner({
      rest,
      projectId: target.project,
      location: target.location,
      maximumBytesBilled: target.maximumBytesBilled,
      runId,
      retry: { ...DEFAULT_RETRY, ...options.retry },
      pollIntervalMs: options.pollIntervalMs ?? 1000,
      cancelWaitMs: options.cancelWaitMs ?? 30_000,
      log: (line) => log?.(redact(line)),
      redact,
    });
    return new BigQueryAdapter(target, rest, jobs, redact, runId);
  }

  async materialize(model: CompiledModel, options: MaterializeOptions): Promise<Outcome<{ readonly rows: number | null }>> {
    if (model.config.materialized === 'ephemeral') return { ok: true, value: { rows: null } };
    const work = await this.work(model, options);
    if (!work.ok) return work;
    for (const statement of [...work.value.before, work.value.main]) {
      const outcome = await this.jobs.run({ statement, dryRun: false, model: model.name });
      if (!outcome.ok) return outcome;
    }
    if (model.config.materialized === 'view') return { ok: true, value: { rows: null } };
    return this.guard(async () => {
      const table = await this.jobs.withRetry(() => this.rest.getTable(this.tableRef(model)));
      return { rows: table?.numRows === undefined ? null : Number(table.numRows) };
    });
  }

  /** Dry-runs the very statement `materialize` would run now (a CTAS, or the partition script). */
  async dryRun(model: CompiledModel, options: MaterializeOptions): Promise<Outcome<{ readonly bytes: number | null }>> {
    if (model.config.materialized === 'ephemeral') return { ok: true, value: { bytes: 0 } };
    const work = await this.work(model, options);
    if (!work.ok) return work;
    // The statements before the main one drop a relation: metadata only, never billed.
    const outcome = await this.jobs.run({ statement: work.value.main, dryRun: true, model: model.name });
    if (!outcome.ok) return outcome;
    const bytes = outcome.value.statistics?.totalBytesProcessed ?? outcome.value.statistics?.query?.totalBytesProcessed;
    return { ok: true, value: { bytes: bytes === undefined ? null : Number(bytes) } };
  }

  /**
   * `create or replace table <name>__pdb_tmp as ...`: the current table stays as it is. For an
   * incremental model whose table exists: a copy of the table (metadata only, never billed) whose
   * recomputed partitions the partition script replaces, so only those are paid for.
   */
  async stage(model: CompiledModel, options: MaterializeOptions): Promise<Outcome<{ readonly relation: string; readonly rows: number | null }>> {
    const relation = this.stagedRelation(model);
    const work = await this.work(model, options);
    if (!work.ok) return work;
    const increment = work.value.increment;
    const statements: Statement[] =
      increment === undefined
        ? [createTableStatement({ ...model, relation })]
        : [{ sql: `create or replace table ${relation} copy ${model.relation}`, lineOffset: 0 }, replacePartitionsScript({ ...model, relation }, increment.partition, increment.columns)];
    for (const statement of statements) {
      const built = await this.jobs.run({ statement, dryRun: false, model: model.name });
      if (!built.ok) return built;
    }
    return this.guard(async () => {
      const table = await this.jobs.withRetry(() => this.rest.getTable(this.tableRef(model, STAGED_SUFFIX)));
      return { relation, rows: table?.numRows === undefined ? null : Number(table.numRows) };
    });
  }

  stagedRelation(model: CompiledModel): string {
    const name = relationName(this.target, model.config, model.name);
    return bigqueryDialect.relation({ ...name, name: `${name.name}${STAGED_SUFFIX}` });
  }

  /** A table copy (metadata only, never billed) over the current relation (an incremental one marked with its SQL), then the staged table dropped. */
  async publish(model: CompiledModel): Promise<Outcome<{ readonly rows: number | null }>> {
    const found = await this.guard(() => this.existing(model));
    if (!found.ok) return found;
    const existing = found.value;
    const statements: Statement[] = [
      ...(existing !== undefined && (existing.kind === 'view' || !samePartitioning(existing.table, model.config.partitionBy)) ? [dropStatement(model.relation, existing.kind)] : []),
      { sql: `create or replace table ${model.relation} copy ${this.stagedRelation(model)}`, lineOffset: 0 },
      ...(model.config.materialized === 'incremental' ? [markIncrementalStatement(model)] : []),
      dropStatement(this.stagedRelation(model), 'table'),
    ];
    for (const statement of statements) {
      const outcome = await this.jobs.run({ statement, dryRun: false, model: model.name });
      if (!outcome.ok) return outcome;
    }
    return this.guard(async () => {
      const table = await this.jobs.withRetry(() => this.rest.getTable(this.tableRef(model)));
      return { rows: table?.numRows === undefined ? null : Number(table.numRows) };
    });
  }

  async discard(model: CompiledModel): Promise<void> {
    await this.jobs.run({ statement: dropStatement(this.stagedRelation(model), 'table'), dryRun: false, model: model.name });
  }

  async query(sql: string): Promise<Outcome<QueryResult>> {
    const rows: Record<string, unknown>[] = [];
    const outcome = await this.queryPages(sql, (page) => {
      // One at a time: spreading a page of many thousand rows into push() overflows the stack.
      for (const row of page) rows.push(row);
    });
    return outcome.ok ? { ok: true, value: { columns: outcome.value.columns, columnTypes: outcome.value.columnTypes, rows } } : outcome;
  }

  /** The query's result pages as BigQuery serves them (getQueryResults with its page token). */
  async queryPages(sql: string, onPage: (rows: QueryResult['rows']) => Promise<void> | void): Promise<Outcome<QueryColumns & { rowCount: number }>> {
    // An ephemeral model inlined in a query computes every date.
    const job = await this.jobs.run({ statement: { sql: fullBuildSql(sql), lineOffset: 0 }, dryRun: false });
    if (!job.ok) return job;
    const jobId = job.value.jobReference?.jobId ?? '';
    const location = job.value.jobReference?.location ?? this.target.location;
    return this.guard(async () => {
      let fields: readonly FieldSchema[] = [];
      let rowCount = 0;
      let pageToken: string | undefined;
      do {
        const token = pageToken;
        const page = await this.jobs.withRetry(() => this.rest.getQueryResults(jobId, location, token));
        if (page.jobComplete === false) continue;
        fields = page.schema?.fields ?? fields;
        const rows = rowsFromCells(fields, page.rows ?? []);
        rowCount += rows.length;
        if (rows.length > 0) await onPage(rows);
        pageToken = page.pageToken;
      } while (pageToken !== undefined);
      return {
        columns: fields.map((f) => f.name),
        columnTypes: fields.map((f) => (f.mode === 'REPEATED' ? `ARRAY<${f.type}>` : f.type)),
        rowCount,
      };
    });
  }

  /**
   * tabledata.list on the table, or on the newest shards (up to 7) of a wildcard so the sample
   * spans several days: free, no query job.
   */
  async sampleTable(table: string, rows: number): Promise<Outcome<TableSample>> {
    const [projectId = '', datasetId = '', tableId = ''] = table.split('.');
    return this.guard(async () => {
      let ids = [tableId];
      if (tableId.endsWith('*')) {
        const found = await this.shardIds(projectId, datasetId, tableId);
        if (found.length === 0) throw Object.assign(new Error(`Not found: no table of ${projectId}.${datasetId} matches ${tableId}`), { code: 404 });
        ids = found.slice(-7);
      }
      let fields: readonly FieldSchema[] = [];
      const sampled: Record<string, unknown>[] = [];
      let total = 0;
      for (const id of ids) {
        const ref = { projectId, datasetId, tableId: id };
        const meta = await this.jobs.withRetry(() => this.rest.getTable(ref));
        if (meta === undefined) throw Object.assign(new Error(`Not found: Table ${projectId}:${datasetId}.${id}`), { code: 404 });
        fields = meta.schema?.fields ?? fields;
        const page = await this.jobs.withRetry(() => this.rest.listTableData(ref, Math.max(1, Math.floor(rows / ids.length))));
        sampled.push(...rowsFromCells(meta.schema?.fields ?? [], page.rows ?? []));
        total += Number(page.totalRows ?? 0);
      }
      const first = ids[0] ?? tableId;
      const last = ids.at(-1) ?? tableId;
      return { table: ids.length === 1 ? `${projectId}.${datasetId}.${first}` : `${projectId}.${datasetId}.${first}..${last}`, fields, rows: sampled, totalRows: total };
    });
  }

  /**
   * A source's table metadata (tables.get: free, no job): its modification time, rows, bytes and
   * schema; for a wildcard (`events_*`), that of every shard it matches, which tables.list names.
   * The same on any machine for the same data; null when the table (or every shard) is missing.
   */
  async fingerprintSource(source: SourceTable, render: (text: string) => string): Promise<SourceFingerprint | null> {
    if (source.bigquery === undefined) return null;
    const parts = render(source.bigquery.table).replaceAll('`', '').split('.');
    if (parts.length < 3) return null;
    const tableId = parts.pop()!;
    const datasetId = parts.pop()!;
    const projectId = parts.join('.');
    const ids = tableId.endsWith('*') ? await this.shardIds(projectId, datasetId, tableId) : [tableId];
    if (ids.length === 0) return null;
    const tables = await inBatches(ids, SOURCE_METADATA_CALLS, (id) => this.jobs.withRetry(() => this.rest.getTable({ projectId, datasetId, tableId: id })));
    // A shard dropped between the list and the get: nothing to vouch for.
    if (tables.some((t) => t === undefined)) return null;
    const metadata = ids.map((id, i) => {
      const t = tables[i]!;
      return { table: id, lastModifiedTime: t.lastModifiedTime ?? null, numRows: t.numRows ?? null, numBytes: t.numBytes ?? null, schema: t.schema?.fields ?? [] };
    });
    const digest = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex');
    const fingerprint = `bigquery:${digest({ dataset: `${projectId}.${datasetId}`, tables: metadata })}`;
    return tableId.endsWith('*') ? { digest: fingerprint, parts: new Map(metadata.map((m) => [m.table, digest(m)])) } : { digest: fingerprint };
  }

  /** The tables of a dataset a wildcard (`events_*`) matches, sorted: tables.list, page by page. */
  private async shardIds(projectId: string, datasetId: string, wildcard: string): Promise<string[]> {
    const prefix = wildcard.slice(0, -1);
    const found: string[] = [];
    let pageToken: string | undefined;
    do {
      const token = pageToken;
      const page = await this.jobs.withRetry(() => this.rest.listTables(projectId, datasetId, token));
      found.push(...(page.tables ?? []).flatMap((t) => (t.tableReference?.tableId?.startsWith(prefix) ? [t.tableReference.tableId] : [])));
      pageToken = page.nextPageToken;
    } while (pageToken !== undefined);
    return found.sort();
  }

  async relationExists(model: CompiledModel): Promise<boolean> {
    if (model.config.materialized === 'ephemeral') return false;
    const existing = await this.guard(() => this.existing(model));
    return existing.ok && existing.value !== undefined;
  }

  /** tables.get of every model at once (metadata, never billed): its type and numRows. */
  async existingRowCounts(models: readonly CompiledModel[]): Promise<Outcome<ReadonlyMap<string, number | null>>> {
    return this.guard(async () => {
      const built = models.filter((m) => m.config.materialized !== 'ephemeral');
      const found = await Promise.all(built.map((m) => this.existing(m)));
      const out = new Map<string, number | null>();
      built.forEach((m, i) => {
        const existing = found[i];
        if (existing !== undefined) out.set(m.name, existing.kind === 'view' || existing.table.numRows === undefined ? null : Number(existing.table.numRows));
      });
      return out;
    });
  }

  interrupt(): void {
    this.jobs.cancelAll();
  }

  async close(): Promise<void> {
    this.jobs.cancelAll();
    await this.jobs.settle();
  }

  private async work(model: CompiledModel, options: MaterializeOptions): Promise<Outcome<Work>> {
    const found = await this.guard(() => this.existing(model));
    if (!found.ok) return found;
    const existing = found.value;
    // BigQuery cannot replace a table with one partitioned otherwise: it is dropped first (a moment without it).
    const replacing = (kind: 'table' | 'view'): Statement[] =>
      existing !== undefined && (existing.kind !== kind || (kind === 'table' && !samePartitioning(existing.table, model.config.partitionBy))) ? [dropStatement(model.relation, existing.kind)] : [];
    switch (model.config.materialized) {
      case 'ephemeral':
        return { ok: false, error: { message: `${model.name} is ephemeral: it is inlined into its readers and never built` } };
      case 'view':
        return { ok: true, value: { before: replacing('view'), main: createViewStatement(model) } };
      case 'table':
        return { ok: true, value: { before: replacing('table'), main: createTableStatement(model) } };
      case 'incremental': {
        const partition = model.config.partitionBy;
        if (partition === undefined) {
          return { ok: false, error: { message: `incremental model ${model.name} has no partition_by: BigQuery replaces whole partitions, so name the date column in its config` } };
        }
        // Rows built by other SQL (an edited model, another mapping or var) are not kept.
        if (existing?.kind !== 'table' || options.fullRefresh || existing.table.description !== incrementalLogic(model)) return { ok: true, value: { before: replacing('table'), main: createTableStatement(model) } };
        const columns = (existing.table.schema?.fields ?? []).map((f) => f.name);
        return { ok: true, value: { before: [], main: replacePartitionsScript(model, partition, columns), increment: { partition, columns } } };
      }
    }
  }

  private async existing(model: CompiledModel): Promise<Existing> {
    const table = await this.jobs.withRetry(() => this.rest.getTable(this.tableRef(model)));
    if (table === undefined) return undefined;
    return { kind: table.type === 'VIEW' || table.type === 'MATERIALIZED_VIEW' ? 'view' : 'table', table };
  }

  /** The same project, dataset and name as the compiled relation (relationName), with an optional suffix (the staged table). */
  private tableRef(model: CompiledModel, suffix = ''): TableRef {
    const name = relationName(this.target, model.config, model.name);
    return { projectId: name.database ?? this.target.project, datasetId: name.schema, tableId: `${name.name}${suffix}` };
  }

  /** An HTTP failure outside a job (a table read, a results page) as an engine error. */
  private async guard<T>(work: () => Promise<T>): Promise<Outcome<T>> {
    try {
      return { ok: true, value: await work() };
    } catch (error) {
      return { ok: false, error: engineError(apiMessage(apiFailure(error)), 0, this.redact) };
    }
  }
}

/**
 * Gets an access token before anything else runs, so that a credential that does not work (a key
 * that cannot sign, a revoked account, no Application Default Credentials, no network to Google's
 * token endpoint) is reported as what it is, at the profile, and not as the failure of the first
 * query (the data-quality scan of the mapped source). The client keeps the token for its requests.
 */
/** What a sign-in used, as the user set it, and where that is set. */
interface CredentialsOrigin {
  readonly label: string;
  readonly location: { readonly file: string; readonly line?: number; readonly column?: number };
  readonly hint: string;
}

function credentialsOrigin(target: BigQueryTarget, keyfileOrigin: KeyfileOrigin | undefined, variablePath: string | undefined): CredentialsOrigin {
  if (target.keyfile !== undefined) {
    return {
      label: keyfileLabel(target.keyfile, keyfileOrigin),
      location: keyfileOrigin?.location ?? { file: 'profiles.yml' },
      hint: 'Check that the keyfile is a current key of an enabled service account (download a new one from IAM > Service accounts > Keys); check the network to Google if you are offline.',
    };
  }
  if (variablePath !== undefined) {
    return {
      label: `Application Default Credentials (the file ${variablePath} that ${CREDENTIALS_VARIABLE} names)`,
      location: { file: CREDENTIALS_VARIABLE },
      hint: `Point ${CREDENTIALS_VARIABLE} at a current key of an enabled service account, or unset it to use gcloud's (gcloud auth application-default login); check the network to Google if you are offline.`,
    };
  }
  return {
    label: 'Application Default Credentials',
    location: { file: 'profiles.yml' },
    hint: 'Run `gcloud auth application-default login`, or set `keyfile` of the target in profiles.yml to a service-account key; check the network to Google if you are offline.',
  };
}

async function checkCredentials(client: BigQuery, target: BigQueryTarget, redact: Redactor, origin: CredentialsOrigin): Promise<void> {
  try {
    await client.authClient.getAccessToken();
  } catch (error) {
    const cause = redact((error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '').trim();
    throw new PdbError({
      code: 'E_BIGQUERY_AUTH',
      message: `cannot sign in to BigQuery for target '${target.name}' with ${origin.label}: ${cause}`,
      hint: origin.hint,
      location: origin.location,
    });
  }
}
