/**
 * A worker thread of formatAll: loads sql-formatter and warms it up while the main thread still
 * renders, then formats the share of queries it is sent and sends them back in order.
 */
import { format } from 'sql-formatter';
import { parentPort, workerData } from 'node:worker_threads';
import { formatWith, type FormatJob, type FormatWorkerData } from './format-sql.js';

const data = workerData as FormatWorkerData;
const formatter = format as Parameters<typeof formatWith>[0];
// The dialect's first use builds its tokenizer (most of a small batch's time), and warm code is faster.
if (data.warmUp !== undefined) formatWith(formatter, { sql: 'select a, sum(b) as c\nfrom t\nwhere d > 1\ngroup by a', language: data.warmUp });
parentPort?.once('message', (jobs: readonly FormatJob[]) => {
  parentPort?.postMessage(jobs.map((job) => formatWith(formatter, job)));
  parentPort?.close();
});
