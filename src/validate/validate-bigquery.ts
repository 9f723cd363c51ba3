/**
 * Offline BigQuery validation: every compiled model is analyzed by ZetaSQL, in build order,
 * against a catalog of the sources' declared columns and the upstream models' analyzed outputs.
 * Unknown names, type errors and wrong function signatures come back as E_BIGQUERY_SQL at the
 * model file (and the template line where it can be traced). A model that fails gives its
 * downstream models nothing to be checked against: they are skipped, so only the root error shows.
 * The statements that build a partitioned, clustered or incremental table are analyzed too, one by
 * one (analyze-script.ts): the CREATE's PARTITION BY and CLUSTER BY, an increment's DELETE and INSERT.
 * Analyses are cached (validation-cache.ts): the server starts only when some model is not.
 */
import type { CompiledModel } from '../compile/compiled-model.js';
import { PdbError } from '../errors/pdb-error.js';
import type { ModelId, SourceTable } from '../project/types.js';
import { formatBigQueryType } from './bigquery-type.js';
import { GrpcStatusError } from './grpc-unary.js';
import { parseZetaSqlMessage, traceToTemplate } from './trace-error.js';
import { fullBuildSql } from '../compile/incremental-since.js';
import { analyzerOptions, bigQueryLanguage, catalogName, simpleCatalog, sourceCatalogTable, type ZetaSqlLanguage } from './zetasql-catalog.js';
import type { ColumnProto, TableProto } from './zetasql-protocol.js';
import { ValidationCache, type CachedAnalysis, type CachedScriptAnalysis } from './validation-cache.js';
import { analyzeScript } from './analyze-script.js';
import { createTableStatement, markIncrementalStatement, replacePartitionsScript } from '../adapters/bigquery/bigquery-statements.js';
import { PDB_VERSION } from '../version.js';
import { startZetaSqlServer, zetaSqlVersion, ZETASQL_PACKAGE, type ZetaSqlServer, type ZetaSqlServerOptions, type ZetaSqlStart } from './zetasql-server.js';

export interface ValidateBigQueryInput {
  /** In build order, compiled for a BigQuery target. */
  readonly models: readonly CompiledModel[];
  readonly sources: readonly SourceTable[];
  /** The source's rendered BigQuery table, e.g. `my-project.analytics_1.events_*` (quoted or not). */
  readonly sourceTableName: (source: SourceTable) => string;
  /** The model file's template text, by its path (`models/...sql`), to trace error lines. */
  readonly rawSqlOf: (path: string) => string;
  /** Where the compiled SQL is written, for messages (default: the model path). */
  readonly compiledPathOf?: (model: CompiledModel) => string;
  readonly server?: ZetaSqlServerOptions;
  /** Where analyses are kept between compiles (target/cache/zetasql-<target>.json); none: not kept. */
  readonly cacheFile?: string;
}

export interface ColumnSchema {
  readonly name: string;
  /** BigQuery spelling, e.g. `INT64` or `ARRAY<STRUCT<key STRING>>`. */
  readonly type: string;
}

export interface BigQueryValidation {
  /** `unavailable`: the optional ZetaSQL package is not installed and nothing was checked. */
  readonly status: 'validated' | 'unavailable';
  /** Why validation did not run, when unavailable. */
  readonly reason?: string;
  readonly errors: readonly PdbError[];
  /** Each validated model's output columns. */
  readonly schemas: ReadonlyMap<ModelId, readonly ColumnSchema[]>;
  /** Models not checked: downstream of a failure, or reading a model outside `models`. */
  readonly skipped: readonly ModelId[];
  /** How many models ZetaSQL analyzed; the others' analyses came from the cache. */
  readonly analyzed: number;
}

/** The optional package is missing (or has no server for this system): nothing is checked. */
class Unavailable extends Error {}

export async function validateBigQueryModels(input: ValidateBigQueryInput): Promise<BigQueryValidation> {
  const unavailable = (reason: string): BigQueryValidation => ({ status: 'unavailable', reason, errors: [], schemas: new Map(), skipped: [], analyzed: 0 });
  const version = zetaSqlVersion(input.server?.packageName ?? ZETASQL_PACKAGE);
  if (typeof version === 'object') return unavailable(version.unavailable);
  const cache = await ValidationCache.load(input.cacheFile, `zetasql ${version}, pdb ${PDB_VERSION}`);
  let start: Promise<ZetaSqlStart> | undefined;
  const server = async (): Promise<ZetaSqlServer> => {
    const started = await (start ??= startZetaSqlServer(input.server ?? {}));
    if (started.status === 'unavailable') throw new Unavailable(started.reason);
    return started.server;
  };
  try {
    const validation = await validateWith(server, input, cache);
    // The analyses stand without the cache: a target/ that cannot be written only costs time.
    await cache.save().catch(() => undefined);
    return validation;
  } catch (error) {
    if (error instanceof Unavailable) return unavailable(error.message);
    if (error instanceof PdbError) throw error;
    throw new PdbError({
      code: 'E_ZETASQL_SERVER',
      message: `offline BigQuery validation failed: ${(error as Error).message}`,
      hint: 'Reinstall the optional package @fivetrandevelopers/zetasql (npm install); without it, compile skips offline validation.',
      cause: error,
    });
  } finally {
    const started = await start?.catch(() => undefined);
    if (started?.status === 'started') await started.server.stop();
  }
}

/** The catalog as it grows: tables by dependency key (`source:ga4.events`, `model:stg_events`). */
type Tables = Map<string, TableProto>;

async function validateWith(server: () => Promise<ZetaSqlServer>, input: ValidateBigQueryInput, cache: ValidationCache): Promise<BigQueryValidation> {
  let language: Promise<ZetaSqlLanguage> | undefined;
  const analyzer = async (): Promise<{ server: ZetaSqlServer; language: ZetaSqlLanguage }> => {
    const started = await server();
    return { server: started, language: await (language ??= started.call('GetLanguageOptions', { maximumFeatures: true }).then(bigQueryLanguage)) };
  };
  let analyzed = 0;
  const errors: PdbError[] = [];
  const tables: Tables = new Map();
  const failed = new Set<string>();
  const used = new Set(input.models.flatMap((m) => m.dependsOn.sources));
  for (const source of input.sources) {
    const key = `${source.sourceName}.${source.name}`;
    if (!used.has(key) || source.bigquery === undefined) continue;
    const made = sourceCatalogTable(source, catalogName(input.sourceTableName(source)));
    if ('error' in made) {
      errors.push(made.error);
      failed.add(`source:${key}`);
    } else {
      tables.set(`source:${key}`, made.table);
    }
  }

  const schemas = new Map<ModelId, readonly ColumnSchema[]>();
  const skipped: ModelId[] = [];
  for (const model of input.models) {
    const needs = [...model.dependsOn.sources.map((s) => `source:${s}`), ...model.dependsOn.models.map((m) => `model:${m}`)];
    const catalogTables = needs.map((key) => tables.get(key));
    if (needs.some((key) => failed.has(key)) || catalogTables.includes(undefined)) {
      skipped.push(model.id);
      failed.add(`model:${model.id}`);
      continue;
    }
    const key = ValidationCache.key(model.sql, catalogTables as TableProto[]);
    let analysis = cache.get(key);
    if (analysis === undefined) {
      const { server: started, language: options } = await analyzer();
      analysis = await analyzeModel(started, options, model, catalogTables as TableProto[]);
      analyzed += 1;
      cache.set(key, analysis);
    }
    if (!('columns' in analysis)) {
      errors.push('details' in analysis ? sqlError(model, analysis.details, input) : notAQuery(model));
      failed.add(`model:${model.id}`);
      continue;
    }
    const columns = [...analysis.columns];
    const table = { name: catalogName(model.relation), column: columns };
    // The model's columns stand whatever its script gives: its readers are still checked against them.
    const buildProblem = await checkBuildStatements(model, table, catalogTables as TableProto[], input, cache, analyzer);
    if (buildProblem !== undefined) errors.push(buildProblem);
    tables.set(`model:${model.id}`, table);
    schemas.set(model.id, columns.map((c) => ({ name: c.name ?? '', type: formatBigQueryType(c.type ?? {}) })));
  }
  return { status: 'validated', errors, schemas, skipped, analyzed };
}

interface AnalyzeResponse {
  readonly resolvedStatement?: {
    readonly resolvedQueryStmtNode?: { readonly outputColumnList?: readonly { readonly name?: string; readonly column?: { readonly type?: ColumnProto['type'] } }[] };
  };
}

async function analyzeModel(
  server: ZetaSqlServer,
  language: ZetaSqlLanguage,
  model: CompiledModel,
  tables: readonly TableProto[],
): Promise<CachedAnalysis> {
  try {
    const response = (await server.call('Analyze', {
      options: analyzerOptions(language),
      simpleCatalog: simpleCatalog(language, tables),
      sqlStatement: fullBuildSql(model.sql),
    })) as AnalyzeResponse;
    const query = response.resolvedStatement?.resolvedQueryStmtNode;
    if (query === undefined) return { notAQuery: true };
    return { columns: (query.outputColumnList ?? []).map((c) => ({ name: c.name ?? '', type: c.column?.type ?? {} })) };
  } catch (error) {
    // 14 (UNAVAILABLE) is the server gone, not the SQL: that ends validation.
    if (!(error instanceof GrpcStatusError) || error.code === 14) throw error;
    return { details: error.details };
  }
}

function sqlError(model: CompiledModel, details: string, input: ValidateBigQueryInput): PdbError {
  const message = parseZetaSqlMessage(details);
  const compiledPath = input.compiledPathOf?.(model) ?? model.path;
  let where = compiledPath;
  let location: PdbError['location'] = { file: model.path };
  if (message.line !== undefined && message.column !== undefined) {
    where = `${compiledPath}:${message.line}:${message.column}`;
    const traced = traceToTemplate(model.sql, safeRaw(input, model.path), message.line, message.column);
    if (traced !== undefined) location = { file: model.path, line: traced.line, column: traced.column };
  }
  return new PdbError({
    code: 'E_BIGQUERY_SQL',
    message: `BigQuery would reject ${model.name}: ${message.text} (at ${where})`,
    location,
    hint: `Fix the model, or the macro or mapping expression it uses, then compile again. ${compiledPath} shows the SQL that was checked.`,
  });
}

/**
 * The statements BigQuery runs to build the model's table besides its SELECT, as the adapter builds
 * them: the full build's CREATE when it partitions or clusters the table, and for an incremental
 * model the script of its next increment over a table of the model's columns (the DELETE by
 * partition_by and unique_key, the INSERT of the columns) and the mark of the published table.
 * Analyzed with the model's own table in the catalog, or taken from the cache.
 */
async function checkBuildStatements(
  model: CompiledModel,
  own: TableProto,
  upstream: readonly TableProto[],
  input: ValidateBigQueryInput,
  cache: ValidationCache,
  analyzer: () => Promise<{ server: ZetaSqlServer; language: ZetaSqlLanguage }>,
): Promise<PdbError | undefined> {
  const { materialized, partitionBy, clusterBy } = model.config;
  const table = materialized === 'table' || materialized === 'incremental';
  // The model's SQL may end with a line comment: the semicolon goes on a line of its own.
  const create = table && (partitionBy !== undefined || (clusterBy ?? []).length > 0) ? `${createTableStatement(model).sql}\n;\n` : '';
  const increment =
    materialized === 'incremental' && partitionBy !== undefined
      ? `${replacePartitionsScript(model, partitionBy, own.column.map((c) => c.name ?? '')).sql}\n${markIncrementalStatement(model).sql};`
      : '';
  const script = create + increment;
  if (script === '') return undefined;
  const tables = [...upstream, own];
  const key = ValidationCache.key(script, tables);
  let checked = cache.getScript(key);
  if (checked === undefined) {
    const { server, language } = await analyzer();
    const { problem } = await analyzeScript(server, language, script, tables);
    checked = problem === undefined ? { script: 'ok' } : { script: 'refused', problem: { ...problem, statement: problem.statement.sql } };
    cache.setScript(key, checked);
  }
  if (checked.script === 'ok') return undefined;
  const inCreate = checked.problem.line !== undefined && checked.problem.line <= create.split('\n').length - 2;
  return buildError(model, inCreate ? 'build' : 'incremental build', checked.problem, script, input);
}

function buildError(model: CompiledModel, what: string, problem: Extract<CachedScriptAnalysis, { script: 'refused' }>['problem'], script: string, input: ValidateBigQueryInput): PdbError {
  const first = problem.statement.split('\n', 1)[0] ?? '';
  const compiledPath = input.compiledPathOf?.(model) ?? model.path;
  // The word at the error (a partition_by, cluster_by or unique_key column, incremental_replaced()'s) is found in the template.
  const traced = problem.line === undefined || problem.column === undefined ? undefined : traceToTemplate(script, safeRaw(input, model.path), problem.line, problem.column);
  return new PdbError({
    code: 'E_BIGQUERY_SQL',
    message: `BigQuery would reject the ${what} of ${model.name}: ${problem.message} (in: ${first.length > 80 ? `${first.slice(0, 77)}...` : first})`,
    location: traced === undefined ? { file: model.path } : { file: model.path, line: traced.line, column: traced.column },
    hint: `${compiledPath} is valid on its own; a statement that builds its table is not. Check that partition_by's field, cluster_by's columns and every unique_key column are columns the model selects, and that incremental_replaced() names one.`,
  });
}

function notAQuery(model: CompiledModel): PdbError {
  return new PdbError({
    code: 'E_BIGQUERY_SQL',
    message: `BigQuery would reject ${model.name}: a model must be one SELECT query.`,
    location: { file: model.path },
    hint: 'Write the model as a single SELECT (WITH ... SELECT is fine); pdb adds the CREATE statement.',
  });
}

function safeRaw(input: ValidateBigQueryInput, path: string): string {
  try {
    return input.rawSqlOf(path);
  } catch {
    return '';
  }
}
