/**
 * The core models build incrementally by day: after a new day's shard arrives (with a late event
 * of an earlier day and a row without a time), a build recomputes only the recent dates, reads only
 * the recent shards, and leaves every table equal, row for row, to a --full-refresh build.
 */
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { withIncrementalSince } from '../../src/compile/incremental-since.js';
import { compareMetricTables, computeCoreMetrics, type CanonicalEvent } from '../reference/index.js';
import { readCoreTables, withEventsTable } from '../support/canonical-events.js';
import { queryDb, runResultsFile } from '../support/duckdb-project.js';
import { GAME_ROLES, mappingYaml } from '../support/metric-mapping.js';
import { copyRepoProject, runCli, writeFiles } from '../support/temp-project.js';
import { fixtureEvents } from '../metrics/fixture-events.js';

const DAY_US = 86_400_000_000;
const HOUR_US = 3_600_000_000;

const dayOf = (timeUs: number): string => new Date(timeUs / 1000).toISOString().slice(0, 10);

/** An event at 20:00 UTC of `day`: the same date in the fixture's time zone (Los Angeles). */
const at = (user: string, day: string, name: string, facts: Partial<CanonicalEvent> = {}): CanonicalEvent => ({
  user_id: user, event_time_us: Date.parse(`${day}T20:00:00Z`) * 1000, event_name: name, country: null, region: null, channel: null, revenue: null, revenue_type: null, ...facts,
});
const fileOf = (day: string): string => `data/events_${day.replaceAll('-', '')}.parquet`;

/** One GA4-style shard per UTC day; rows without a time go to the shard named by `untimedDay`. */
async function writeShards(dir: string, shards: ReadonlyMap<string, readonly CanonicalEvent[]>, file = fileOf): Promise<void> {
  await mkdir(join(dir, 'data'), { recursive: true });
  for (const [day, events] of shards) {
    await withEventsTable(events, async (connection) => {
      await connection.run(`copy events to '${dir}/${file(day)}' (format parquet)`);
    });
  }
}

async function projectOnShards(): Promise<string> {
  const dir = await copyRepoProject();
  await writeFiles(dir, {
    'mapping.yml': mappingYaml(GAME_ROLES, false),
    'profiles.yml': 'target: dev\ntargets:\n  dev: { type: duckdb, path: target/t.duckdb, schema: main, threads: 2 }\n',
  });
  return dir;
}

function shardsOf(events: readonly CanonicalEvent[], untimedDay: string): Map<string, CanonicalEvent[]> {
  const shards = new Map<string, CanonicalEvent[]>();
  for (const event of events) {
    const day = event.event_time_us === null ? untimedDay : dayOf(event.event_time_us);
    shards.set(day, [...(shards.get(day) ?? []), event]);
  }
  return shards;
}

/** Every table and view of the build, each sorted, as JSON values. */
async function snapshot(dir: string): Promise<Record<string, unknown[]>> {
  const names = await queryDb(dir, "select table_name from information_schema.tables where table_schema = 'main' order by table_name");
  const tables: Record<string, unknown[]> = {};
  for (const { table_name: name } of names) tables[String(name)] = await queryDb(dir, `select * from main."${String(name)}" order by all`);
  return tables;
}

/** Where two sorted tables differ; doubles may differ in the last bits (summation order), as in test/reference. */
function differences(actual: readonly unknown[], expected: readonly unknown[]): string[] {
  if (actual.length !== expected.length) return [`${actual.length} rows, expected ${expected.length}`];
  const close = (a: unknown, e: unknown): boolean =>
    typeof a === 'number' && typeof e === 'number' ? Math.abs(a - e) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(e)) : JSON.stringify(a) === JSON.stringify(e);
  return expected.flatMap((row, i) => {
    const other = actual[i] as Record<string, unknown>;
    const keys = Object.keys(row as object);
    const same = keys.length === Object.keys(other).length && keys.every((k) => close(other[k], (row as Record<string, unknown>)[k]));
    return same ? [] : [`row ${i}: ${JSON.stringify(other)}, expected ${JSON.stringify(row)}`];
  });
}

test('one new day with a late event and an untimed row: recent shards only, every table equal to a full refresh', async () => {
  const events = fixtureEvents({ seed: 21, users: 300, days: 20, countries: ['US', 'DE', 'BR'], emptyDay: 8 });
  const days = [...new Set(events.flatMap((e) => (e.event_time_us === null ? [] : [dayOf(e.event_time_us)])))].sort();
  const firstDay = days[0]!;
  const lastDay = days.at(-1)!;
  const before = shardsOf(events.filter((e) => e.event_time_us === null || dayOf(e.event_time_us) !== lastDay), firstDay);
  const lastDayUs = Date.parse(`${lastDay}T00:00:00Z`) * 1000;
  // A device with a wrong clock: an event dated months after its shard (before today, so no
  // data-quality check stops the build). It must not keep the new day from being read.
  const dayBefore = days.at(-2)!;
  before.get(dayBefore)!.push({ user_id: 'u_clock', event_time_us: Date.parse('2026-06-01T10:00:00Z') * 1000, event_name: 'session_start', country: 'US', region: 'Texas', channel: null, revenue: null, revenue_type: null });
  // Users whose rows of every day-keyed model change with the new shard, and what a model that
  // recomputed only the new days (or only the users of the new days) would miss.
  const lateDay = dayOf(lastDayUs - 2 * DAY_US);
  const attrCohort = dayOf(lastDayUs - 16 * DAY_US);
  // An old cohort's user with no channel or country yet, who paid on their first day.
  before.get(attrCohort)!.push(at('u_attr', attrCohort, 'first_open'), at('u_attr', attrCohort, 'in_app_purchase', { revenue: 4.99 }));
  // A new user of yesterday, whose first_open of the day before arrives late: the cohort moves.
  before.get(dayBefore)!.push(at('u_move', dayBefore, 'first_open', { country: 'DE', region: 'Berlin' }));
  // A user of an old day and of yesterday, whose yesterday is taken back (the shard is rewritten).
  before.get(days[2]!)!.push(at('u_gone', days[2]!, 'session_start'));
  before.get(dayBefore)!.push(at('u_gone', dayBefore, 'first_open', { country: 'BR', region: 'Sao Paulo', channel: 'paid' }));
  const arriving: CanonicalEvent[] = [
    ...events.filter((e) => e.event_time_us !== null && dayOf(e.event_time_us) === lastDay),
    // Late: an event of two days ago, in the new day's shard.
    { user_id: 'u_late', event_time_us: lastDayUs - 2 * DAY_US + 12 * HOUR_US, event_name: 'ad_impression', country: 'US', region: 'Texas', channel: null, revenue: 0.25, revenue_type: null },
    { user_id: 'u_untimed_new', event_time_us: null, event_name: 'session_start', country: null, region: null, channel: null, revenue: null, revenue_type: null },
    // Late too: u_attr's first channel and country (their cohort's by-channel and by-geo counts
    // and first-day revenue by geo change) and a return 14 days after their cohort date.
    at('u_attr', lateDay, 'session_start', { country: 'DE', region: 'Berlin', channel: 'paid' }),
    at('u_move', lateDay, 'first_open'),
  ];

  const dir = await projectOnShards();
  await writeShards(dir, before);
  const vars = ['--vars', JSON.stringify({ events_path: 'data/events_*.parquet' })];
  const first = await runCli(dir, ['build', ...vars]);
  assert.is(first.code, 0, first.stdout + first.stderr);

  // The new day arrives, and yesterday's shard is rewritten (inside the lookback).
  const rewritten = before.get(dayBefore)!.filter((e) => e.user_id !== 'u_gone');
  await writeShards(dir, new Map([[lastDay, arriving], [dayBefore, rewritten]]));
  const incremental = await runCli(dir, ['build', ...vars]);
  assert.is(incremental.code, 0, incremental.stdout + incremental.stderr);
  assert.equal(
    await queryDb(dir, "select user_id, strftime(cohort_date, '%Y-%m-%d') as cohort, channel, country from main.int_users where user_id in ('u_attr', 'u_move', 'u_gone') order by user_id"),
    [
      { user_id: 'u_attr', cohort: attrCohort, channel: 'paid', country: 'DE' },
      { user_id: 'u_gone', cohort: null, channel: 'unknown', country: 'unknown' },
      { user_id: 'u_move', cohort: lateDay, channel: 'unknown', country: 'DE' },
    ],
    'the users whose attributes the new shard changes',
  );
  const late = await queryDb(dir, "select strftime(event_date, '%Y-%m-%d') as day, events from main.stg_events where user_id = 'u_late'");
  assert.equal(late, [{ day: dayOf(lastDayUs - 2 * DAY_US), events: '1' }], 'the late event is in its day');
  assert.equal(
    await queryDb(dir, `select count(*) as n from main.stg_events where event_date = date '${lastDay}'`),
    await queryDb(dir, `select count(distinct user_id) as n from main.stg_events where event_date = date '${lastDay}' and last_shard_date >= date '${lastDay}'`),
  );
  assert.ok(Number((await queryDb(dir, `select count(*) as n from main.stg_events where last_shard_date = date '${lastDay}'`))[0]!['n']) > 0, 'the new shard was read');
  const afterIncremental = await snapshot(dir);
  const stage = (await runResultsFile(dir)).json.results.find((r) => r['id'] === 'stage.stg_events');
  assert.equal(stage?.['increment'], { newRows: Number((await queryDb(dir, `select count(*) as n from main.stg_events where partition_date >= date '${dayOf(lastDayUs - 4 * DAY_US)}' or partition_date is null`))[0]!['n']), since: dayOf(lastDayUs - 4 * DAY_US) }, 'the new day and the three before it');
  assert.match(incremental.stdout, `stage stg_events (incremental, recomputed from ${dayOf(lastDayUs - 4 * DAY_US)}, `);
  const steps = (await runResultsFile(dir)).json.results.map((r) => String(r['id']));
  assert.ok(steps.includes('stage.stg_events') && steps.some((id) => id.startsWith('test.data_quality.')), 'the recomputed rows were staged and checked before the merge');
  const qualityAfterIncremental = await readFile(join(dir, 'target/data_quality.json'), 'utf8');

  const full = await runCli(dir, ['build', '--full-refresh', ...vars]);
  assert.is(full.code, 0, full.stdout + full.stderr);
  const afterFull = await snapshot(dir);
  assert.is(qualityAfterIncremental, await readFile(join(dir, 'target/data_quality.json'), 'utf8'), 'the data-quality checks saw the whole table');
  assert.equal(Object.keys(afterIncremental), Object.keys(afterFull));
  for (const name of Object.keys(afterFull)) assert.equal(differences(afterIncremental[name]!, afterFull[name]!), [], `${name} equals the full refresh`);
  assert.ok((afterFull['stg_events'] ?? []).some((row) => (row as { user_id: unknown }).user_id === 'u_untimed_new'), 'the new untimed row is kept');
});

test('files with no date in their names (or eight digits that are no date) are read whole, and their rows replaced on every build', async () => {
  const events = fixtureEvents({ seed: 5, users: 120, days: 12, countries: ['US', 'DE'], emptyDay: 4 }).filter((e) => e.event_time_us !== null);
  const half = (first: boolean): CanonicalEvent[] => events.filter((e) => (dayOf(e.event_time_us!) < '2026-03-07') === first);
  // Named as BigQuery's EXPORT DATA and Spark name files: digits, but no date.
  const names: Record<string, string> = { a: 'data/events-000000000000.parquet', b: 'data/part-00001-c000.parquet', c: 'data/part-00002-c000.parquet' };
  const dir = await projectOnShards();
  await writeShards(dir, new Map([['a', half(true)], ['b', half(false)]]), (key) => names[key]!);
  const vars = ['--vars', JSON.stringify({ events_path: 'data/*.parquet' })];
  const first = await runCli(dir, ['build', ...vars]);
  assert.is(first.code, 0, first.stdout + first.stderr);
  assert.equal(await queryDb(dir, 'select sum(events) as n from main.stg_events'), [{ n: String(events.length) }], 'every file is read');
  // The first file is rewritten with a third of its users, and a file arrives.
  await writeShards(dir, new Map([['a', half(true).filter((e) => Number(e.user_id?.slice(1) ?? 0) % 3 === 0)], ['c', half(false).slice(0, 5)]]), (key) => names[key]!);
  const incremental = await runCli(dir, ['build', ...vars]);
  assert.is(incremental.code, 0, incremental.stdout + incremental.stderr);
  const afterIncremental = await snapshot(dir);
  const full = await runCli(dir, ['build', '--full-refresh', ...vars]);
  assert.is(full.code, 0, full.stdout + full.stderr);
  const afterFull = await snapshot(dir);
  for (const name of Object.keys(afterFull)) assert.equal(differences(afterIncremental[name]!, afterFull[name]!), [], `${name} equals the full refresh`);
});

test('daily shards and a file with no date in one glob: each user and day is one row, the metrics equal the reference, and a new day equals a full refresh', async () => {
  const events = fixtureEvents({ seed: 13, users: 150, days: 12, countries: ['US', 'DE'], emptyDay: 6 });
  const days = [...new Set(events.flatMap((e) => (e.event_time_us === null ? [] : [dayOf(e.event_time_us)])))].sort();
  const lastDay = days.at(-1)!;
  // Every fourth event is in an export with no date in its name, on the same users and days as the shards.
  const undated = (i: number): boolean => i % 4 === 0;
  const shardEvents = (upTo: string): CanonicalEvent[] => events.filter((e, i) => !undated(i) && (e.event_time_us === null || dayOf(e.event_time_us) <= upTo));
  const extra = events.filter((e, i) => undated(i) && (e.event_time_us === null || dayOf(e.event_time_us) < lastDay));
  const fileName = (key: string): string => (key === 'extra' ? 'data/events_extra.parquet' : fileOf(key));
  const dir = await projectOnShards();
  await writeShards(dir, new Map([...shardsOf(shardEvents(days.at(-2)!), days[0]!), ['extra', extra]]), fileName);
  const vars = ['--vars', JSON.stringify({ events_path: 'data/events_*.parquet' })];
  const database = join(dir, 'target/t.duckdb');
  const twice = 'select count(*) as n from (select user_id, event_date from main.stg_events where event_date is not null group by all having count(*) > 1)';
  const expectReference = async (built: readonly CanonicalEvent[], when: string): Promise<void> => {
    assert.equal(await queryDb(dir, twice), [{ n: '0' }], `${when}: no user and day in two rows of stg_events`);
    const differ = compareMetricTables(computeCoreMetrics(built, GAME_ROLES) as unknown as Record<string, unknown[]>, await readCoreTables(database));
    assert.equal(differ, [], `${when}: ${differ.slice(0, 10).join('\n')}`);
  };

  const first = await runCli(dir, ['build', ...vars]);
  assert.is(first.code, 0, first.stdout + first.stderr);
  await expectReference([...shardEvents(days.at(-2)!), ...extra], 'first build');

  // The new day's shard arrives, and the undated export gains an event of the first day.
  const added: CanonicalEvent = { user_id: 'u_extra', event_time_us: Date.parse(`${days[0]}T18:00:00Z`) * 1000, event_name: 'first_open', country: 'DE', region: 'Berlin', channel: 'organic', revenue: null, revenue_type: null };
  await writeShards(dir, new Map([...shardsOf(shardEvents(lastDay).filter((e) => e.event_time_us !== null && dayOf(e.event_time_us) === lastDay), lastDay), ['extra', [...extra, added]]]), fileName);
  const incremental = await runCli(dir, ['build', ...vars]);
  assert.is(incremental.code, 0, incremental.stdout + incremental.stderr);
  await expectReference([...shardEvents(lastDay), ...extra, added], 'after the new day');
  const afterIncremental = await snapshot(dir);
  const full = await runCli(dir, ['build', '--full-refresh', ...vars]);
  assert.is(full.code, 0, full.stdout + full.stderr);
  const afterFull = await snapshot(dir);
  for (const name of Object.keys(afterFull)) assert.equal(differences(afterIncremental[name]!, afterFull[name]!), [], `${name} equals the full refresh`);
});

test("GA4's intraday shards: left out by default; with include_intraday, read for the days after the newest daily shard only, and replaced when that day's daily shard arrives", async () => {
  const events = fixtureEvents({ seed: 17, users: 120, days: 10, countries: ['US', 'DE'], emptyDay: 5 }).filter((e) => e.event_time_us !== null);
  const days = [...new Set(events.map((e) => dayOf(e.event_time_us!)))].sort();
  const [lastDay, dayBefore] = [days.at(-1)!, days.at(-2)!];
  const upTo = (day: string): CanonicalEvent[] => events.filter((e) => dayOf(e.event_time_us!) <= day);
  const onDay = (day: string): CanonicalEvent[] => events.filter((e) => dayOf(e.event_time_us!) === day);
  const intraday = (day: string): string => `data/events_intraday_${day.replaceAll('-', '')}.parquet`;
  const dir = await projectOnShards();
  // Daily shards up to the day before; that day's intraday shard is still there (the same events
  // again), and the last day has only its intraday shard so far.
  await writeShards(dir, shardsOf(upTo(dayBefore), days[0]!));
  await writeShards(dir, new Map([[dayBefore, onDay(dayBefore)], [lastDay, onDay(lastDay)]]), intraday);
  const database = join(dir, 'target/t.duckdb');
  const build = async (includeIntraday: boolean, expected: readonly CanonicalEvent[], when: string, extra: string[] = []): Promise<void> => {
    const result = await runCli(dir, ['build', ...extra, '--vars', JSON.stringify({ events_path: 'data/events_*.parquet', include_intraday: includeIntraday })]);
    assert.is(result.code, 0, result.stdout + result.stderr);
    assert.equal(await queryDb(dir, 'select sum(events) as n, sum(distinct_events) as d from main.stg_events'), [{ n: String(expected.length), d: String(expected.length) }], `${when}: each event read once`);
    const differ = compareMetricTables(computeCoreMetrics(expected, GAME_ROLES) as unknown as Record<string, unknown[]>, await readCoreTables(database));
    assert.equal(differ, [], `${when}: ${differ.slice(0, 10).join('\n')}`);
  };
  await build(false, upTo(dayBefore), 'by default');
  await build(true, upTo(lastDay), 'with include_intraday');

  // The last day's daily shard arrives and GA4 deletes its intraday shard.
  await writeShards(dir, new Map([[lastDay, onDay(lastDay)]]));
  await rm(join(dir, intraday(lastDay)));
  await build(true, upTo(lastDay), 'after the daily shard replaced the intraday one');
  const afterIncremental = await snapshot(dir);
  await build(true, upTo(lastDay), 'full refresh', ['--full-refresh']);
  const afterFull = await snapshot(dir);
  for (const name of Object.keys(afterFull)) assert.equal(differences(afterIncremental[name]!, afterFull[name]!), [], `${name} equals the full refresh`);
});

test('a new shard with an event later than the lookback (with revenue, for a user of an old cohort): every date is recomputed, and the tables equal a full refresh', async () => {
  const events = fixtureEvents({ seed: 23, users: 150, days: 14, countries: ['US', 'DE'], emptyDay: 6 }).filter((e) => e.event_time_us !== null);
  const days = [...new Set(events.map((e) => dayOf(e.event_time_us!)))].sort();
  const lastDay = days.at(-1)!;
  const dir = await projectOnShards();
  await writeShards(dir, shardsOf(events.filter((e) => dayOf(e.event_time_us!) !== lastDay), days[0]!));
  const vars = ['--vars', JSON.stringify({ events_path: 'data/events_*.parquet' })];
  const first = await runCli(dir, ['build', ...vars]);
  assert.is(first.code, 0, first.stdout + first.stderr);
  // Ten days late (the lookback is 3): a user's purchase and a new user's whole first day.
  const oldDay = days.at(-11)!;
  const veryLate = [
    at(String(events.find((e) => dayOf(e.event_time_us!) === days[1])!.user_id), oldDay, 'in_app_purchase', { revenue: 9.99 }),
    at('u_very_late', oldDay, 'first_open', { country: 'DE', region: 'Berlin', channel: 'paid' }),
    at('u_very_late', oldDay, 'session_start', { country: 'DE', region: 'Berlin', channel: 'paid' }),
  ];
  await writeShards(dir, new Map([[lastDay, [...events.filter((e) => dayOf(e.event_time_us!) === lastDay), ...veryLate]]]));
  const incremental = await runCli(dir, ['build', ...vars]);
  assert.is(incremental.code, 0, incremental.stdout + incremental.stderr);
  assert.match(incremental.stdout, 'stage stg_events (incremental, every date recomputed: a new row is older than the lookback, ');
  assert.equal(await queryDb(dir, "select strftime(cohort_date, '%Y-%m-%d') as cohort, channel from main.int_users where user_id = 'u_very_late'"), [{ cohort: oldDay, channel: 'paid' }]);
  const afterIncremental = await snapshot(dir);
  const full = await runCli(dir, ['build', '--full-refresh', ...vars]);
  assert.is(full.code, 0, full.stdout + full.stderr);
  const afterFull = await snapshot(dir);
  for (const name of Object.keys(afterFull)) assert.equal(differences(afterIncremental[name]!, afterFull[name]!), [], `${name} equals the full refresh`);
});

test('a shard older than the lookback rewritten, a missing day filled in late, a shard removed: the incremental models are rebuilt in full, equal to a full refresh', async () => {
  const events = fixtureEvents({ seed: 31, users: 150, days: 14, countries: ['US', 'DE'], emptyDay: 5 }).filter((e) => e.event_time_us !== null);
  const days = [...new Set(events.map((e) => dayOf(e.event_time_us!)))].sort();
  const byDay = shardsOf(events, days[0]!);
  const dir = await projectOnShards();
  // The fifth day's shard is missing at first (its export came late), and the last day is yet to come.
  const gap = days[4]!;
  const lastDay = days.at(-1)!;
  await writeShards(dir, new Map([...byDay].filter(([day]) => day !== gap && day !== lastDay)));
  const vars = ['--vars', JSON.stringify({ events_path: 'data/events_*.parquet' })];
  const build = async (args: readonly string[] = []): Promise<string> => {
    const run = await runCli(dir, ['build', ...args, ...vars]);
    assert.is(run.code, 0, run.stdout + run.stderr);
    return run.stdout;
  };
  const equalsFullRefresh = async (when: string): Promise<void> => {
    const afterIncremental = await snapshot(dir);
    await build(['--full-refresh']);
    const afterFull = await snapshot(dir);
    for (const name of Object.keys(afterFull)) assert.equal(differences(afterIncremental[name]!, afterFull[name]!), [], `${when}: ${name} equals the full refresh`);
  };
  await build();

  // The first day's shard is rewritten with a new user: no window of recent days reads it again.
  const unseen = at('u_unseen', days[0]!, 'first_open', { country: 'US', region: 'Texas', channel: 'organic' });
  await writeShards(dir, new Map([[days[0]!, [...byDay.get(days[0]!)!, unseen]]]));
  const rewritten = await build();
  assert.match(rewritten, `stage stg_events (incremental, rebuilt in full: ${fileOf(days[0]!)} changed, older than the 3-day lookback, `);
  for (const model of ['int_user_revenue_days', 'int_user_attributes', 'int_user_funnel']) assert.match(rewritten, `model ${model} (incremental, rebuilt in full: stg_events is rebuilt in full, `);
  assert.equal(await queryDb(dir, "select strftime(cohort_date, '%Y-%m-%d') as cohort from main.int_users where user_id = 'u_unseen'"), [{ cohort: days[0]! }], 'the rewritten shard was read');
  await equalsFullRefresh('an old shard rewritten');

  // A new day is incremental again: the rebuild recorded the shards it read.
  await writeShards(dir, new Map([[lastDay, byDay.get(lastDay)!]]));
  assert.match(await build(), 'stage stg_events (incremental, recomputed from ');

  const fromSecondShard = `select count(*) as n from main.stg_events where last_shard_date = date '${days[1]!}'`;
  assert.ok(Number((await queryDb(dir, fromSecondShard))[0]!['n']) > 0, 'rows come from the second shard alone before it is removed');
  // The missing day arrives, and the second day's shard is taken away.
  await writeShards(dir, new Map([[gap, byDay.get(gap)!]]));
  await rm(join(dir, fileOf(days[1]!)));
  const filled = await build();
  assert.match(filled, `stage stg_events (incremental, rebuilt in full: ${fileOf(days[1]!)} was removed (and 1 more), older than the 3-day lookback, `);
  assert.equal(await queryDb(dir, fromSecondShard), [{ n: '0' }], 'the removed shard is gone');
  assert.ok(Number((await queryDb(dir, `select count(*) as n from main.stg_events where event_date = date '${gap}'`))[0]!['n']) > 0, 'the missing day is in');
  await equalsFullRefresh('a day filled in and one removed');
});

test("the one pass reads only the rows of the shards it needs (DuckDB's scan, not a filter after it): from incremental_since(), start_date and end_date, without intraday shards", async () => {
  const events = fixtureEvents({ seed: 29, users: 80, days: 10, countries: ['US'], emptyDay: 4 }).filter((e) => e.event_time_us !== null);
  const days = [...new Set(events.map((e) => dayOf(e.event_time_us!)))].sort();
  const dir = await projectOnShards();
  await writeShards(dir, shardsOf(events, days[0]!));
  await writeShards(dir, new Map([[days.at(-1)!, events.filter((e) => dayOf(e.event_time_us!) === days.at(-1))]]), (day) => `data/events_intraday_${day.replaceAll('-', '')}.parquet`);
  const inShards = (from: string, to = '9999-12-31'): number => events.filter((e) => dayOf(e.event_time_us!) >= from && dayOf(e.event_time_us!) <= to).length;
  /** The rows DuckDB's Parquet scan gives out when stg_events runs with incremental_since() at `since`. */
  const scanned = async (since: string, vars: Record<string, string> = {}): Promise<number> => {
    const compiled = await runCli(dir, ['compile', '--vars', JSON.stringify({ events_path: join(dir, 'data/events_*.parquet'), ...vars })]);
    assert.is(compiled.code, 0, compiled.stdout + compiled.stderr);
    const sql = withIncrementalSince(await readFile(join(dir, 'target/compiled/dev/core/models/staging/stg_events.sql'), 'utf8'), `date '${since}'`);
    const plan = (await queryDb(dir, `explain analyze ${sql}`)).map((r) => Object.values(r).join('\n')).join('\n');
    const scan = plan.slice(plan.indexOf('READ_PARQUET'));
    return Number(/([\d,]+) rows/.exec(scan)?.[1]?.replaceAll(',', ''));
  };
  const since = days[5]!;
  const dayBefore = (day: string): string => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  assert.is(await scanned(since), inShards(dayBefore(since)), 'the shards from the day before incremental_since()');
  assert.is(await scanned('0001-01-02', { start_date: days[3]!, end_date: days[6]! }), inShards(dayBefore(days[3]!), days.at(-1)!), 'start_date, and end_date with its three days of late events');
  assert.is(await scanned(since, { start_date: days[3]!, end_date: days[6]! }), inShards(dayBefore(since), days.at(-1)!), 'the later of incremental_since() and start_date');
});

test('a downstream incremental table keeps its older rows, and is rebuilt in full when a model upstream of it changes', async () => {
  const events = fixtureEvents({ seed: 8, users: 150, days: 12, countries: ['US', 'DE'], emptyDay: 5 }).filter((e) => e.event_time_us !== null);
  const days = [...new Set(events.map((e) => dayOf(e.event_time_us!)))].sort();
  const lastDay = days.at(-1)!;
  const dir = await projectOnShards();
  await writeShards(dir, shardsOf(events.filter((e) => dayOf(e.event_time_us!) !== lastDay), days[0]!));
  const vars = (extra: object = {}): string[] => ['--vars', JSON.stringify({ events_path: 'data/events_*.parquet', ...extra })];
  const first = await runCli(dir, ['build', ...vars()]);
  assert.is(first.code, 0, first.stdout + first.stderr);
  // A mark on the oldest day's revenue rows, which no build over the new day recomputes.
  const marked = `select count(*) as n from main.int_user_revenue_days where revenue = -1 and event_date = date '${days[0]}'`;
  await queryDb(dir, `update main.int_user_revenue_days set revenue = -1 where event_date = date '${days[0]}'`);
  const before = Number((await queryDb(dir, marked))[0]!['n']);
  assert.ok(before > 0, 'the oldest day has revenue rows');

  await writeShards(dir, shardsOf(events.filter((e) => dayOf(e.event_time_us!) === lastDay), lastDay));
  const newDay = await runCli(dir, ['build', ...vars()]);
  assert.is(newDay.code, 0, newDay.stdout + newDay.stderr);
  assert.equal(await queryDb(dir, marked), [{ n: String(before) }], 'the new day left the old rows of int_user_revenue_days as they were');
  assert.ok(Number((await queryDb(dir, `select count(*) as n from main.int_user_revenue_days where event_date = date '${lastDay}'`))[0]!['n']) > 0, 'the new day was added');

  // Another end_date changes int_user_days (a view upstream), not int_user_revenue_days' own SQL.
  const edited = await runCli(dir, ['build', ...vars({ end_date: days.at(-2) })]);
  assert.is(edited.code, 0, edited.stdout + edited.stderr);
  assert.equal(await queryDb(dir, marked), [{ n: '0' }], 'rebuilt in full after its upstream changed');
  const afterEdit = await snapshot(dir);
  const full = await runCli(dir, ['build', '--full-refresh', ...vars({ end_date: days.at(-2) })]);
  assert.is(full.code, 0, full.stdout + full.stderr);
  const afterFull = await snapshot(dir);
  for (const name of Object.keys(afterFull)) assert.equal(differences(afterEdit[name]!, afterFull[name]!), [], `${name} equals the full refresh`);
});

test.run();
