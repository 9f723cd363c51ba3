/**
 * Turns flat simulated rows into GA4-shaped daily Parquet shards with an in-memory DuckDB:
 * rows are appended in data chunks to a flat table, the nested columns (event_params, device, geo,
 * traffic_source, app_info) are built in SQL, and each day is COPYed to a temporary file that is
 * renamed into place only when complete, so a killed run never leaves a half-written shard.
 */

import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  DOUBLE,
  DuckDBDataChunk,
  DuckDBInstance,
  INTEGER,
  UTINYINT,
  VARCHAR,
  type DuckDBConnection,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import type { EventSink, SimEvent } from './day-simulation.js';
import { EVENT_NAMES, EV, type EventName } from './event-names.js';
import { AD_UNITS, APP_ID, APP_VERSION_NEW, APP_VERSION_OLD, CHANNELS, COUNTRIES, IAP_PRODUCTS, IOS_ORGANIC, SUBSCRIPTION } from './sample-world.js';
import type { UserProfile } from './user-model.js';

const CHUNK_ROWS = 2048;
const DAY_MICROS = 86_400_000_000;

const EVENT_COLUMNS: readonly (readonly [string, DuckDBType])[] = [
  ['seq', INTEGER],
  ['shard', INTEGER],
  ['u', INTEGER],
  ['ts', DOUBLE],
  ['ev', UTINYINT],
  ['sid', DOUBLE],
  ['snum', INTEGER],
  ['eng', INTEGER],
  ['lvl', INTEGER],
  ['val', DOUBLE],
  ['item', UTINYINT],
  ['usd', DOUBLE],
];

const USER_COLUMNS: readonly (readonly [string, DuckDBType])[] = [
  ['idx', INTEGER],
  ['user_pseudo_id', VARCHAR],
  ['user_id', VARCHAR],
  ['login_from', DOUBLE],
  ['update_from', DOUBLE],
  ['first_touch', DOUBLE],
  ['platform', VARCHAR],
  ['category', VARCHAR],
  ['brand', VARCHAR],
  ['continent', VARCHAR],
  ['country', VARCHAR],
  ['region', VARCHAR],
  ['city', VARCHAR],
  ['ts_name', VARCHAR],
  ['ts_medium', VARCHAR],
  ['ts_source', VARCHAR],
  ['currency', VARCHAR],
];

/** Column buffers flushed to DuckDB one data chunk at a time. */
class ChunkBuffer {
  private columns: DuckDBValue[][];

  constructor(private readonly types: readonly DuckDBType[]) {
    this.columns = types.map(() => []);
  }

  get length(): number {
    return this.columns[0]?.length ?? 0;
  }

  add(row: readonly DuckDBValue[]): void {
    for (let i = 0; i < row.length; i++) this.columns[i]!.push(row[i] ?? null);
  }

  /** Moves the buffered rows into a data chunk and empties the buffer. */
  take(): DuckDBDataChunk {
    const chunk = DuckDBDataChunk.create(this.types, this.length);
    chunk.setColumns(this.columns);
    this.columns = this.types.map(() => []);
    return chunk;
  }
}

export class ParquetShardWriter implements EventSink {
  private readonly buffer = new ChunkBuffer(EVENT_COLUMNS.map(([, t]) => t));
  private readonly pending: DuckDBDataChunk[] = [];
  private seq = 0;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    private readonly startMicros: number,
  ) {}

  static async open(startMs: number): Promise<ParquetShardWriter> {
    // Two threads and a memory cap: the machine is small and the work is per-day.
    const instance = await DuckDBInstance.create(':memory:', { threads: '2', memory_limit: '1500MB' });
    const connection = await instance.connect();
    await connection.run(`CREATE TABLE flat (${EVENT_COLUMNS.map(([n, t]) => `${n} ${t.toString()}`).join(', ')})`);
    await connection.run(`CREATE TABLE users_flat (${USER_COLUMNS.map(([n, t]) => `${n} ${t.toString()}`).join(', ')})`);
    return new ParquetShardWriter(instance, connection, startMs * 1000);
  }

  async addUsers(users: readonly UserProfile[]): Promise<void> {
    const appender = await this.connection.createAppender('users_flat');
    const buffer = new ChunkBuffer(USER_COLUMNS.map(([, t]) => t));
    for (const user of users) {
      buffer.add(userRow(user, this.startMicros));
      if (buffer.length === CHUNK_ROWS) appender.appendDataChunk(buffer.take());
    }
    if (buffer.length > 0) appender.appendDataChunk(buffer.take());
    appender.closeSync();
    await this.connection.run(USERS_SQL);
  }

  push(e: SimEvent): void {
    this.buffer.add([
      this.seq++,
      e.shard,
      e.user,
      e.micros,
      e.ev,
      e.sessionId,
      e.sessionNumber,
      e.engagementMsec,
      e.level,
      e.value,
      e.item,
      e.usd,
    ]);
    if (this.buffer.length === CHUNK_ROWS) this.pending.push(this.buffer.take());
  }

  /** Writes every row whose shard is `day` to `<outDir>/<fileName>`; returns the row count. */
  async writeShard(day: number, outDir: string, fileName: string): Promise<number> {
    await this.flush();
    const finalPath = join(outDir, fileName);
    const tempPath = join(outDir, `.${fileName}.tmp`);
    try {
      const result = await this.connection.run(
        `COPY (${SHARD_SELECT} WHERE e.shard = ${day} ORDER BY e.ts, e.seq) TO ${sqlString(tempPath)} (FORMAT parquet, COMPRESSION zstd)`,
      );
      await rename(tempPath, finalPath);
      await this.connection.run(`DELETE FROM flat WHERE shard <= ${day}`);
      return result.rowsChanged;
    } catch (error) {
      await rm(tempPath, { force: true });
      throw error;
    }
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }

  private async flush(): Promise<void> {
    if (this.buffer.length > 0) this.pending.push(this.buffer.take());
    if (this.pending.length === 0) return;
    const appender = await this.connection.createAppender('flat');
    for (const chunk of this.pending.splice(0)) appender.appendDataChunk(chunk);
    appender.closeSync();
  }
}

function userRow(user: UserProfile, startMicros: number): DuckDBValue[] {
  const country = COUNTRIES[user.country] ?? COUNTRIES[0]!;
  const region = country.regions[user.region] ?? country.regions[0]!;
  const channel = CHANNELS[user.channel] ?? CHANNELS[0]!;
  const source = channel.key === 'organic' && user.platform === 'IOS' ? IOS_ORGANIC : channel;
  const dayStart = (day: number): number => startMicros + day * DAY_MICROS;
  return [
    user.idx,
    user.pseudoId,
    user.userId,
    user.loginDay >= 0 ? dayStart(user.loginDay) : null,
    dayStart(user.updateDay),
    dayStart(user.installDay) + user.installMicros,
    user.platform,
    user.category,
    user.brand,
    country.continent,
    country.name,
    region.name,
    region.cities[user.city] ?? region.cities[0] ?? null,
    source.name,
    source.medium,
    source.source,
    country.currency,
  ];
}

function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

function sqlList(values: readonly string[]): string {
  return `[${values.map(sqlString).join(', ')}]`;
}

const USERS_SQL = `
CREATE TABLE users AS SELECT
  idx, user_pseudo_id, user_id, login_from, update_from,
  first_touch::BIGINT AS user_first_touch_timestamp,
  platform,
  {'category': category, 'operating_system': CASE platform WHEN 'IOS' THEN 'iOS' ELSE 'Android' END,
   'mobile_brand_name': brand} AS device,
  {'continent': continent, 'country': country, 'region': region, 'city': city} AS geo,
  {'name': ts_name, 'medium': ts_medium, 'source': ts_source} AS traffic_source,
  currency
FROM users_flat ORDER BY idx`;

/** One event_params entry per value kind, GA4's value struct with the other fields NULL. */
const PARAM_VALUE = (s: string, i: string, d: string): string =>
  `{'string_value': ${s}::VARCHAR, 'int_value': ${i}::BIGINT, 'float_value': NULL::DOUBLE, 'double_value': ${d}::DOUBLE}`;
const P_STR = (key: string, v: string): string => `{'key': ${sqlString(key)}, 'value': ${PARAM_VALUE(v, 'NULL', 'NULL')}}`;
const P_INT = (key: string, v: string): string => `{'key': ${sqlString(key)}, 'value': ${PARAM_VALUE('NULL', v, 'NULL')}}`;
const P_DBL = (key: string, v: string): string => `{'key': ${sqlString(key)}, 'value': ${PARAM_VALUE('NULL', 'NULL', v)}}`;

const PRODUCT_ID = `${sqlList([...IAP_PRODUCTS.map((p) => p.id), SUBSCRIPTION.id])}[e.item + 1]`;
const AD = (field: (u: (typeof AD_UNITS)[number]) => string): string => `${sqlList(AD_UNITS.map(field))}[e.item + 1]`;
const SESSION = [P_INT('ga_session_id', 'e.sid'), P_INT('ga_session_number', 'e.snum')];
const PURCHASE = [P_STR('product_id', PRODUCT_ID), P_DBL('value', 'e.val'), P_STR('currency', 'u.currency')];

/**
 * The params each event carries, by event. Every event name must have its list: the switch over
 * EventName keeps that exhaustive. Building only the needed entries per event is several times
 * faster in DuckDB than building all of them and filtering out the NULLs.
 */
function paramsOf(name: EventName): readonly string[] {
  switch (name) {
    case 'first_open':
    case 'session_start':
    case 'tutorial_begin':
    case 'tutorial_complete':
      return SESSION;
    case 'user_engagement':
      return [...SESSION, P_INT('engagement_time_msec', 'e.eng')];
    case 'level_start':
    case 'level_complete':
    case 'level_fail':
      return [...SESSION, P_STR('level_name', "'level_' || e.lvl"), P_INT('level', 'e.lvl')];
    case 'in_app_purchase':
    case 'subscription_start':
      return [...SESSION, ...PURCHASE];
    case 'subscription_renew':
      // Billed by the store outside any session.
      return PURCHASE;
    case 'ad_impression':
      return [
        ...SESSION,
        P_STR('ad_platform', AD((u) => u.platform)),
        P_STR('ad_format', AD((u) => u.format)),
        P_STR('ad_source', AD((u) => u.source)),
        P_STR('ad_unit_name', AD((u) => u.unit)),
        P_DBL('value', 'e.val'),
        P_STR('currency', "'USD'"),
      ];
  }
}

const EVENT_PARAMS = `CASE e.ev ${EVENT_NAMES.map((name) => `WHEN ${EV[name]} THEN [${paramsOf(name).join(', ')}]`).join(' ')} END`;

/** The GA4 export columns, in GA4's order, from the flat row `e` and its user `u`. */
const SHARD_SELECT = `
SELECT
  strftime(make_timestamp(e.ts::BIGINT), '%Y%m%d') AS event_date,
  e.ts::BIGINT AS event_timestamp,
  ${sqlList(EVENT_NAMES)}[e.ev + 1] AS event_name,
  ${EVENT_PARAMS} AS event_params,
  e.usd AS event_value_in_usd,
  CASE WHEN e.ts >= u.login_from THEN u.user_id END AS user_id,
  u.user_pseudo_id,
  u.user_first_touch_timestamp,
  u.platform,
  u.device,
  u.geo,
  u.traffic_source,
  {'id': ${sqlString(APP_ID)}, 'version': CASE WHEN e.ts >= u.update_from THEN ${sqlString(APP_VERSION_NEW)} ELSE ${sqlString(APP_VERSION_OLD)} END} AS app_info
FROM flat e JOIN users u ON u.idx = e.u`;
