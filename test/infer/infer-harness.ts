/** Runs `pdb infer` in-process (through its command, as main.ts will) and then pdb commands, on generated sources. */
import { Command, CommanderError } from 'commander';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { inferCommand } from '../../src/cli/infer-command.js';
import type { CliIo } from '../../src/cli/io.js';
import { reportErrors } from '../../src/cli/report-errors.js';
import { isPdbError } from '../../src/errors/pdb-error.js';
import { copyRepoProject, type CliResult } from '../support/temp-project.js';

export async function runInfer(cwd: string, argv: readonly string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, cwd, env: {}, interactive: false };
  let code = 0;
  const run = async (action: () => Promise<number>): Promise<number> => {
    try {
      code = await action();
    } catch (error) {
      if (!isPdbError(error)) throw error;
      reportErrors(error, cwd, io);
      code = 2;
    }
    return code;
  };
  const program = new Command('pdb').exitOverride().addCommand(inferCommand(io, run).exitOverride());
  try {
    await program.parseAsync(['infer', ...argv], { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    code = 2;
  }
  return { code, stdout, stderr };
}

/** The repo's project without its mapping, plus a source `app.events` reading `file` (relative to the project). */
export async function projectWithSource(file: string): Promise<string> {
  const dir = await copyRepoProject();
  await rm(join(dir, 'mapping.yml'));
  await writeFile(join(dir, 'models', 'app_sources.yml'), `sources:\n  - name: app\n    tables:\n      - name: events\n        duckdb: { path: ${file} }\n`);
  return dir;
}

/** Runs SQL statements in a throwaway DuckDB (to write the test's Parquet files). */
export async function duckdb(statements: readonly string[]): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    for (const sql of statements) await connection.run(sql);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

export const readText = (dir: string, file: string): Promise<string> => readFile(join(dir, file), 'utf8');

/** Models of the last run by status, from target/run_results.json. */
export async function modelStatuses(dir: string): Promise<Record<string, string>> {
  const data = JSON.parse(await readText(dir, 'target/run_results.json')) as { results: { kind: string; name: string; status: string }[] };
  return Object.fromEntries(data.results.filter((r) => r.kind === 'model').map((r) => [r.name, r.status]).sort(([a], [b]) => (a! < b! ? -1 : 1)));
}

export const ALL_MODELS = [
  'date_wise_dau', 'date_wise_new_logins_by_channel', 'date_wise_new_logins_by_country', 'date_wise_new_logins_overall', 'date_wise_revenue',
  'date_wise_revenue_by_country', 'date_wise_revenue_by_type', 'event_funnel_first_login', 'int_calendar', 'int_user_attributes', 'int_user_days', 'int_user_funnel',
  'int_user_revenue_days', 'int_users', 'int_window', 'retention_by_cohort_date', 'retention_by_funnel_step', 'stg_events',
] as const;

export const successes = (names: readonly string[]): Record<string, string> => Object.fromEntries([...names].sort().map((n) => [n, 'success']));
