/**
 * Turns flat simulated rows into GA4-shaped daily Parquet shards with an in-memory DuckDB.
 * A day's rows are sorted by time, appended in data chunks to a flat table of numbers (user
 * attributes travel as small codes into constant lists, ids are md5 of (seed, user)), the nested
 * columns are built in SQL, and the day is COPYed to a temporary file that is renamed into place
 * only when complete, so a killed run never leaves a half-written shard.
 *
 * No join and no ORDER BY in the COPY: a plain scan keeps insertion order (DuckDB's default
 * preserve_insertion_order), which keeps the output deterministic and about twice as fast.
 */

import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  DOUBLE,
  DuckDBDataChunk,
  DuckDBInstance,
  INTEGER,
  USMALLINT,
  UTINYINT,
  type DuckDBConnection,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import type { EventSink, SimEvent } from './day-simulation.js';
import { EVENT_NAMES, EV, type EventName } from './event-names.js';
import {
  AD_UNITS,
  ANDROID_BRANDS,
  APP_ID,
  APP_VERSION_NEW,
  APP_VERSION_OLD,
  CHANNELS,
  COUNTRIES,
  IAP_PRODUCTS,
  IOS_ORGANIC,
  SUBSCRIPTION,
} from './sample-world.js';
import type { UserProfile } from './user-model.js';

const CHUNK_ROWS = 2048;
const DAY_MICROS = 86_400_000_000;

const COLUMNS: readonly (readonly [string, DuckDBType])[] = [
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
  ['first_touch', DOUBLE],
  ['geo', USMALLINT],
  ['device', UTINYINT],
  ['source', UTINYINT],
  /** Bit 0: logged in (user_id set); bit 1: on the new app version. */
  ['flags', UTINYINT],
];
const TYPES = COLUMNS.map(([, t]) => t);

/** Per-user attributes as codes into the constant lists below, indexed by user idx. */
interface UserCodes {
  readonly geo: Uint16Array;
  readonly device: Uint8Array;
  readonly source: Uint8Array;
  readonly firstTouch: Float64Array;
  /** Microseconds from which user_id is set (Infinity: never). */
  readonly loginFrom: Float64Array;
  readonly updateFrom: Float64Array;
}

export class ParquetShardWriter implements EventSink {
  /** Rows by the day of the shard they land in: today's and, for late uploads, tomorrow's. */
  private readonly rowsByShard = new Map<number, SimEvent[]>();

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    private readonly codes: UserCodes,
  ) {}

  static async open(startMs: number, seed: number, users: readonly UserProfile[]): Promise<ParquetShardWriter> {
    // Two threads and a memory cap: the machine is small and the work is one day at a time.
    const instance = await DuckDBInstance.create(':memory:', { threads: '2', memory_limit: '1500MB' });
    const connection = await instance.connect();
    await connection.run(`CREATE TABLE flat (${COLUMNS.map(([n, t]) => `${n} ${t.toString()}`).join(', ')})`);
    await connection.run(`CREATE MACRO sample_seed() AS ${sqlString(String(seed))}`);
    // Parsed once: the nested-column SQL is long, and every shard reuses it.
    await connection.run(`CREATE VIEW shard AS ${SHARD_SELECT}`);
    return new ParquetShardWriter(instance, connection, userCodes(users, startMs * 1000));
  }

  push(e: SimEvent): void {
    let rows = this.rowsByShard.get(e.shard);
    if (rows === undefined) {
      rows = [];
      this.rowsByShard.set(e.shard, rows);
    }
    rows.push(e);
  }

  /** Writes every row of shard `day` to `<outDir>/<fileName>`; returns the row count. */
  async writeShard(day: number, outDir: string, fileName: string): Promise<number> {
    const rows = this.rowsByShard.get(day) ?? [];
    this.rowsByShard.delete(day);
    // Stable sort: ties keep simulation order, so the result is the same on every run.
    rows.sort((a, b) => a.micros - b.micros);
    await this.append(rows);
    const finalPath = join(outDir, fileName);
    const tempPath = join(outDir, `.${fileName}.tmp`);
    try {
      await this.connection.run(`COPY shard TO ${sqlString(tempPath)} (FORMAT parquet, COMPRESSION zstd)`);
      await rename(tempPath, finalPath);
    } catch (error) {
      await rm(tempPath, { force: true });
      throw error;
    } finally {
      await this.connection.run('DELETE FROM flat');
    }
    return rows.length;
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }

  private async append(rows: readonly SimEvent[]): Promise<void> {
    if (rows.length === 0) return;
    const c = this.codes;
    const appender = await this.connection.createAppender('flat');
    for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
      const end = Math.min(rows.length, start + CHUNK_ROWS);
      const columns: DuckDBValue[][] = COLUMNS.map(() => new Array<DuckDBValue>(end - start));
      for (let r = start; r < end; r++) {
        const e = rows[r]!;
        const u = e.user;
        const i = r - start;
        columns[0]![i] = u;
        columns[1]![i] = e.micros;
        columns[2]![i] = e.ev;
        columns[3]![i] = e.sessionId;
        columns[4]![i] = e.sessionNumber;
        columns[5]![i] = e.engagementMsec;
        columns[6]![i] = e.level;
        columns[7]![i] = e.value;
        columns[8]![i] = e.item;
        columns[9]![i] = e.usd;
        columns[10]![i] = c.firstTouch[u] ?? null;
        columns[11]![i] = c.geo[u] ?? 0;
        columns[12]![i] = c.device[u] ?? 0;
        columns[13]![i] = c.source[u] ?? 0;
        columns[14]![i] = (e.micros >= (c.loginFrom[u] ?? Infinity) ? 1 : 0) | (e.micros >= (c.updateFrom[u] ?? 0) ? 2 : 0);
      }
      const chunk = DuckDBDataChunk.create(TYPES, end - start);
      chunk.setColumns(columns);
      appender.appendDataChunk(chunk);
    }
    appender.closeSync();
  }
}

/** One entry per (country, region, city). */
const GEO = COUNTRIES.flatMap((country) =>
  country.regions.flatMap((region) =>
    region.cities.map((city) => ({ continent: country.continent, country: country.name, region: region.name, city, currency: country.currency })),
  ),
);
/** One entry per (brand, category); Apple is the only iOS brand. */
const BRANDS = [...ANDROID_BRANDS, 'Apple'];
const DEVICES = BRANDS.flatMap((brand) =>
  (['mobile', 'tablet'] as const).map((category) => ({
    brand,
    category,
    platform: brand === 'Apple' ? 'IOS' : 'ANDROID',
    os: brand === 'Apple' ? 'iOS' : 'Android',
  })),
);
/** Channels in order, then what iOS organic installs look like. */
const SOURCES = [...CHANNELS.map((c) => ({ name: c.name, medium: c.medium, source: c.source })), IOS_ORGANIC];
const IOS_ORGANIC_SOURCE = CHANNELS.length;

function userCodes(users: readonly UserProfile[], startMicros: number): UserCodes {
  const geoIndex = new Map<string, number>();
  let g = 0;
  COUNTRIES.forEach((country, ci) =>
    country.regions.forEach((region, ri) => region.cities.forEach((_, ti) => geoIndex.set(`${ci}/${ri}/${ti}`, g++))),
  );
  const n = users.length;
  const codes: UserCodes = {
    geo: new Uint16Array(n),
    device: new Uint8Array(n),
    source: new Uint8Array(n),
    firstTouch: new Float64Array(n),
    loginFrom: new Float64Array(n),
    updateFrom: new Float64Array(n),
  };
  const dayStart = (day: number): number => startMicros + day * DAY_MICROS;
  for (const user of users) {
    const i = user.idx;
    codes.geo[i] = geoIndex.get(`${user.country}/${user.region}/${user.city}`) ?? 0;
    codes.device[i] = Math.max(0, BRANDS.indexOf(user.brand)) * 2 + (user.category === 'tablet' ? 1 : 0);
    const organicIos = CHANNELS[user.channel]?.key === 'organic' && user.platform === 'IOS';
    codes.source[i] = organicIos ? IOS_ORGANIC_SOURCE : user.channel;
    codes.firstTouch[i] = dayStart(user.installDay) + user.installMicros;
    codes.loginFrom[i] = user.loginDay >= 0 ? dayStart(user.loginDay) : Infinity;
    codes.updateFrom[i] = dayStart(user.updateDay);
  }
  return codes;
}

function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** `['a', 'b'][code + 1]`: a constant list looked up by a 0-based code. */
function lookup<T>(items: readonly T[], field: (item: T) => string, code: string): string {
  return `[${items.map((item) => sqlString(field(item))).join(', ')}][${code} + 1]`;
}

/** One event_params entry per value kind: GA4's value struct with the other fields NULL. */
const PARAM_VALUE = (s: string, i: string, d: string): string =>
  `{'string_value': ${s}::VARCHAR, 'int_value': ${i}::BIGINT, 'float_value': NULL::DOUBLE, 'double_value': ${d}::DOUBLE}`;
const P_STR = (key: string, v: string): string => `{'key': ${sqlString(key)}, 'value': ${PARAM_VALUE(v, 'NULL', 'NULL')}}`;
const P_INT = (key: string, v: string): string => `{'key': ${sqlString(key)}, 'value': ${PARAM_VALUE('NULL', v, 'NULL')}}`;
const P_DBL = (key: string, v: string): string => `{'key': ${sqlString(key)}, 'value': ${PARAM_VALUE('NULL', 'NULL', v)}}`;

const PRODUCT_ID = lookup([...IAP_PRODUCTS, SUBSCRIPTION], (p) => p.id, 'e.item');
const AD = (field: (u: (typeof AD_UNITS)[number]) => string): string => lookup(AD_UNITS, field, 'e.item');
const SESSION = [P_INT('ga_session_id', 'e.sid'), P_INT('ga_session_number', 'e.snum')];
const PURCHASE = [P_STR('product_id', PRODUCT_ID), P_DBL('value', 'e.val'), P_STR('currency', lookup(GEO, (x) => x.currency, 'e.geo'))];

/**
 * The params each event carries. The switch over EventName is exhaustive, so a new event cannot
 * be forgotten. Building only the entries an event needs is much cheaper in DuckDB than building
 * every entry and filtering out the NULLs.
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

/** The GA4 export columns, in GA4's order, from the flat row `e`. */
const SHARD_SELECT = `
SELECT
  strftime(make_timestamp(e.ts::BIGINT), '%Y%m%d') AS event_date,
  e.ts::BIGINT AS event_timestamp,
  ${lookup(EVENT_NAMES, (n) => n, 'e.ev')} AS event_name,
  ${EVENT_PARAMS} AS event_params,
  e.usd AS event_value_in_usd,
  CASE WHEN e.flags & 1 = 1 THEN 'acct_' || left(md5('acct:' || sample_seed() || ':' || e.u), 12) END AS user_id,
  md5('user:' || sample_seed() || ':' || e.u) AS user_pseudo_id,
  e.first_touch::BIGINT AS user_first_touch_timestamp,
  ${lookup(DEVICES, (d) => d.platform, 'e.device')} AS platform,
  {'category': ${lookup(DEVICES, (d) => d.category, 'e.device')},
   'operating_system': ${lookup(DEVICES, (d) => d.os, 'e.device')},
   'mobile_brand_name': ${lookup(DEVICES, (d) => d.brand, 'e.device')}} AS device,
  {'continent': ${lookup(GEO, (x) => x.continent, 'e.geo')},
   'country': ${lookup(GEO, (x) => x.country, 'e.geo')},
   'region': ${lookup(GEO, (x) => x.region, 'e.geo')},
   'city': ${lookup(GEO, (x) => x.city, 'e.geo')}} AS geo,
  {'name': ${lookup(SOURCES, (s) => s.name, 'e.source')},
   'medium': ${lookup(SOURCES, (s) => s.medium, 'e.source')},
   'source': ${lookup(SOURCES, (s) => s.source, 'e.source')}} AS traffic_source,
  {'id': ${sqlString(APP_ID)},
   'version': CASE WHEN e.flags & 2 = 2 THEN ${sqlString(APP_VERSION_NEW)} ELSE ${sqlString(APP_VERSION_OLD)} END} AS app_info
FROM flat e`;
