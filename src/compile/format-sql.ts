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

/** How many threads format `queries` queries: 1 below PARALLEL_FROM, else up to the cores (at most 4). */
function threadsFor(queries: number): number {
  return queries < PARALLEL_FROM ? 1 : Math.max(1, Math.min(availableParallelism(), 4, Math.floor(queries / (PARALLEL_FROM / 2))));
}

/** A worker thread of formatAll, and how it ended if it did. */
interface FormatWorker {
  readonly worker: Worker;
  readonly failed: Promise<Error>;
}

/**
 * Formats many queries: sql-formatter is loaded only when there is something to format, and a
 * large batch is shared between this thread and worker threads (formatting is most of a cold
 * compile's time). This thread takes a share itself: each thread pays for loading the formatter
 * and for warming its code up, so on 2 cores one worker and this thread use about a third less
 * CPU than two workers, in the same wall time.
 */
export async function formatAll(jobs: readonly FormatJob[]): Promise<string[]> {
  if (jobs.length === 0) return [];
  const threads = threadsFor(jobs.length);
  if (threads < 2) {
    const { format } = await import('sql-formatter');
    return jobs.map((job) => formatWith(format as FormatFunction, job));
  }
  const chunks = Array.from({ length: threads }, (_, t) => jobs.filter((_job, i) => i % threads === t));
  // The workers get their share first, then this thread formats chunk 0 while they run.
  const workers = chunks.slice(1).map(() => startWorker());
  const inWorkers = Promise.all(chunks.slice(1).map((chunk, i) => formatIn(workers[i]!, chunk)));
  // A failed worker is reported when awaited below, not as an unhandled rejection meanwhile.
  inWorkers.catch(() => undefined);
  const { format } = await import('sql-formatter');
  const here = chunks[0]!.map((job) => formatWith(format as FormatFunction, job));
  const results = [here, ...(await inWorkers)];
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

function startWorker(): FormatWorker {
  const worker = new Worker(workerUrl());
  const failed = new Promise<Error>((resolve) => {
    worker.once('error', resolve);
    worker.once('exit', (code) => resolve(new Error(`the SQL formatting worker stopped with exit code ${code}`)));
  });
  return { worker, failed };
}

function formatIn({ worker, failed }: FormatWorker, jobs: readonly FormatJob[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    worker.once('message', (formatted: string[]) => resolve(formatted));
    void failed.then(reject);
    worker.postMessage(jobs);
  });
}
