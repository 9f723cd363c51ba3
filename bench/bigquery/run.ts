/**
 * The BigQuery bytes benchmark: what a full core build would be billed, from the dry runs of
 * `pdb build --target bq --dry-run` against the local BigQuery REST server, on a GA4-shaped source
 * sized by a generated sample (core-build-bytes.ts says how). Builds the project on DuckDB first,
 * on the same sample, to size each model's table. Markdown to stdout, progress to stderr.
 *
 * Usage (after `npm run build`): node dist/bench/bigquery/run.js [SIZE]   (default: the bundled
 * sample, data/generated/ga4_sample; a size such as 1M or 10M uses the build bench's sample of it)
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runCli } from '../../test/support/temp-project.js';
import { copyProject } from '../build/project-copy.js';
import { parseSize } from '../build/run-args.js';
import { ensureSample } from '../build/sample-cache.js';
import { tableBytes, type TableBytes } from './column-bytes.js';
import { coreBuildBytes, RAW_TABLE, type CoreBuildBytes } from './core-build-bytes.js';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const PDB_BIN = join(REPO_ROOT, 'bin', 'pdb.js');

const log = (text: string): void => {
  process.stderr.write(`${text}\n`);
};

/** The sizes of the raw source and of every table a DuckDB build of the project makes from it. */
export async function measureTables(projectDir: string, eventsGlob: string): Promise<{ raw: TableBytes; built: Map<string, TableBytes> }> {
  const build = await runCli(projectDir, ['build', '--vars', JSON.stringify({ events_path: eventsGlob })]);
  // Exit 1 is a failed data test: the tables are there all the same.
  if (build.code !== 0 && build.code !== 1) throw new Error(`pdb build on DuckDB failed (exit ${build.code}):\n${build.stdout}${build.stderr}`);
  const instance = await DuckDBInstance.create(join(projectDir, 'target', 'pdb.duckdb'), { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  try {
    const raw = await tableBytes(connection, `read_parquet('${eventsGlob.replaceAll("'", "''")}')`);
    const names = (await connection.runAndReadAll("select table_name from information_schema.tables where table_schema = 'main' order by 1")).getRows().map((r) => String(r[0]));
    const built = new Map<string, TableBytes>();
    for (const name of names) built.set(name, await tableBytes(connection, `main."${name}"`));
    return { raw, built };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

const mb = (bytes: number): string => (bytes / 1e6).toLocaleString('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 });

export function markdown(label: string, result: CoreBuildBytes): string {
  const { built, fresh } = result;
  const rows = built.models.map((m) => {
    const reads = m.reads.map((r) => `${r.table === RAW_TABLE ? 'raw' : r.table.split('.').pop()} ${mb(r.bytes)}`).join(', ');
    return `| ${m.model} | ${reads} | ${m.dryRunBytes === null ? '?' : mb(m.dryRunBytes)} |`;
  });
  const raw = built.models.flatMap((m) => m.reads.filter((r) => r.table === RAW_TABLE));
  return [
    `BigQuery dry run of the full core build, ${label}: ${result.rawRows.toLocaleString('en-US')} raw events (MB = 10^6 bytes).`,
    '',
    '| model | reads (MB) | dry-run bytes (MB) |',
    '| --- | --- | --: |',
    ...rows,
    '',
    `- with every model's table in place (what each statement of a build reads): **${mb(built.totalBytes)} MB** in all, of which the raw events ${mb(built.rawBytes)} MB, read by ${built.rawReaders.length} model(s) (${built.rawReaders.join(', ')})`,
    `- the raw columns the core models need (${raw[0]?.columns.length ?? 0} leaves read: ${raw[0]?.columns.join(', ') ?? 'none'}): ${mb(result.rawNeededBytes)} MB; all ${mb(result.rawAllBytes)} MB`,
    `- one scan of the needed columns: ${built.rawBytes === result.rawNeededBytes && built.rawReaders.length === 1 ? 'yes' : 'no'}; the models reading pdb's own tables add ${mb(built.totalBytes - built.rawBytes)} MB`,
    `- a first dry run on an empty dataset (unbuilt upstreams inlined, as the CLI warns): ${mb(fresh.totalBytes)} MB, raw events read by ${fresh.rawReaders.length} estimates`,
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const sizeArg = process.argv[2];
  const glob =
    sizeArg === undefined
      ? join(REPO_ROOT, 'data', 'generated', 'ga4_sample', 'events_*.parquet')
      : (await ensureSample(REPO_ROOT, PDB_BIN, parseSize(sizeArg), log)).glob;
  const dir = await mkdtemp(join(tmpdir(), 'pdb-bench-bq-'));
  try {
    await copyProject(REPO_ROOT, dir);
    log(`building on DuckDB to size the tables (${glob})...`);
    const { raw, built } = await measureTables(dir, glob);
    log('dry runs against the local BigQuery server...');
    const result = await coreBuildBytes(dir, raw, built);
    process.stdout.write(markdown(sizeArg ?? 'the bundled sample', result));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.env['METADATA_SERVER_DETECTION'] = 'none';
  try {
    await main();
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
