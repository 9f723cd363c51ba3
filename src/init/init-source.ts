/**
 * `pdb init --source`: what the user pointed at, as data. A path or glob of CSV, Parquet or JSON
 * files, a folder of them, a table of a DuckDB file, or a BigQuery table.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { PdbError } from '../errors/pdb-error.js';

export type FileFormat = 'csv' | 'parquet' | 'json';

export type InitSource =
  /** Files, as a path or glob relative to the project directory (forward slashes). */
  | { readonly kind: 'files'; readonly format: FileFormat; readonly path: string; readonly absolute: string }
  /** A table in a DuckDB database file; the file is relative to the project directory. */
  | { readonly kind: 'database'; readonly file: string; readonly absolute: string; readonly table?: string }
  | { readonly kind: 'warehouse'; readonly project: string; readonly dataset: string; readonly table: string };

const GLOB = /[*?[\]{}]/;
const DUCKDB_FILE = /^(.*\.(?:duckdb|ddb|db))(?::([A-Za-z_][\w.]*))?$/i;

/** Reads `--source` given on the command line (relative to `cwd`) for a project in `projectDir`. */
export function parseInitSource(text: string, cwd: string, projectDir: string): InitSource {
  const at = { file: '--source' };
  if (text.startsWith('bigquery:')) {
    const parts = text.slice('bigquery:'.length).split('.');
    if (parts.length !== 3 || parts.some((p) => p === '')) {
      throw new PdbError({ code: 'E_INIT_SOURCE', message: `'${text}' is not a BigQuery table.`, hint: 'Write --source bigquery:PROJECT.DATASET.TABLE (a GA4 export: bigquery:my-project.analytics_123456.events_*).', location: at });
    }
    const [project, dataset, table] = parts as [string, string, string];
    return { kind: 'warehouse', project, dataset, table };
  }
  const duck = DUCKDB_FILE.exec(text);
  if (duck !== null) {
    const absolute = resolve(cwd, duck[1]!);
    if (!existsSync(absolute)) throw missing(text, absolute);
    return { kind: 'database', file: projectPath(projectDir, absolute), absolute, ...(duck[2] === undefined ? {} : { table: duck[2] }) };
  }
  const absolute = resolve(cwd, text);
  if (!GLOB.test(text)) {
    if (!existsSync(absolute)) throw missing(text, absolute);
    if (statSync(absolute).isDirectory()) return folderSource(text, absolute, projectDir);
  }
  const format = formatOf(text);
  if (format === undefined) {
    throw new PdbError({ code: 'E_INIT_SOURCE', message: `cannot tell the format of '${text}' from its name.`, hint: 'Give files ending in .csv, .tsv, .parquet, .json, .ndjson or .jsonl (or .gz of csv/json), a folder of them, a .duckdb file, or bigquery:PROJECT.DATASET.TABLE.', location: at });
  }
  return { kind: 'files', format, path: projectPath(projectDir, absolute), absolute };
}

export function formatOf(name: string): FileFormat | undefined {
  const lower = name.toLowerCase().replace(/\.gz$/, '');
  if (lower.endsWith('.csv') || lower.endsWith('.tsv')) return 'csv';
  if (lower.endsWith('.parquet')) return 'parquet';
  if (lower.endsWith('.json') || lower.endsWith('.ndjson') || lower.endsWith('.jsonl')) return 'json';
  return undefined;
}

/** A folder: the files of its most common format, at any depth (Hive-style date folders included). */
function folderSource(text: string, absolute: string, projectDir: string): InitSource {
  const counts = new Map<FileFormat, { n: number; ext: string }>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      if (entry.isDirectory()) walk(join(dir, entry.name));
      const format = entry.isFile() ? formatOf(entry.name) : undefined;
      if (format === undefined) continue;
      const seen = counts.get(format);
      counts.set(format, { n: (seen?.n ?? 0) + 1, ext: seen?.ext ?? extensionOf(entry.name) ?? `.${format}` });
    }
  };
  walk(absolute);
  const best = [...counts.entries()].sort((a, b) => b[1].n - a[1].n)[0];
  if (best === undefined) {
    throw new PdbError({ code: 'E_INIT_SOURCE', message: `the folder '${text}' holds no CSV, Parquet or JSON files.`, hint: 'Point --source at the folder of your event files, or at the files themselves (a glob such as "events/*.parquet").', location: { file: '--source' } });
  }
  const glob = `${projectPath(projectDir, absolute)}/**/*${best[1].ext}`;
  return { kind: 'files', format: best[0], path: glob, absolute: join(absolute, '**', `*${best[1].ext}`) };
}

function extensionOf(name: string): string | undefined {
  const match = /(\.(?:csv|tsv|parquet|json|ndjson|jsonl)(?:\.gz)?)$/i.exec(name);
  return match?.[1];
}

/** A path as the project will write it: relative to the project directory, forward slashes. */
function projectPath(projectDir: string, absolute: string): string {
  const rel = relative(projectDir, absolute);
  return (rel === '' ? '.' : isAbsolute(rel) ? absolute : rel).split(sep).join('/');
}

function missing(text: string, absolute: string): PdbError {
  return new PdbError({ code: 'E_INIT_SOURCE', message: `'${text}' does not exist (looked at ${absolute}).`, hint: 'Give the path of your events file, folder or glob, relative to the current directory.', location: { file: '--source' } });
}
