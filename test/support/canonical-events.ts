/** Canonical events in and core metric tables out of DuckDB, for the tests that compare pdb with the reference. */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { CORE_MODEL_NAMES, type CanonicalEvent } from '../reference/index.js';

/**
 * Puts `events` in table `events` (user_id, ts_us microseconds, event_name, country, region,
 * channel, revenue, revenue_type) of an in-memory DuckDB and hands the connection to `use`,
 * which writes them out in some shape (e.g. `copy events to 'x.parquet'`).
 */
/** `withInstall` adds the optional cohort column `install_us` (left out by default, so inference never sees it). */
export async function withEventsTable(events: readonly CanonicalEvent[], use: (connection: DuckDBConnection) => Promise<void>, withInstall = false): Promise<void> {
  const db = await DuckDBInstance.create(':memory:');
  const connection = await db.connect();
  try {
    await connection.run(`create table events (user_id varchar, ts_us bigint, event_name varchar, country varchar, region varchar, channel varchar, revenue double, revenue_type varchar${withInstall ? ', install_us bigint' : ''})`);
    const appender = await connection.createAppender('events');
    for (const e of events) {
      const install = e.cohort_time_us == null ? null : BigInt(e.cohort_time_us);
      for (const value of [e.user_id, e.event_time_us === null ? null : BigInt(e.event_time_us), e.event_name, e.country, e.region, e.channel, e.revenue, e.revenue_type, ...(withInstall ? [install] : [])]) {
        if (value === null) appender.appendNull();
        else if (typeof value === 'bigint') appender.appendBigInt(value);
        else if (typeof value === 'number') appender.appendDouble(value);
        else appender.appendVarchar(value);
      }
      appender.endRow();
    }
    appender.closeSync();
    await use(connection);
  } finally {
    connection.closeSync();
    db.closeSync();
  }
}

/** The ten core tables of a built DuckDB file (schema main), as JS values. */
export async function readCoreTables(file: string): Promise<Record<string, unknown[]>> {
  const db = await DuckDBInstance.create(file);
  const connection = await db.connect();
  try {
    const tables: Record<string, unknown[]> = {};
    for (const name of CORE_MODEL_NAMES) tables[name] = (await connection.runAndReadAll(`select * from main.${name}`)).getRowObjectsJS();
    return tables;
  } finally {
    connection.closeSync();
    db.closeSync();
  }
}
