/**
 * A small source with known defects, written as Parquet into a copy of the repo project, with a
 * mapping over its plain columns. The expected counts of every check are spelled out here.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { join } from 'node:path';
import { copyRepoProject, writeFiles } from '../support/temp-project.js';

export interface RawEvent {
  readonly user: string | null;
  /** ISO time (UTC) or null. */
  readonly time: string | null;
  readonly name: string;
  readonly revenue?: number;
}

/** "Now" of the tests: events after it are in the future. */
export const NOW = new Date('2026-06-01T00:00:00Z');

const day = (d: string, user: string, name: string, revenue?: number): RawEvent => ({ user, time: `${d}T10:00:00Z`, name, ...(revenue === undefined ? {} : { revenue }) });

/**
 * 20 clean events on 2026-03-01..05 without 03-03 (1 gap date), plus: 2 rows without a user and 1
 * without a time (3 of 28 rows), 3 exact repeats (3 of 25 valid rows), 1 future row, 1 row
 * from 2001 (older than 10 years), 1 negative revenue; `level_complete` and `ad_impression` are
 * mapped but never occur.
 */
export function defectiveEvents(): RawEvent[] {
  const clean: RawEvent[] = [];
  for (const d of ['2026-03-01', '2026-03-02', '2026-03-04', '2026-03-05']) {
    for (const user of ['u1', 'u2']) clean.push(day(d, user, 'session_start'));
  }
  clean.push(day('2026-03-01', 'u1', 'first_open'), day('2026-03-01', 'u2', 'first_open'), day('2026-03-02', 'u3', 'first_open'), day('2026-03-02', 'u3', 'session_start'));
  clean.push(day('2026-03-02', 'u1', 'in_app_purchase', 4.99), day('2026-03-04', 'u2', 'in_app_purchase', 1.99), day('2026-03-05', 'u3', 'session_start'));
  clean.push({ user: 'u1', time: '2026-03-05T11:00:00Z', name: 'in_app_purchase', revenue: -2.5 });
  clean.push(day('2026-03-04', 'u3', 'session_start'), day('2026-03-05', 'u2', 'first_open'), day('2026-03-01', 'u3', 'session_start'));
  clean.push({ user: 'u4', time: '2026-03-02T12:00:00Z', name: 'session_start' });
  return [
    ...clean,
    { user: null, time: '2026-03-01T09:00:00Z', name: 'session_start' },
    { user: null, time: '2026-03-02T09:00:00Z', name: 'session_start' },
    { user: 'u1', time: null, name: 'session_start' },
    clean[0]!,
    clean[1]!,
    clean[2]!,
    { user: 'u4', time: '2027-01-01T00:00:00Z', name: 'session_start' },
    { user: 'u4', time: '2001-01-01T00:00:00Z', name: 'session_start' },
  ];
}

export async function writeParquet(path: string, events: readonly RawEvent[]): Promise<void> {
  const db = await DuckDBInstance.create(':memory:');
  const connection = await db.connect();
  await connection.run('create table events (user_id varchar, ts_us bigint, event_name varchar, revenue double)');
  const appender = await connection.createAppender('events');
  for (const e of events) {
    if (e.user === null) appender.appendNull();
    else appender.appendVarchar(e.user);
    if (e.time === null) appender.appendNull();
    else appender.appendBigInt(BigInt(Date.parse(e.time)) * 1000n);
    appender.appendVarchar(e.name);
    if (e.revenue === undefined) appender.appendNull();
    else appender.appendDouble(e.revenue);
    appender.endRow();
  }
  appender.closeSync();
  await connection.run(`copy events to '${path}' (format parquet)`);
  connection.closeSync();
  db.closeSync();
}

export const MAPPING = [
  'source: ga4.events',
  'timezone: UTC',
  'columns:',
  '  user_id: user_id',
  "  event_time: \"{{ timestamp_from_micros('ts_us') }}\"",
  '  event_name: event_name',
  '  revenue: revenue',
  '  channel: "\'organic\'"',
  'events:',
  '  activity: all',
  '  new_user: [first_open]',
  '  funnel:',
  '    - { name: login, events: [session_start] }',
  '    - { name: first_level, events: [level_complete] }',
  '  revenue_types: { iap: [in_app_purchase], ads: [ad_impression] }',
  '',
].join('\n');

export const PROFILES = 'target: dev\ntargets:\n  dev: { type: duckdb, path: target/dq.duckdb, schema: main, threads: 2 }\n';

/** A copy of the repo project reading the defective source (vars: events_path). */
export async function projectWithDefects(extra: Readonly<Record<string, string>> = {}): Promise<string> {
  const dir = await copyRepoProject();
  await writeParquet(join(dir, 'events.parquet'), defectiveEvents());
  await writeFiles(dir, { 'mapping.yml': MAPPING, 'profiles.yml': PROFILES, ...extra });
  return dir;
}
