/** A worker thread of formatAll: formats the share of queries it is sent and sends them back in order. */
import { format } from 'sql-formatter';
import { parentPort } from 'node:worker_threads';
import { formatWith } from './format-sql.js';
import type { FormatJob } from './format-sql.js';

const formatter = format as Parameters<typeof formatWith>[0];
parentPort?.once('message', (jobs: readonly FormatJob[]) => {
  parentPort?.postMessage(jobs.map((job) => formatWith(formatter, job)));
  parentPort?.close();
});
