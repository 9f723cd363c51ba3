/**
 * The qa plugin's test kinds on the repo's own core models, built from a small source: the
 * cross-checks pass on honest tables and fail on tampered ones, and the benchmark warning names
 * the benchmark and its sources.
 */
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { appendFile } from 'node:fs/promises';
import { projectWithDefects as sourceWithDefects } from '../data-quality/source-with-defects.js';

/** The data-quality fixture, with the source checks off: these tests are about the QA kinds. */
async function projectWithDefects(): Promise<string> {
  const dir = await sourceWithDefects();
  await appendFile(join(dir, 'project.yml'), '\ndata-quality:\n  enabled: false\n');
  return dir;
}
import { queryDb, runResultsFile } from '../support/duckdb-project.js';
import { runCli } from '../support/temp-project.js';

const VARS = ['--vars', JSON.stringify({ events_path: 'events.parquet' })];
const DATABASE = 'target/dq.duckdb';
const QA_TESTS = [
  'sums_match__date_wise_new_logins_overall__new_users',
  'sums_match__date_wise_revenue__revenue',
  'equal_to_model__retention_by_cohort_date__cohort_users',
  'sums_match__retention_by_cohort_date__cohort_users',
  'within_benchmark__retention_by_cohort_date__retention_rate',
  'within_benchmark__retention_by_cohort_date__retention_rate__2',
];

async function qaStatuses(dir: string): Promise<Record<string, unknown>> {
  const { json } = await runResultsFile(dir);
  return Object.fromEntries(QA_TESTS.map((name) => [name, json.results.find((r) => r['name'] === name)?.['status']]));
}

let built: string | undefined;
async function builtProject(): Promise<string> {
  if (built !== undefined) return built;
  const dir = await projectWithDefects();
  const result = await runCli(dir, ['build', ...VARS]);
  assert.is(result.code, 0, result.stdout + result.stderr);
  built = dir;
  return dir;
}

test('on honest tables the cross-checks pass, and retention outside every published range warns naming the benchmark and its sources', async () => {
  const dir = await projectWithDefects();
  const result = await runCli(dir, ['build', ...VARS]);
  assert.is(result.code, 0, result.stdout + result.stderr);
  built = dir;
  assert.equal(await qaStatuses(dir), {
    sums_match__date_wise_new_logins_overall__new_users: 'pass',
    sums_match__date_wise_revenue__revenue: 'pass',
    equal_to_model__retention_by_cohort_date__cohort_users: 'pass',
    sums_match__retention_by_cohort_date__cohort_users: 'pass',
    within_benchmark__retention_by_cohort_date__retention_rate: 'warn',
    within_benchmark__retention_by_cohort_date__retention_rate__2: 'warn',
  });
  const lines = result.stdout.split('\n');
  const at = lines.findIndex((l) => l.includes('WARN   test  within_benchmark__retention_by_cohort_date__retention_rate ('));
  assert.equal(lines.slice(at + 1, at + 3), [
    '         failing rows (core/models/metrics/retention/retention.yml:27), first 1:',
    '           {"value":0.6666666666666666,"benchmark":"d1_retention","published_ranges":"GameAnalytics Mobile Gaming Benchmarks 2025 (2024 data): mobile games, bottom 25% to top 25% (all platforms) 10%-27.7%; GameAnalytics Mobile Gaming Benchmarks 2025 (2024 data): mobile games, top 25% by platform (Android to iOS) 25%-33%; GameAnalytics Mobile Benchmarks H1 2019 (2019 data): games, average to best 25%-35%"}',
  ]);
});

test('tampered tables fail the cross-checks with the rows that differ, and pdb test exits 1', async () => {
  const dir = await builtProject();
  await queryDb(dir, "update date_wise_new_logins_by_channel set new_users = new_users + 1 where event_date = date '2026-03-02'", DATABASE);
  await queryDb(dir, "update retention_by_cohort_date set cohort_users = cohort_users + 5 where cohort_date = date '2026-03-01' and day_n = 1", DATABASE);
  await queryDb(dir, "update date_wise_revenue_by_type set revenue = revenue * 1.001 where event_date = date '2026-03-02'", DATABASE);
  const result = await runCli(dir, ['test']);
  assert.is(result.code, 1, result.stdout + result.stderr);
  assert.equal(await qaStatuses(dir), {
    sums_match__date_wise_new_logins_overall__new_users: 'fail',
    sums_match__date_wise_revenue__revenue: 'fail',
    equal_to_model__retention_by_cohort_date__cohort_users: 'fail',
    sums_match__retention_by_cohort_date__cohort_users: 'fail',
    within_benchmark__retention_by_cohort_date__retention_rate: 'warn',
    within_benchmark__retention_by_cohort_date__retention_rate__2: 'warn',
  });
  const { json } = await runResultsFile(dir);
  const sample = (name: string): unknown => json.results.find((r) => r['name'] === name)?.['sample'];
  assert.equal(sample('sums_match__date_wise_new_logins_overall__new_users'), [{ event_date: '2026-03-02', new_users: 1, date_wise_new_logins_by_channel: 2, date_wise_new_logins_by_country: 1 }]);
  assert.equal(sample('sums_match__date_wise_revenue__revenue'), [{ event_date: '2026-03-02', revenue: 4.99, date_wise_revenue_by_type: 4.99499, date_wise_revenue_by_country: 4.99 }]);
  assert.equal(sample('equal_to_model__retention_by_cohort_date__cohort_users'), [{ cohort_date: '2026-03-01', cohort_users: 7, date_wise_new_logins_overall: 2 }]);
  assert.equal(sample('sums_match__retention_by_cohort_date__cohort_users'), [{ cohort_date: '2026-03-01', day_n: 1, cohort_users: 7, retention_by_funnel_step: 2 }]);
});

test('a revenue difference within the relative tolerance passes', async () => {
  const dir = await projectWithDefects();
  assert.is((await runCli(dir, ['build', ...VARS])).code, 0);
  await queryDb(dir, "update date_wise_revenue_by_type set revenue = revenue * (1 + 1e-9) where event_date = date '2026-03-02'", DATABASE);
  assert.is((await runCli(dir, ['test', '--select', 'date_wise_revenue'])).code, 0);
  assert.is((await qaStatuses(dir))['sums_match__date_wise_revenue__revenue'], 'pass');
});

test.run();
