/**
 * Test support for the sample generator: temporary folders, DuckDB queries over generated shards,
 * and the default-size sample, generated once per test process and shared by the files that
 * check the planted facts and retention bands.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { type SampleResult, generateSample } from '../../src/sample/generate-sample.js';

const made: string[] = [];
process.on('exit', () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pdb-sample-'));
  made.push(dir);
  return dir;
}

/** Runs `sql` with a view `ev` over `<dir>/*.parquet` (plus its `filename`); JSON-safe rows. */
export async function query(dir: string, sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  try {
    await connection.run(`CREATE VIEW ev AS SELECT * FROM read_parquet('${join(dir, '*.parquet')}', filename = true)`);
    const result = await connection.runAndReadAll(sql);
    return result.getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

export interface GeneratedSample {
  readonly dir: string;
  readonly result: SampleResult;
}

let defaultSample: Promise<GeneratedSample> | undefined;

/** The shipped default (20,000 users x 60 days from 2026-09-01, seed 42), made once. */
export function theDefaultSample(): Promise<GeneratedSample> {
  defaultSample ??= (async () => {
    const dir = tempDir();
    return { dir, result: await generateSample({ outDir: dir }) };
  })();
  return defaultSample;
}

/** Users active on cohort day + n over users whose first_open was on the cohort day (UTC dates). */
export const RETENTION_SQL = (n: number, where = 'true'): string => `
WITH active AS (SELECT DISTINCT user_pseudo_id AS u, strptime(event_date, '%Y%m%d')::DATE AS d FROM ev),
cohort AS (
  SELECT user_pseudo_id AS u, min(strptime(event_date, '%Y%m%d')::DATE) AS c,
         any_value(traffic_source.source) AS source, any_value(app_info.version) AS version
  FROM ev WHERE event_name = 'first_open' GROUP BY 1
),
eligible AS (SELECT * FROM cohort WHERE c + ${n} <= (SELECT max(d) FROM active) AND (${where}))
SELECT count(*) AS cohort_users,
       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM active a WHERE a.u = eligible.u AND a.d = eligible.c + ${n})) AS retained
FROM eligible`;

export async function retention(dir: string, n: number, where?: string): Promise<{ users: number; rate: number }> {
  const [row] = await query(dir, RETENTION_SQL(n, where));
  const users = Number(row?.['cohort_users']);
  return { users, rate: Number(row?.['retained']) / users };
}
