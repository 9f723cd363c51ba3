/**
 * Runs the floor query in its own process, with the DuckDB settings of the build's profile, so
 * that its wall time and peak memory are measured the same way as `pdb build`'s.
 * Usage: node floor-child.js EVENTS_GLOB THREADS MEMORY_LIMIT  (use '-' to leave a setting default)
 * Prints one JSON line: {"querySeconds": s, "row": FloorRow}.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { pathToFileURL } from 'node:url';
import { floorSql, type FloorRow } from './floor-query.js';

export interface FloorOutput {
  readonly querySeconds: number;
  readonly row: FloorRow;
}

export async function runFloor(eventsGlob: string, threads: number | undefined, memoryLimit: string | undefined): Promise<FloorOutput> {
  const options: Record<string, string> = {};
  if (threads !== undefined) options.threads = String(threads);
  if (memoryLimit !== undefined) options.memory_limit = memoryLimit;
  const instance = await DuckDBInstance.create(':memory:', options);
  const connection = await instance.connect();
  try {
    const started = performance.now();
    const reader = await connection.runAndReadAll(floorSql(eventsGlob));
    const querySeconds = (performance.now() - started) / 1000;
    const [raw] = reader.getRowObjectsJson();
    if (raw === undefined) throw new Error('the floor query returned no row');
    const num = (key: string): number => Number(raw[key]);
    const row: FloorRow = {
      events: num('events'),
      users: num('users'),
      first_micros: String(raw.first_micros),
      last_micros: String(raw.last_micros),
      event_names: num('event_names'),
      countries: num('countries'),
      regions: num('regions'),
      channels: num('channels'),
      revenue: raw.revenue === null ? null : num('revenue'),
    };
    return { querySeconds, row };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [glob, threads, memoryLimit] = process.argv.slice(2);
  if (glob === undefined) {
    process.stderr.write('usage: node floor-child.js EVENTS_GLOB [THREADS|-] [MEMORY_LIMIT|-]\n');
    process.exitCode = 2;
  } else {
    const output = await runFloor(glob, threads === undefined || threads === '-' ? undefined : Number(threads), memoryLimit === undefined || memoryLimit === '-' ? undefined : memoryLimit);
    process.stdout.write(`${JSON.stringify(output)}\n`);
  }
}
