/**
 * The days N of retention are the vars retention_days and funnel_retention_days: with other lists
 * than the defaults, both retention models report exactly those days (and equal the reference
 * computed with them), int_user_funnel (incremental) is rebuilt in full with a returned_day_N
 * column for each, the data tests follow the vars, and the report and insights use only those days.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkInvariants, compareMetricTables, computeCoreMetrics, type CanonicalEvent, type MetricRoles } from '../reference/index.js';
import { readCoreTables, withEventsTable } from '../support/canonical-events.js';
import { queryDb, runResultsFile } from '../support/duckdb-project.js';
import { GAME_ROLES, mappingYaml } from '../support/metric-mapping.js';
import { copyRepoProject, runCli, writeFiles } from '../support/temp-project.js';
import { fixtureEvents } from './fixture-events.js';

const DATABASE = 'target/t.duckdb';
const dayOf = (timeUs: number): string => new Date(timeUs / 1000).toISOString().slice(0, 10);

/** The events as GA4-style daily shards (so int_user_funnel is incremental); untimed rows in the first. */
async function projectOnShards(events: readonly CanonicalEvent[]): Promise<string> {
  const dir = await copyRepoProject();
  await writeFiles(dir, {
    'mapping.yml': mappingYaml(GAME_ROLES, false),
    'profiles.yml': `target: dev\ntargets:\n  dev: { type: duckdb, path: ${DATABASE}, schema: main, threads: 2 }\n`,
  });
  const days = [...new Set(events.flatMap((e) => (e.event_time_us === null ? [] : [dayOf(e.event_time_us)])))].sort();
  await mkdir(join(dir, 'data'), { recursive: true });
  for (const day of days) {
    const shard = events.filter((e) => (e.event_time_us === null ? day === days[0] : dayOf(e.event_time_us) === day));
    await withEventsTable(shard, async (connection) => {
      await connection.run(`copy events to '${dir}/data/events_${day.replaceAll('-', '')}.parquet' (format parquet)`);
    });
  }
  return dir;
}

const build = async (dir: string, vars: object = {}): Promise<void> => {
  const result = await runCli(dir, ['build', '--vars', JSON.stringify({ events_path: 'data/events_*.parquet', ...vars })]);
  assert.is(result.code, 0, result.stdout + result.stderr);
};

const dayNs = async (dir: string, model: string): Promise<number[]> =>
  (await queryDb(dir, `select distinct day_n from main.${model} order by day_n`, DATABASE)).map((r) => Number(r['day_n']));

test('other retention days: the models report exactly them, equal to the reference; int_user_funnel is rebuilt in full', async () => {
  const events = fixtureEvents({ seed: 13, users: 300, days: 35, countries: ['US', 'DE', 'BR'], emptyDay: 10 });
  const dir = await projectOnShards(events);
  await build(dir);
  assert.equal(await dayNs(dir, 'retention_by_cohort_date'), [1, 2, 3, 4, 5, 6, 7, 14, 30], 'the defaults');
  assert.equal(await dayNs(dir, 'retention_by_funnel_step'), [1, 2, 3, 7]);
  // A mark on every user's row, which a build that merged only the recent users would keep.
  await queryDb(dir, 'update main.int_user_funnel set last_step = -1', DATABASE);

  const retentionDays = [1, 3, 20, 90];
  const funnelRetentionDays = [1, 20];
  await build(dir, { retention_days: retentionDays, funnel_retention_days: funnelRetentionDays });
  assert.equal(await queryDb(dir, 'select count(*) as n from main.int_user_funnel where last_step = -1', DATABASE), [{ n: '0' }], 'rebuilt in full');
  const columns = await queryDb(dir, "select column_name from information_schema.columns where table_name = 'int_user_funnel' and column_name like 'returned_day_%' order by ordinal_position", DATABASE);
  assert.equal(columns.map((c) => c['column_name']), ['returned_day_1', 'returned_day_3', 'returned_day_20', 'returned_day_90']);
  // Day 90 is never observable in 35 days: no row, never a zero.
  assert.equal(await dayNs(dir, 'retention_by_cohort_date'), [1, 3, 20]);
  assert.equal(await dayNs(dir, 'retention_by_funnel_step'), [1, 20]);

  const roles: MetricRoles = { ...GAME_ROLES, retentionDays, funnelRetentionDays };
  const actual = await readCoreTables(join(dir, DATABASE));
  const differences = compareMetricTables(computeCoreMetrics(events, roles) as unknown as Record<string, unknown[]>, actual);
  assert.equal(differences, [], differences.slice(0, 20).join('\n'));
  assert.equal(checkInvariants(actual, { funnelRetentionDays }), []);

  // The data tests follow the vars (accepted day_n values, the split by funnel step on its days).
  const results = (await runResultsFile(dir)).json.results;
  const status = (name: string): unknown => results.find((r) => r['name'] === name)?.['status'];
  assert.is(status('accepted_values__retention_by_cohort_date__day_n'), 'pass');
  assert.is(status('accepted_values__retention_by_funnel_step__day_n'), 'pass');
  assert.is(status('sums_match__retention_by_cohort_date__cohort_users'), 'pass');
  // The report has a column for each day; insights read only the returned_day_N columns there are (D1, not D7 or D30).
  const hooks = results.filter((r) => r['kind'] === 'hook');
  assert.ok(hooks.length >= 2 && hooks.every((r) => r['status'] !== 'error'), JSON.stringify(hooks));
  const html = await readFile(join(dir, 'target/report/index.html'), 'utf8');
  for (const day of retentionDays) assert.ok(html.includes(`<th scope="col">D${day}</th>`), `the report's D${day} column`);
  assert.not.ok(html.includes('<th scope="col">D7</th>'), 'no D7 column');
  const insights = JSON.parse(await readFile(join(dir, 'target/insights/insights.json'), 'utf8')) as { findings: { metric: string }[] };
  assert.not.ok(insights.findings.some((f) => /^retention_d(7|30)$/.test(f.metric)), 'no finding on a day the build lacks');
});

test.run();
