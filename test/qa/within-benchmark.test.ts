/** within_benchmark on its own: the SQL it writes, run on DuckDB, and a project's own benchmarks file. */
import { DuckDBInstance } from '@duckdb/node-api';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { dialectInfo } from '../../src/plugins/dialect-info.js';
import { dialectFor } from '../../src/adapters/dialects.js';
import { withinBenchmark } from '../../core/plugins/qa/within-benchmark.js';
import { benchmarksFor, readShippedBenchmarks } from '../../core/plugins/qa/benchmarks.js';

const OWN_FILE = [
  'benchmarks:',
  '  d1_retention:',
  '    definition: on day 1',
  '    ranges:',
  '      - { label: our games, min: 0.3, max: 0.5, source: Our studio, year: 2025 }',
  '',
].join('\n');

async function failing(sql: string): Promise<unknown[]> {
  const db = await DuckDBInstance.create(':memory:');
  const connection = await db.connect();
  await connection.run('create table r as select cohort_date, day_n, cast(retention_rate as double) as retention_rate, cohort_users from (values (date \'2026-03-01\', 1, 0.2, 10), (date \'2026-03-02\', 1, 0.4, 30), (date \'2026-03-01\', 7, 0.05, 10)) as t(cohort_date, day_n, retention_rate, cohort_users)');
  const rows = (await connection.runAndReadAll(sql)).getRowObjectsJson();
  connection.closeSync();
  db.closeSync();
  return rows;
}

const context = (args: Record<string, unknown>, extra: object = {}) => ({
  relation: 'r',
  column: 'retention_rate',
  args,
  dialect: dialectInfo(dialectFor('duckdb')),
  relationOf: () => undefined,
  config: {},
  readProjectFile: (path: string): string => {
    throw new Error(`no project file ${path}`);
  },
  product: { category: 'mobile_game' as const },
  ...extra,
});

test('per row: only the cohorts outside (0.4 is above 35%; 0.2 is inside 10%-27.7%) every published range fail, naming the benchmark and its sources', async () => {
  const rows = await failing(withinBenchmark.sql(context({ benchmark: 'd1_retention', filter: 'day_n = 1' })));
  assert.equal(rows, [{
    cohort_date: '2026-03-02', day_n: 1, retention_rate: 0.4, cohort_users: 30, value: 0.4, benchmark: 'd1_retention',
    published_ranges: 'GameAnalytics Mobile Gaming Benchmarks 2025 (2024 data): mobile games, bottom 25% to top 25% (all platforms) 10%-27.7%; GameAnalytics Mobile Gaming Benchmarks 2025 (2024 data): mobile games, top 25% by platform (Android to iOS) 25%-33%; GameAnalytics Mobile Benchmarks H1 2019 (2019 data): games, average to best 25%-35%',
  }]);
});

test('weighted: the average over cohorts (0.35) is checked as one value', async () => {
  assert.equal(await failing(withinBenchmark.sql(context({ benchmark: 'd1_retention', filter: 'day_n = 1', weight: 'cohort_users' }))), []);
  const rows = await failing(withinBenchmark.sql(context({ benchmark: 'd7_retention', filter: 'day_n = 7', weight: 'cohort_users' })));
  assert.equal(rows, []);
});

test("with the plugin's config in the context, the project's own benchmarks file is read", async () => {
  const read: string[] = [];
  const extra = { config: { benchmarks: 'my_benchmarks.yml' }, readProjectFile: (path: string) => (read.push(path), OWN_FILE) };
  const rows = await failing(withinBenchmark.sql(context({ benchmark: 'd1_retention', filter: 'day_n = 1' }, extra)));
  assert.equal(read, ['my_benchmarks.yml']);
  assert.equal(rows.map((r) => (r as Record<string, unknown>)['published_ranges']), ['Our studio (2025 data): our games 30%-50%']);
});

test('a benchmark with single figures only, and a range without its source, are argument errors', () => {
  assert.throws(() => withinBenchmark.sql(context({ benchmark: 'payer_conversion' })), (e: Error) => e.message === "benchmark 'payer_conversion' publishes no ranges (only single figures), so there is nothing to test against.");
  const noSource = OWN_FILE.replace(', source: Our studio', '');
  assert.throws(
    () => withinBenchmark.sql(context({ benchmark: 'd1_retention' }, { config: { benchmarks: 'b.yml' }, readProjectFile: () => noSource })),
    (e: Error) => e.message === "b.yml: benchmark 'd1_retention' range 1 needs min, max, source and year.",
  );
});

test('only the ranges of the product category apply: never a game range for an app, a website or a subscription', async () => {
  // consumer_app has no published D1 range (only the Adjust median, a figure): nothing is compared, nothing fails.
  assert.equal(await failing(withinBenchmark.sql(context({ benchmark: 'd1_retention', filter: 'day_n = 1' }, { product: { category: 'consumer_app' } }))), []);
  for (const category of ['web_saas', 'subscription']) {
    assert.equal(await failing(withinBenchmark.sql(context({ benchmark: 'd7_retention', filter: 'day_n = 7' }, { product: { category } }))), [], category);
  }
  // D30: the all-apps range (AppsFlyer 2022) applies to a consumer app, and the game figure does not.
  const sql = withinBenchmark.sql(context({ benchmark: 'd30_retention', filter: 'day_n = 1' }, { product: { category: 'consumer_app' } }));
  assert.ok(sql.includes('AppsFlyer (2022 data): all apps, Android to iOS 2.6%-4.3%'), sql);
  assert.not.ok(sql.includes('GameAnalytics'), sql);
  const game = withinBenchmark.sql(context({ benchmark: 'd1_retention' }, { product: { category: 'mobile_game' } }));
  assert.ok(game.includes('GameAnalytics'), game);
});

test('without a product category no shipped range applies, and one row says how to set it', async () => {
  const rows = await failing(withinBenchmark.sql(context({ benchmark: 'd1_retention', filter: 'day_n = 1' }, { product: {} })));
  assert.equal(rows, [{ benchmark: 'd1_retention', not_compared: 'project.yml names no product category, so no published D1 retention range applies (ranges exist for: mobile_game); set product: { category: ... }' }]);
});

test("a project's own ranges without a category apply to any product", async () => {
  const extra = { config: { benchmarks: 'own.yml' }, readProjectFile: () => OWN_FILE, product: {} };
  const rows = await failing(withinBenchmark.sql(context({ benchmark: 'd1_retention', filter: 'day_n = 1' }, extra)));
  assert.equal(rows.map((r) => (r as Record<string, unknown>)['value']), [0.2]);
});

test('benchmarksFor (used by qa and insights): every shipped range carries its category, and only that category gets it', () => {
  const shipped = readShippedBenchmarks();
  const ranges = (category: string | undefined): string[] => [...benchmarksFor(shipped, category)].flatMap(([name, b]) => b.ranges.map((r) => `${name}: ${r.source}`));
  assert.ok([...shipped.values()].every((b) => b.ranges.every((r) => r.category !== undefined)), 'a shipped range without a category');
  assert.equal(ranges(undefined), []);
  assert.equal(ranges('web_saas'), []);
  assert.equal(ranges('subscription'), []);
  assert.equal(ranges('consumer_app'), ['d30_retention: AppsFlyer']);
  assert.ok(ranges('mobile_game').every((r) => !r.includes('AppsFlyer')), ranges('mobile_game').join('; '));
  assert.ok(ranges('mobile_game').length >= 5);
});

test.run();
