import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

export type FormatterLanguage = 'duckdb' | 'bigquery';

export interface FormatJob {
  readonly sql: string;
  readonly language: FormatterLanguage;
}

type FormatFunction = (sql: string, options: { language: FormatterLanguage; tabWidth: number; keywordCase: 'preserve' }) => string;

/** Below this many queries one thread is faster than starting workers (each loads the formatter). */
const PARALLEL_FROM = 150;

/** Reviewable SQL: the same formatting for the same input on every machine and in every thread. */
export function formatWith(format: FormatFunction, job: FormatJob): string {
  try {
    return `${format(job.sql, { language: job.language, tabWidth: 2, keywordCase: 'preserve' }).trimEnd()}\n`;
  } catch {
    // The formatter does not know every construct of every engine; unformatted SQL is still
    // correct SQL, and the engine (or the validator) reports real syntax errors with lines.
    return `${job.sql.trim()}\n`;
  }
}

/**
 * Formats many queries: sql-formatter is loaded only when there is something to format, and a
 * large batch is split over worker threads (formatting is most of a cold compile's time).
 */
export async function formatAll(jobs: readonly FormatJob[]): Promise<string[]> {
  if (jobs.length === 0) return [];
  const threads = Math.min(availableParallelism(), 4, Math.floor(jobs.length / (PARALLEL_FROM / 2)));
  if (jobs.length < PARALLEL_FROM || threads < 2) {
    const { format } = await import('sql-formatter');
    return jobs.map((job) => formatWith(format as FormatFunction, job));
  }
  const chunks = Array.from({ length: threads }, (_, t) => jobs.filter((_job, i) => i % threads === t));
  const results = await Promise.all(chunks.map(runWorker));
  return jobs.map((_job, i) => results[i % threads]![Math.floor(i / threads)]!);
}

/**
 * The worker's file: beside this module in dist/src/compile, or under compile/ when this code
 * runs from the CLI bundle one folder up (dist/src/pdb-cli.js, see scripts/bundle-cli.mjs).
 */
function workerUrl(): URL {
  const beside = new URL('./format-worker.js', import.meta.url);
  return existsSync(fileURLToPath(beside)) ? beside : new URL('./compile/format-worker.js', import.meta.url);
}

function runWorker(jobs: readonly FormatJob[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerUrl(), { workerData: jobs });
    worker.once('message', (formatted: string[]) => resolve(formatted));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the SQL formatting worker stopped with exit code ${code}`));
    });
  });
}
