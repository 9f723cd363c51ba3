/**
 * `pdb init [DIR] --source ...`: writes a project for the user's events that builds with no edit
 * when inference is confident. Inference runs in a scratch project (outside DIR) that reads the
 * source by its absolute path; only when it succeeded are the files written into DIR, each
 * atomically, so a failed init leaves nothing half-written. Existing files are never replaced
 * without `force`.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { loadDuckDb } from '../adapters/duckdb/load-duckdb.js';
import { writeFileAtomic } from '../artifacts/write-file-atomic.js';
import { PdbError, PdbErrors } from '../errors/pdb-error.js';
import { infer } from '../infer/run-infer.js';
import type { MappingProposal } from '../plugins/plugin-api.js';
import { STARTER_FILES, SOURCES_FILE, SOURCE_NAME, profilesYaml, projectName, projectYaml, sourcesYaml } from './init-files.js';
import { parseInitSource, type InitSource } from './init-source.js';
import { columnTypes, sampleNdjson, sampleWarehouse } from './warehouse-sample.js';

export interface InitOptions {
  /** The working directory the command line's paths are relative to. */
  readonly cwd: string;
  /** The project folder to write (created if missing); default cwd. */
  readonly dir?: string;
  /** `--source`; without it, a commented starter project. */
  readonly source?: string;
  readonly force?: boolean;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly sampleRows?: number;
}

export type InitOutcome =
  | { readonly kind: 'starter'; readonly dir: string; readonly files: readonly string[] }
  | {
      readonly kind: 'inferred';
      readonly dir: string;
      readonly files: readonly string[];
      readonly source: InitSource;
      readonly label: string;
      readonly proposal: MappingProposal;
      readonly sampleRows: number;
      /** For a warehouse table: the table the sample was read from (a wildcard's newest shard) and its size. */
      readonly read?: { readonly table: string; readonly totalRows: number | null };
    };

const FILES = ['project.yml', 'profiles.yml', SOURCES_FILE, 'mapping.yml'] as const;

export async function init(options: InitOptions): Promise<InitOutcome> {
  const dir = resolve(options.cwd, options.dir ?? '.');
  refuseOverwrite(dir, options.force === true);
  if (options.source === undefined) {
    const files = { ...STARTER_FILES, 'project.yml': (STARTER_FILES['project.yml'] ?? '').replace('name: NAME', `name: ${projectName(basename(dir))}`) };
    await writeAll(dir, files);
    return { kind: 'starter', dir, files: Object.keys(files) };
  }
  const parsed = parseInitSource(options.source, options.cwd, dir);
  const label = options.source;
  const sampleRows = options.sampleRows ?? 20000;
  const env = options.env ?? process.env;
  if (parsed.kind === 'warehouse') {
    // No query job: the schema and a page of rows come from free API calls (nothing billed).
    const sample = await sampleWarehouse(parsed, sampleRows, dir, env);
    if (sample.rows.length === 0) throw emptySource(label);
    const inferred = await inferInScratch(label, options, async (scratch) => {
      const file = join(scratch, 'sample.ndjson');
      await writeFile(file, sampleNdjson(sample));
      return { kind: 'files', format: 'json', path: file, absolute: file };
    });
    const files: Record<string, string> = {
      [SOURCES_FILE]: sourcesYaml(parsed, label, columnTypes(sample.fields)),
      'profiles.yml': profilesYaml(parsed),
      'mapping.yml': inferred.mapping,
      'project.yml': projectYaml(projectName(basename(dir)), label, inferred.proposal.category),
    };
    await writeAll(dir, files);
    return { kind: 'inferred', dir, files: Object.keys(files), source: parsed, label, proposal: inferred.proposal, sampleRows: inferred.sampleRows, read: { table: sample.table, totalRows: sample.totalRows } };
  }
  const source = parsed.kind === 'database' && parsed.table === undefined ? { ...parsed, table: await onlyTable(parsed.absolute, label) } : parsed;
  // The scratch project reads the source by its absolute path.
  const inferred = await inferInScratch(label, options, async () => (source.kind === 'files' ? { ...source, path: source.absolute } : { ...source, file: source.absolute }));
  const files: Record<string, string> = {
    [SOURCES_FILE]: sourcesYaml(source, label),
    'profiles.yml': profilesYaml(source),
    'mapping.yml': inferred.mapping,
    'project.yml': projectYaml(projectName(basename(dir)), label, inferred.proposal.category),
  };
  await writeAll(dir, files);
  return { kind: 'inferred', dir, files: Object.keys(files), source, label, proposal: inferred.proposal, sampleRows: inferred.sampleRows };
}

function emptySource(label: string): PdbError {
  return new PdbError({ code: 'E_INIT_EMPTY', message: `${label} has no rows: there is nothing to infer a mapping from.`, hint: 'Point --source at the table or files that hold your events.', location: { file: '--source' } });
}

function refuseOverwrite(dir: string, force: boolean): void {
  if (force) return;
  const existing = FILES.filter((f) => existsSync(join(dir, f)));
  if (existing.length === 0) return;
  throw new PdbErrors(existing.map((file) => new PdbError({
    code: 'E_INIT_EXISTS',
    message: `${file} already exists; pdb init never overwrites a project's files.`,
    location: { file },
    hint: 'Run pdb init in an empty folder (pdb init my-project --source ...), or replace the files with --force.',
  })));
}

/** Writes every file atomically; project.yml last, so a folder with project.yml is a whole project. */
async function writeAll(dir: string, files: Readonly<Record<string, string>>): Promise<void> {
  await mkdir(dir, { recursive: true });
  const order = Object.keys(files).sort((a, b) => Number(a === 'project.yml') - Number(b === 'project.yml'));
  for (const file of order) await writeFileAtomic(join(dir, file), files[file] ?? '');
}

/** Runs `pdb infer` on a scratch project outside the project folder; returns the mapping text. */
async function inferInScratch(
  label: string,
  options: InitOptions,
  scratchSource: (scratch: string) => Promise<Exclude<InitSource, { kind: 'warehouse' }>>,
): Promise<{ mapping: string; proposal: MappingProposal; sampleRows: number }> {
  const scratch = await mkdtemp(join(tmpdir(), 'pdb-init-'));
  try {
    const source = await scratchSource(scratch);
    await mkdir(join(scratch, dirname(SOURCES_FILE)), { recursive: true });
    await writeFile(join(scratch, SOURCES_FILE), sourcesYaml(source, label));
    await writeFile(join(scratch, 'profiles.yml'), source.kind === 'database' ? profilesYaml(source) : 'target: dev\ntargets:\n  dev: { type: duckdb, path: ":memory:", schema: main }\n');
    await writeFile(join(scratch, 'project.yml'), 'name: pdb_init\npackages: []\n');
    const outcome = await infer({
      dir: scratch,
      source: `${SOURCE_NAME.source}.${SOURCE_NAME.table}`,
      out: 'mapping.yml',
      force: true,
      env: options.env ?? process.env,
      ...(options.sampleRows === undefined ? {} : { sampleRows: options.sampleRows }),
    }).catch((error: unknown) => {
      throw new PdbError({
        code: 'E_INIT_READ',
        message: `cannot read ${label}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
        hint: 'Check that the files exist and are CSV, Parquet or JSON (one format per source), or that the DuckDB file holds the table.',
        location: { file: '--source' },
        cause: error,
      });
    });
    if (outcome.sampleRows === 0) throw emptySource(label);
    return { mapping: await readFile(join(scratch, 'mapping.yml'), 'utf8'), proposal: outcome.proposal, sampleRows: outcome.sampleRows };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The one table of a DuckDB file, when `--source file.duckdb` names none. */
async function onlyTable(file: string, label: string): Promise<string> {
  let tables: string[];
  try {
    const { DuckDBInstance } = await loadDuckDb();
    const db = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
    const connection = await db.connect();
    const rows = (await connection.runAndReadAll("select table_schema, table_name from information_schema.tables where table_type = 'BASE TABLE' order by all")).getRowObjectsJson();
    connection.closeSync();
    db.closeSync();
    tables = rows.map((r) => (r['table_schema'] === 'main' ? String(r['table_name']) : `${String(r['table_schema'])}.${String(r['table_name'])}`));
  } catch (error) {
    throw new PdbError({ code: 'E_INIT_READ', message: `cannot open ${label} as a DuckDB database: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`, hint: 'Give a DuckDB database file that no other process holds open.', location: { file: '--source' }, cause: error });
  }
  if (tables.length === 1) return tables[0]!;
  throw new PdbError({
    code: 'E_INIT_SOURCE',
    message: tables.length === 0 ? `${label} holds no tables.` : `${label} holds ${tables.length} tables; say which one holds the events.`,
    hint: tables.length === 0 ? 'Give the DuckDB file that holds your events table.' : `Write --source ${label}:TABLE, with TABLE one of: ${tables.join(', ')}.`,
    location: { file: '--source' },
  });
}
