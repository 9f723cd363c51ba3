/**
 * The data-quality gate (issue 8): a check that fails at error level stops the build before any
 * table is replaced. The one pass over the source is staged under a temporary name, checked, and
 * only then swapped in; a failed check leaves every previous table as it was and says how to go on.
 */
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { queryDb, relations, runResultsFile } from '../support/duckdb-project.js';
import { execute } from '../../src/api.js';
import { CHECK_NAMES } from '../../src/data-quality/thresholds.js';
import { runCli, writeFiles } from '../support/temp-project.js';
import { defectiveEvents, MAPPING, projectWithDefects, writeParquet, type RawEvent } from './source-with-defects.js';

const DATABASE = 'target/dq.duckdb';
const VARS = ['--vars', '{"events_path": "events.parquet"}'];
/** The 20 clean events of the fixture (a gap date and a negative revenue: warnings only). */
const CLEAN = defectiveEvents().slice(0, 20);

/** A project built once from the clean events; returns its DAU table as built. */
async function builtFromCleanSource(): Promise<{ dir: string; dau: Record<string, unknown>[]; tables: string[] }> {
  const dir = await projectWithDefects();
  await writeParquet(join(dir, 'events.parquet'), CLEAN);
  const first = await runCli(dir, ['build', ...VARS]);
  assert.is(first.code, 0, first.stdout + first.stderr);
  const dau = await queryDb(dir, 'select * from main.date_wise_dau order by event_date', DATABASE);
  assert.is(dau.length, 5);
  return { dir, dau, tables: await relations(dir, DATABASE) };
}

const allInFuture = (events: readonly RawEvent[]): RawEvent[] => events.map((e) => ({ ...e, time: e.time === null ? null : e.time.replace(/^2026-03/, '2031-03') }));
const allWithoutTime = (events: readonly RawEvent[]): RawEvent[] => events.map((e) => ({ ...e, time: null }));

const CASES: { name: string; events: RawEvent[]; failed: string[] }[] = [
  { name: 'an empty source (0 rows)', events: [], failed: ['empty_window'] },
  { name: 'a source whose times are all null', events: allWithoutTime(CLEAN), failed: ['null_user_or_time', 'empty_window'] },
  { name: 'a source whose timestamps are all in the future', events: allInFuture(CLEAN), failed: ['future_timestamps', 'empty_window'] },
];

for (const { name, events, failed } of CASES) {
  test(`${name} stops the build before any table is replaced, and says why and how to override`, async () => {
    const { dir, dau, tables } = await builtFromCleanSource();
    await writeParquet(join(dir, 'events.parquet'), events);
    const result = await runCli(dir, ['build', ...VARS]);
    assert.is(result.code, 1, result.stdout + result.stderr);
    for (const check of failed) assert.match(result.stdout, `FAIL ${check}`);
    assert.match(result.stdout, `Stopped before replacing any table: ${failed.length === 1 ? 'a data-quality check' : `${failed.length} data-quality checks`} failed at error level (${failed.join(', ')}). The previous tables stay as they were;`);
    assert.match(result.stdout, `To build anyway: fix the source, raise the threshold in project.yml (data-quality: { ${failed[0]}: { fail_above: ... } }), or run again with --ignore-data-quality.`);
    // Every table is the one of the clean build; nothing staged is left behind.
    assert.equal(await relations(dir, DATABASE), tables);
    assert.equal(await queryDb(dir, 'select * from main.date_wise_dau order by event_date', DATABASE), dau);
    const results = (await runResultsFile(dir)).json.results;
    for (const check of failed) assert.is(results.find((r) => r.name === `data_quality.${check}`)?.status, 'fail');
    assert.equal(results.filter((r) => r.kind === 'model').map((r) => `${String(r.name)} ${String(r.status)}`).filter((line) => !line.endsWith(' skipped')), []);
  });
}

test('--ignore-data-quality builds anyway, reporting the failed check', async () => {
  const { dir } = await builtFromCleanSource();
  await writeParquet(join(dir, 'events.parquet'), allInFuture(CLEAN));
  const result = await runCli(dir, ['build', ...VARS, '--ignore-data-quality']);
  assert.is(result.code, 1, result.stdout + result.stderr);
  assert.match(result.stdout, 'FAIL future_timestamps');
  assert.not.match(result.stdout, 'Stopped before replacing any table');
  // The tables now hold the future dates.
  const dates = await queryDb(dir, 'select min(event_date)::varchar as first from main.date_wise_dau', DATABASE);
  assert.equal(dates, [{ first: '2031-03-01' }]);
});

test('Ctrl-C during the one pass stops it: the staged scan and the checks are cancelled, the previous tables intact', async () => {
  const { dir, dau, tables } = await builtFromCleanSource();
  // An event name that takes seconds to compute: the pass is still running when Ctrl-C comes.
  const mapping = MAPPING.replace('  event_name: event_name', '  event_name: "case when (select count(*) from range(1000000000) a, range(10) b) > 0 then event_name end"');
  await writeFiles(dir, { 'mapping.yml': mapping });
  const abort = new AbortController();
  const started = performance.now();
  const outcome = await execute('build', {
    dir,
    env: {},
    vars: { events_path: 'events.parquet' },
    signal: abort.signal,
    onStart: (step) => {
      if (step.kind === 'stage') setTimeout(() => abort.abort(), 300);
    },
  });
  assert.ok(performance.now() - started < 20_000, 'the scan stopped long before it would have ended');
  assert.is(outcome.run.cancelled, true);
  assert.equal(outcome.run.results.filter((r) => r.kind === 'stage' || r.name.startsWith('data_quality.')).map((r) => `${r.name} ${r.status}`), [
    'stg_events cancelled',
    ...CHECK_NAMES.map((name) => `data_quality.${name} cancelled`),
  ]);
  assert.equal(await relations(dir, DATABASE), tables);
  assert.equal(await queryDb(dir, 'select * from main.date_wise_dau order by event_date', DATABASE), dau);
});

test.run();
