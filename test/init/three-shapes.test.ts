/**
 * Issue 11's "done when": for events in three shapes written here (a flat CSV export, a nested
 * NDJSON log, a date-partitioned Parquet folder), `pdb init --source ...` then `pdb build` give
 * the ten core metrics with no hand edit, equal to the reference implementation (test/reference).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { CORE_MODEL_NAMES, checkInvariants, compareMetricTables, computeCoreMetrics, type CanonicalEvent, type MetricRoles } from '../reference/index.js';
import { fixtureEvents } from '../metrics/fixture-events.js';
import { readCoreTables, withEventsTable } from '../support/canonical-events.js';
import { runCli, tempProject } from '../support/temp-project.js';

/** Times rounded to whole milliseconds: the NDJSON shape carries epoch milliseconds. */
const EVENTS: CanonicalEvent[] = fixtureEvents({ seed: 21, users: 300, days: 30, countries: ['US', 'DE', 'BR', 'IN'], emptyDay: 11 }).map((e) => ({
  ...e,
  event_time_us: e.event_time_us === null ? null : Math.floor(e.event_time_us / 1000) * 1000,
}));

/** The events as a DuckDB table `events` (canonical columns), then `copy` writes them in a shape. */
async function writeShape(copySql: (dir: string) => string, dir: string): Promise<void> {
  await withEventsTable(EVENTS, async (connection) => {
    await connection.run(copySql(dir));
  });
}

interface Shape {
  readonly name: string;
  /** What `--source` is given. */
  readonly source: string;
  readonly write: (dir: string) => string;
  /** The columns inference must map (mapping.yml `columns:`), so the canonical events are exactly EVENTS. */
  readonly columns: Readonly<Record<string, string>>;
}

const SHAPES: readonly Shape[] = [
  {
    // A Segment-style flat export: ISO timestamps, a decoy low-cardinality id, UTM columns.
    name: 'a flat CSV export with ISO timestamps',
    source: 'export/events.csv',
    write: (dir) => `copy (
        select user_id as anonymous_id, event_name as event,
               strftime(make_timestamp(ts_us), '%Y-%m-%dT%H:%M:%S.%gZ') as "timestamp",
               case when ts_us % 2 = 0 then 'ios' else 'android' end as platform,
               country as context_country, region as context_region, channel as utm_source, revenue
        from events order by ts_us nulls last, user_id nulls first, event_name)
      to '${dir}/export/events.csv' (header)`,
    columns: { user_id: "nullif(anonymous_id, '')", event_name: 'event', country: 'context_country', region: 'context_region', channel: 'utm_source', revenue: 'revenue' },
  },
  {
    // An Amplitude-style log: one JSON object a line, epoch milliseconds, nested location.
    name: 'an NDJSON log with epoch milliseconds and nested location',
    source: 'logs/events.ndjson',
    write: (dir) => `copy (
        select user_id as device_id, event_name as event_type, ts_us // 1000 as client_ts,
               {'country': country, 'region': region} as location, channel as utm_source, revenue as price
        from events order by ts_us nulls last, user_id nulls first, event_name)
      to '${dir}/logs/events.ndjson' (format json)`,
    columns: { user_id: "nullif(device_id, '')", event_name: 'event_type', country: 'location.country', region: 'location.region', channel: 'utm_source', revenue: 'price' },
  },
  {
    // A GA4-like export in a folder of date partitions (dt=YYYY-MM-DD/*.parquet), microsecond times.
    name: 'a folder of date-partitioned Parquet files with epoch microseconds',
    source: 'lake/events',
    write: (dir) => `copy (
        select user_id as user_pseudo_id, event_name, ts_us as event_timestamp,
               {'country': country, 'region': region} as geo, {'source': channel} as traffic_source,
               revenue as event_value_in_usd, coalesce(strftime(make_timestamp(ts_us), '%Y-%m-%d'), 'unknown') as dt
        from events)
      to '${dir}/lake/events' (format parquet, partition_by (dt))`,
    columns: { user_id: "nullif(user_pseudo_id, '')", event_name: 'event_name', country: 'geo.country', region: 'geo.region', channel: 'traffic_source.source', revenue: 'event_value_in_usd' },
  },
];

interface MappingFile {
  timezone: string;
  geo_level: 'auto' | 'country' | 'region';
  columns: Record<string, string>;
  events: { activity: 'all' | string[]; new_user: string[]; funnel: { name: string; events: string[] }[]; revenue_types: { iap?: string[]; ads?: string[]; subscription?: string[] } };
}

/** The roles the written mapping declares: the reference computes the metrics the same mapping asks for. */
function rolesOf(mapping: MappingFile): MetricRoles {
  const types = mapping.events.revenue_types;
  return {
    timezone: mapping.timezone,
    activityEvents: mapping.events.activity,
    newUserEvents: mapping.events.new_user,
    funnel: mapping.events.funnel,
    revenueTypes: { iap: types.iap ?? [], ads: types.ads ?? [], subscription: types.subscription ?? [] },
    geoLevel: mapping.geo_level,
  };
}

for (const shape of SHAPES) {
  test(`pdb init --source then pdb build, no hand edit: ${shape.name}`, async () => {
    const dir = await tempProject({ 'export/.keep': '', 'logs/.keep': '', 'lake/.keep': '' });
    await writeShape(shape.write, dir);

    const init = await runCli(dir, ['init', 'shop', '--source', shape.source]);
    assert.is(init.code, 0, init.stderr);
    assert.match(init.stdout, /\nNext:\n {2}cd shop && pdb build\n$/);
    const mapping = parse(await readFile(join(dir, 'shop', 'mapping.yml'), 'utf8')) as MappingFile;
    const { event_time: eventTime, ...columns } = mapping.columns;
    assert.equal(columns, shape.columns, `inference mapped the columns of ${shape.source} differently`);
    assert.ok(eventTime !== undefined, 'event_time is mapped');
    assert.ok(mapping.events.funnel.length > 0, 'a funnel was proposed');

    const build = await runCli(join(dir, 'shop'), ['build']);
    assert.is(build.code, 0, `pdb build failed:\n${build.stdout}\n${build.stderr}`);
    const actual = await readCoreTables(join(dir, 'shop', 'target', 'pdb.duckdb'));
    const expected = computeCoreMetrics(EVENTS, rolesOf(mapping));
    const differences = compareMetricTables(expected as unknown as Record<string, unknown[]>, actual);
    assert.equal(differences, [], differences.slice(0, 20).join('\n'));
    assert.equal(checkInvariants(actual), []);
    for (const name of CORE_MODEL_NAMES) assert.ok((actual[name] ?? []).length > 0, `${name} has rows`);
  });
}

test('pdb init refuses to overwrite a project (exit 2, nothing written) unless --force', async () => {
  const dir = await tempProject({ 'shop/project.yml': 'name: mine\n', 'export/.keep': '' });
  await writeShape(SHAPES[0]!.write, dir);
  const refused = await runCli(dir, ['init', 'shop', '--source', SHAPES[0]!.source]);
  assert.is(refused.code, 2);
  assert.is(refused.stderr.split('\n')[0], "project.yml: error E_INIT_EXISTS: project.yml already exists; pdb init never overwrites a project's files.");
  assert.is(await readFile(join(dir, 'shop', 'project.yml'), 'utf8'), 'name: mine\n');
  const forced = await runCli(dir, ['init', 'shop', '--source', SHAPES[0]!.source, '--force']);
  assert.is(forced.code, 0, forced.stderr);
  assert.match(await readFile(join(dir, 'shop', 'project.yml'), 'utf8'), /^name: shop$/m);
});

test.run();
