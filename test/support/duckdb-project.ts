/**
 * Helpers for the tests that build into a real DuckDB file: a temporary project with a DuckDB
 * target, reading what was built (after pdb has closed the file), target/run_results.json, and a
 * child process that holds the database file open.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CliIo } from '../../src/cli/io.js';
import { repoRoot, tempProject, type CliResult, type ProjectFiles } from './temp-project.js';

/** The database every project made by `duckdbProject` builds into, relative to the project. */
export const DATABASE = 'target/t.duckdb';

export const PROFILES = `target: dev\ntargets:\n  dev:\n    type: duckdb\n    path: ${DATABASE}\n    schema: main\n`;

/** A temporary project named `t` with a DuckDB target at `target/t.duckdb`, plus `files`. */
export async function duckdbProject(files: ProjectFiles): Promise<string> {
  return tempProject({ 'project.yml': 'name: t\n', 'profiles.yml': PROFILES, ...files });
}

/** Runs one query on the project's database (pdb must have closed it) and returns JSON-safe rows. */
export async function queryDb(dir: string, sql: string, database = DATABASE): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(join(dir, database));
  try {
    const connection = await instance.connect();
    try {
      const reader = await connection.runAndReadAll(sql);
      return reader.getRowObjectsJson() as Record<string, unknown>[];
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

/** Every relation in the database as `schema.name TYPE` ('BASE TABLE' or 'VIEW'), sorted. */
export async function relations(dir: string, database = DATABASE): Promise<string[]> {
  const rows = await queryDb(dir, 'select table_schema, table_name, table_type from information_schema.tables order by all', database);
  return rows.map((r) => `${String(r.table_schema)}.${String(r.table_name)} ${String(r.table_type)}`);
}

/** target/run_results.json, parsed, and its text. */
export async function runResultsFile(dir: string): Promise<{ text: string; json: RunResultsJson }> {
  const text = await readFile(join(dir, 'target', 'run_results.json'), 'utf8');
  return { text, json: JSON.parse(text) as RunResultsJson };
}

export interface RunResultsJson {
  readonly metadata: { readonly schema_version: string; readonly command: string; readonly target: string };
  readonly elapsed_seconds: number;
  readonly cancelled: boolean;
  readonly results: readonly Record<string, unknown>[];
}

/** Results without their timing (which varies), for exact comparison. */
export function withoutSeconds(results: readonly object[]): Record<string, unknown>[] {
  return results.map((result) => {
    const { seconds: _seconds, ...rest } = result as Record<string, unknown>;
    return rest;
  });
}

/** CLI output with every duration (`0.12 s`) replaced by `<t> s`. */
export const withoutTimes = (text: string): string => text.replace(/\d+\.\d\d s\b/g, '<t> s');

export interface DatabaseHolder {
  readonly pid: number;
  /** Kills the child process and waits for it to end. */
  release(): Promise<void>;
}

/**
 * Opens `file` with DuckDB in a child process (a second instance in this process would not
 * conflict) and keeps it open until `release()`. Resolves once the child holds the lock.
 */
export async function holdDatabase(file: string): Promise<DatabaseHolder> {
  const script = [
    "const { DuckDBInstance } = require('@duckdb/node-api');",
    'DuckDBInstance.create(process.argv[1]).then(',
    "  (db) => { globalThis.db = db; process.stdout.write('ready\\n'); setInterval(() => {}, 1000); },",
    '  (e) => { process.stderr.write(String(e)); process.exit(3); });',
  ].join('\n');
  // Run from the repository so that require() finds @duckdb/node-api in its node_modules.
  const child = spawn(process.execPath, ['-e', script, file], { cwd: repoRoot(), stdio: ['ignore', 'pipe', 'pipe'] });
  const ended = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
    });
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the child holding ${file} exited with ${code}: ${errors}`)));
  });
  return {
    pid: child.pid!,
    release: async () => {
      child.kill('SIGKILL');
      await ended;
    },
  };
}

/**
 * Like `runCli`, but calls `onStdout` with everything printed so far each time the CLI prints:
 * for tests that act while a command runs (e.g. press Ctrl-C once a step has finished).
 */
export async function runCliWatching(cwd: string, argv: readonly string[], onStdout: (soFar: string) => void): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => {
      stdout += text;
      onStdout(stdout);
    },
    stderr: (text) => {
      stderr += text;
    },
    cwd,
    env: {},
    interactive: false,
  };
  const { main } = await import('../../src/cli/main.js');
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
