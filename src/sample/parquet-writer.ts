/**
 * Turns flat simulated rows into GA4-shaped daily Parquet shards with an in-memory DuckDB.
 * A day's rows are sorted by time, appended in data chunks to a flat table of numbers (user
 * attributes travel as small codes into constant lists, ids are md5 of (seed, user)), the nested
 * columns are built in SQL, and the day is COPYed into the work folder (sample-folder.ts), two
 * days at a time while the next day is simulated.
 *
 * No join and no ORDER BY in the COPY: a plain scan keeps insertion order (one DuckDB thread, and
 * DuckDB's default preserve_insertion_order), which keeps the output deterministic and fast.
 */

import {
  DOUBLE,
  DuckDBDataChunk,
  DuckDBInstance,
  INTEGER,
  type DuckDBConnection,
  type DuckDBType,
  type DuckDBVector,
} from '@duckdb/node-api';
import type { EventSink } from './day-simulation.js';
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
import { ShardRows } from './shard-rows.js';
import type { UserProfile } from './user-model.js';

const CHUNK_ROWS = 2048;
const DAY_MICROS = 86_400_000_000;

/**
 * The flat rows as DuckDB receives them: few columns, because each appended column costs time.
 * `x` is the one number an event carries (engagement msec, level, or the `value` param: no event
 * has two of them); `codes` packs the small codes (see CODE_BITS); USD prices follow from the item.
 */
const COLUMNS: readonly (readonly [string, DuckDBType])[] = [
  ['u', INTEGER],
  ['ts', DOUBLE],
  ['sid', DOUBLE],
  ['snum', INTEGER],
  ['x', DOUBLE],
  ['codes', INTEGER],
  ['first_touch', DOUBLE],
];
const TYPES = COLUMNS.map(([, t]) => t);
const FLAT_COLUMNS = COLUMNS.map(([n, t]) => `${n} ${t.toString()}`).join(', ');

/** Bit offset and width of each code in `codes`; flags bit 0: logged in, bit 1: new app version. */
const CODE_BITS = {
  ev: [0, 4],
  item: [4, 4],
  flags: [8, 2],
  device: [10, 4],
  source: [14, 3],
  geo: [17, 7],
} as const;
type Code = keyof typeof CODE_BITS;
const pack = (code: Code, value: number): number => value << CODE_BITS[code][0];
const unpack = (code: Code): string => `(codes >> ${CODE_BITS[code][0]}) & ${(1 << CODE_BITS[code][1]) - 1} AS ${code}`;

/** Per-user attributes as codes into the constant lists below, indexed by user idx. */
interface UserCodes {
  /** geo, device and source, packed. */
  readonly packed: Int32Array;
  readonly firstTouch: Float64Array;
  /** Microseconds from which user_id is set (Infinity: never). */
  readonly loginFrom: Float64Array;
  readonly updateFrom: Float64Array;
}

/**
 * COPYs in flight at once. DuckDB runs with one thread, so a query runs on the thread that issued
 * it and two COPYs on two connections use both cores; a multi-threaded COPY that keeps row order
 * spent about a fifth of its CPU time on worker threads waiting for each other.
 */
const PARALLEL_COPIES = 2;
/** Flat tables: one is staged while the others are written. */
const SLOTS = PARALLEL_COPIES + 1;

export class ParquetShardWriter implements EventSink {
  /** Rows by the day of the shard they land in: today's and, for late uploads, tomorrow's. */
  private readonly rowsByShard = new Map<number, ShardRows>();
  /** Buffers of shards already staged, reused: fresh typed arrays cost page faults. */
  private readonly spare: ShardRows[] = [];
  /** The shard last pushed to, so most pushes skip the map. */
  private lastShard = -1;
  private lastRows: ShardRows | undefined;
  /** Shards staged so far; shard k is staged in flat table k % SLOTS. */
  private staged = 0;
  /** The COPY in flight from each flat table, if any. */
  private readonly pending: (Promise<void> | undefined)[] = new Array<Promise<void> | undefined>(SLOTS).fill(undefined);

  private constructor(
    private readonly instance: DuckDBInstance,
    /** Appends rows (the JS thread). */
    private readonly loader: DuckDBConnection,
    /** One per flat table: runs its COPYs, concurrently with the loader and each other. */
    private readonly copiers: readonly DuckDBConnection[],
    private readonly codes: UserCodes,
  ) {}

  static async open(startMs: number, seed: number, users: readonly UserProfile[]): Promise<ParquetShardWriter> {
    // A memory cap: the machine is small and the work is a few days at a time. Blocks kept for
    // reuse: freeing and refaulting the COPY's buffers each day cost about a tenth of the CPU time.
    const instance = await DuckDBInstance.create(':memory:', { threads: '1', memory_limit: '1500MB', block_allocator_memory: '1GB' });
    const loader = await instance.connect();
    await loader.run(`CREATE MACRO sample_seed() AS ${sqlString(String(seed))}`);
    const copiers: DuckDBConnection[] = [];
    for (let b = 0; b < SLOTS; b++) {
      await loader.run(`CREATE TABLE flat${b} (${FLAT_COLUMNS})`);
      // Parsed once: the nested-column SQL is long, and every shard reuses it.
      await loader.run(`CREATE VIEW shard${b} AS ${shardSelect(`flat${b}`)}`);
      copiers.push(await instance.connect());
    }
    return new ParquetShardWriter(instance, loader, copiers, userCodes(users, startMs * 1000));
  }

  push(shard: number, user: number, micros: number, ev: number, sessionId: number, sessionNumber: number, x: number, item: number): void {
    let rows = this.lastRows;
    if (shard !== this.lastShard || rows === undefined) {
      rows = this.rowsByShard.get(shard);
      if (rows === undefined) {
        rows = this.spare.pop() ?? new ShardRows();
        this.rowsByShard.set(shard, rows);
      }
      this.lastShard = shard;
      this.lastRows = rows;
    }
    rows.push(user, micros, ev, sessionId, sessionNumber, x, item);
  }

  /**
   * Stages every row of shard `day` and starts writing it to `path` (Parquet); returns the row count
   * once staged. Shards must be written in day order. The write runs while the caller simulates
   * the next days; `drain()` waits for it. A failed write is thrown by a later `writeShard` or `drain`.
   */
  async writeShard(day: number, path: string): Promise<number> {
    const rows = this.rowsByShard.get(day) ?? new ShardRows();
    this.rowsByShard.delete(day);
    if (this.lastShard === day) this.lastRows = undefined;
    const b = this.staged++ % SLOTS;
    // The table is free once the COPY that last read it is done.
    await this.settle(b);
    await this.append(`flat${b}`, rows);
    const count = rows.length;
    rows.reset();
    this.spare.push(rows);
    // At most PARALLEL_COPIES in flight: wait for the oldest.
    await this.settle((b + 1) % SLOTS);
    const copier = this.copiers[b]!;
    const pending = (async () => {
      try {
        await copier.run(`COPY shard${b} TO ${sqlString(path)} (FORMAT parquet, COMPRESSION zstd)`);
      } finally {
        // A new empty table, not DELETE: deleted rows would stay behind and make every later append slower.
        await copier.run(`CREATE OR REPLACE TABLE flat${b} (${FLAT_COLUMNS})`);
      }
    })();
    // Handled by settle(); without this a failure would surface as an unhandled rejection first.
    pending.catch(() => undefined);
    this.pending[b] = pending;
    return count;
  }

  /** Waits for every shard being written; throws the first error. */
  async drain(): Promise<void> {
    const results = await Promise.allSettled(this.pending.splice(0, SLOTS, ...new Array<undefined>(SLOTS).fill(undefined)));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
  }

  /** Waits for any write still running (its error is dropped: the caller is failing already), then closes DuckDB. */
  async close(): Promise<void> {
    await Promise.allSettled(this.pending);
    for (const copier of this.copiers) copier.closeSync();
    this.loader.closeSync();
    this.instance.closeSync();
  }

  private async settle(b: number): Promise<void> {
    const pending = this.pending[b];
    this.pending[b] = undefined;
    await pending;
  }

  private async append(table: string, rows: ShardRows): Promise<void> {
    if (rows.length === 0) return;
    const c = this.codes;
    const order = rows.timeOrder();
    const { user, micros, sessionId, sessionNumber, x, ev, item } = rows;
    const appender = await this.loader.createAppender(table);
    for (let start = 0; start < order.length; start += CHUNK_ROWS) {
      const end = Math.min(order.length, start + CHUNK_ROWS);
      const chunk = DuckDBDataChunk.create(TYPES, end - start);
      // Typed writes straight into the chunk's vectors, and no NULLs (absent fields are -1 and
      // only read for events that carry them): setting validity bits is what makes appends slow.
      const v = COLUMNS.map((_, i) => chunk.getColumnVector(i));
      const [u_, ts, sid, snum, x_, codes, first] = v as [DuckDBVector, DuckDBVector, DuckDBVector, DuckDBVector, DuckDBVector, DuckDBVector, DuckDBVector];
      for (let r = start; r < end; r++) {
        const k = order[r]!;
        const u = user[k]!;
        const t = micros[k]!;
        const i = r - start;
        const flags = (t >= c.loginFrom[u]! ? 1 : 0) | (t >= c.updateFrom[u]! ? 2 : 0);
        u_.setItem(i, u);
        ts.setItem(i, t);
        sid.setItem(i, sessionId[k]!);
        snum.setItem(i, sessionNumber[k]!);
        x_.setItem(i, x[k]!);
        codes.setItem(i, c.packed[u]! | pack('ev', ev[k]!) | pack('item', item[k]!) | pack('flags', flags));
        first.setItem(i, c.firstTouch[u]!);
      }
      for (const vector of v) vector.flush();
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

// A world that outgrows a code's bits would silently write wrong rows: refuse it at load.
for (const [code, size] of [['ev', EVENT_NAMES.length], ['item', Math.max(IAP_PRODUCTS.length + 1, AD_UNITS.length)], ['device', DEVICES.length], ['source', SOURCES.length], ['geo', GEO.length]] as const) {
  if (size > 1 << CODE_BITS[code][1]) throw new Error(`sample world: ${size} ${code} codes do not fit in ${CODE_BITS[code][1]} bits`);
}

function userCodes(users: readonly UserProfile[], startMicros: number): UserCodes {
  const geoIndex = new Map<string, number>();
  let g = 0;
  COUNTRIES.forEach((country, ci) =>
    country.regions.forEach((region, ri) => region.cities.forEach((_, ti) => geoIndex.set(`${ci}/${ri}/${ti}`, g++))),
  );
  const n = users.length;
  const codes: UserCodes = {
    packed: new Int32Array(n),
    firstTouch: new Float64Array(n),
    loginFrom: new Float64Array(n),
    updateFrom: new Float64Array(n),
  };
  const dayStart = (day: number): number => startMicros + day * DAY_MICROS;
  for (const user of users) {
    const i = user.idx;
    const geo = geoIndex.get(`${user.country}/${user.region}/${user.city}`) ?? 0;
    const device = Math.max(0, BRANDS.indexOf(user.brand)) * 2 + (user.category === 'tablet' ? 1 : 0);
    const organicIos = CHANNELS[user.channel]?.key === 'organic' && user.platform === 'IOS';
    codes.packed[i] = pack('geo', geo) | pack('device', device) | pack('source', organicIos ? IOS_ORGANIC_SOURCE : user.channel);
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
/** The events whose `event_value_in_usd` is the USD price of their product. */
const PRICED: readonly EventName[] = ['in_app_purchase', 'subscription_start', 'subscription_renew'];
const PRODUCT_USD = `[${[...IAP_PRODUCTS, SUBSCRIPTION].map((p) => `${sqlString(String(p.usd))}::DOUBLE`).join(', ')}][e.item + 1]`;
const AD = (field: (u: (typeof AD_UNITS)[number]) => string): string => lookup(AD_UNITS, field, 'e.item');
const SESSION = [P_INT('ga_session_id', 'e.sid'), P_INT('ga_session_number', 'e.snum')];
const PURCHASE = [P_STR('product_id', PRODUCT_ID), P_DBL('value', 'e.x'), P_STR('currency', lookup(GEO, (x) => x.currency, 'e.geo'))];

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
      return [...SESSION, P_INT('engagement_time_msec', 'e.x')];
    case 'level_start':
    case 'level_complete':
    case 'level_fail':
      return [...SESSION, P_STR('level_name', "'level_' || e.x::BIGINT"), P_INT('level', 'e.x')];
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
        P_DBL('value', 'e.x'),
        P_STR('currency', "'USD'"),
      ];
  }
}

const EVENT_PARAMS = `CASE e.ev ${EVENT_NAMES.map((name) => `WHEN ${EV[name]} THEN [${paramsOf(name).join(', ')}]`).join(' ')} END`;

/** The GA4 export columns, in GA4's order, from the flat rows of `table`. */
const shardSelect = (table: string): string => `
SELECT
  strftime(make_timestamp(e.ts::BIGINT), '%Y%m%d') AS event_date,
  e.ts::BIGINT AS event_timestamp,
  ${lookup(EVENT_NAMES, (n) => n, 'e.ev')} AS event_name,
  ${EVENT_PARAMS} AS event_params,
  CASE WHEN e.ev IN (${PRICED.map((name) => EV[name]).join(', ')}) THEN ${PRODUCT_USD} END AS event_value_in_usd,
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
FROM (SELECT u, ts, sid, snum, x, first_touch, ${(Object.keys(CODE_BITS) as Code[]).map(unpack).join(', ')} FROM ${table}) e`;
