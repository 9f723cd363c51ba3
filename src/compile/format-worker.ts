/** A worker thread of formatAll: formats its share of the queries and sends them back in order. */
import { format } from 'sql-formatter';
import { parentPort, workerData } from 'node:worker_threads';
import { formatWith, type FormatJob } from './format-sql.js';

const jobs = workerData as readonly FormatJob[];
parentPort?.postMessage(jobs.map((job) => formatWith(format as Parameters<typeof formatWith>[0], job)));
