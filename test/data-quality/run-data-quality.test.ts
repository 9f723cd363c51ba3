import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { dialectFor } from '../../src/adapters/dialects.js';
import { execute } from '../../src/api.js';
import { openAdapter } from '../../src/adapters/open-adapter.js';
import { dataQualityResults, dataQualitySummary, writeDataQualityFile } from '../../src/data-quality/data-quality-output.js';
import { runDataQuality, type DataQualityReport } from '../../src/data-quality/run-data-quality.js';
import { loadProject } from '../../src/project/load-project.js';
import { MAPPING, NOW, projectWithDefects, writeParquet, type RawEvent } from './source-with-defects.js';

const VARS = { events_path: 'events.parquet' };

async function report(dir: string, vars: Record<string, unknown> = VARS): Promise<{ report: DataQualityReport | undefined; project: Awaited<ReturnType<typeof loadProject>> }> {
  // The checks read the one-pass table: build it (past its own gate, which uses the real clock).
  await execute('run', { dir, env: {}, vars: { start_date: null, end_date: null, ...vars }, select: ['stg_events'], ignoreDataQuality: true });
  const project = await loadProject({ dir, env: {}, vars });
  const adapter = await openAdapter(project.target, project.dir);
  try {
    return { project, report: await runDataQuality(project, adapter, dialectFor('duckdb'), { now: NOW, relation: '"main"."stg_events"' }) };
  } finally {
    await adapter.close();
  }
}

const DEFAULTS = {
  null_user_or_time: { warn_above: 0.001, fail_above: 0.05 },
  duplicate_events: { warn_above: 0.005, fail_above: null },
  future_timestamps: { warn_above: null, fail_above: 0 },
  old_timestamps: { warn_above: 0, fail_above: null },
  gap_dates: { warn_above: 0, fail_above: null },
  unseen_event_names: { warn_above: 0, fail_above: null },
  negative_revenue: { warn_above: 0, fail_above: null },
  empty_window: { warn_above: null, fail_above: 0 },
};

test('every check counts the known defects of the source exactly, with the default thresholds', async () => {
  const dir = await projectWithDefects();
  const { report: r } = await report(dir);
  assert.equal(r, {
    rows: 28,
    window: { min_date: '2026-03-01', max_date: '2026-03-05' },
    checks: [
      { name: 'null_user_or_time', value: 3 / 28, threshold: DEFAULTS.null_user_or_time, status: 'fail', detail: '3 of 28 rows have no user_id or event_time and are dropped (10.71%)' },
      { name: 'duplicate_events', value: 3 / 25, threshold: DEFAULTS.duplicate_events, status: 'warn', detail: "3 of 25 rows repeat an earlier event's user_id, event_time and event_name (12.00%)" },
      { name: 'future_timestamps', value: 1, threshold: DEFAULTS.future_timestamps, status: 'fail', detail: '1 row has an event_time after now' },
      { name: 'old_timestamps', value: 1, threshold: DEFAULTS.old_timestamps, status: 'warn', detail: '1 row has an event_time more than 10 years ago' },
      { name: 'gap_dates', value: 1, threshold: DEFAULTS.gap_dates, status: 'warn', detail: '1 of 5 dates from 2026-03-01 to 2026-03-05 has no events' },
      { name: 'unseen_event_names', value: 2, threshold: DEFAULTS.unseen_event_names, status: 'warn', detail: 'mapped event names that never occur: ad_impression, level_complete' },
      { name: 'negative_revenue', value: 1, threshold: DEFAULTS.negative_revenue, status: 'warn', detail: '1 row has revenue below 0' },
      { name: 'empty_window', value: 0, threshold: DEFAULTS.empty_window, status: 'pass', detail: 'events from 2026-03-01 to 2026-03-05' },
    ],
  });
});

test('thresholds from project.yml turn warnings into failures and failures into passes', async () => {
  const projectYml = (await readFile(join(await projectWithDefects(), 'project.yml'), 'utf8')) + [
    'data-quality:',
    '  max_age_years: 30',
    '  null_user_or_time: { warn_above: 0.5, fail_above: null }',
    '  duplicate_events: { fail_above: 0.1 }',
    '  future_timestamps: { fail_above: 5 }',
    '  gap_dates: { warn_above: null, fail_above: 0 }',
    '',
  ].join('\n');
  const dir = await projectWithDefects({ 'project.yml': projectYml });
  const { report: r } = await report(dir);
  assert.equal(r?.checks.map((c) => [c.name, c.status, c.value]), [
    ['null_user_or_time', 'pass', 3 / 28],
    ['duplicate_events', 'fail', 3 / 25],
    ['future_timestamps', 'pass', 1],
    // 2001 is less than 30 years ago: the row is plausible, so its date opens the window.
    ['old_timestamps', 'pass', 0],
    ['gap_dates', 'fail', 9190],
    ['unseen_event_names', 'warn', 2],
    ['negative_revenue', 'warn', 1],
    ['empty_window', 'pass', 0],
  ]);
  assert.equal(r?.checks[1]?.threshold, { warn_above: 0.005, fail_above: 0.1 });
});

test('the start_date and end_date vars narrow the window the gap dates are counted in', async () => {
  const dir = await projectWithDefects();
  const { report: r } = await report(dir, { ...VARS, start_date: '2026-03-04', end_date: '2026-03-05' });
  assert.equal(r?.window, { min_date: '2026-03-04', max_date: '2026-03-05' });
  assert.equal(r?.checks.find((c) => c.name === 'gap_dates')?.detail, '0 of 2 dates from 2026-03-04 to 2026-03-05 have no events');
});

test('repeats are counted exactly when middle funnel steps collect the times of their events', async () => {
  // tutorial_complete is a middle step's one name: its list of times counts its distinct events;
  // level_start is in two middle steps and level_complete shares a step: both are fingerprinted.
  const funnel = [
    '    - { name: login, events: [session_start] }',
    '    - { name: tutorial, events: [tutorial_complete] }',
    '    - { name: started, events: [level_start] }',
    '    - { name: restarted, events: [level_start] }',
    '    - { name: ended, events: [level_complete, level_fail] }',
    '    - { name: iap, events: [in_app_purchase] }',
  ].join('\n');
  const mapping = MAPPING.replace("    - { name: login, events: [session_start] }\n    - { name: first_level, events: [level_complete] }", funnel);
  assert.ok(mapping.includes('restarted'));
  const at = (user: string | null, time: string | null, name: string): RawEvent => ({ user, time: time === null ? null : `2026-03-01T${time}Z`, name });
  const events = [
    at('u1', '10:00:00', 'session_start'),
    at('u1', '10:01:00', 'tutorial_complete'),
    at('u1', '10:01:00', 'tutorial_complete'), // repeat 1
    at('u1', '10:01:00', 'tutorial_complete'), // repeat 2
    at('u1', '10:02:00', 'tutorial_complete'),
    at('u1', '10:03:00', 'level_start'),
    at('u1', '10:03:00', 'level_start'), // repeat 3
    at('u1', '10:04:00', 'level_complete'),
    at('u1', '10:04:00', 'level_fail'),
    at('u1', '10:04:00', 'level_complete'), // repeat 4
    at('u1', '10:05:00', 'tutorial_complete'),
    at('u1', '10:05:00', 'session_start'),
    at('u2', '10:01:00', 'tutorial_complete'),
    { user: 'u1', time: '2026-03-02T10:01:00Z', name: 'tutorial_complete' },
    at('u1', null, 'tutorial_complete'),
    at('u1', null, 'tutorial_complete'),
  ];
  const dir = await projectWithDefects({ 'mapping.yml': mapping });
  await writeParquet(join(dir, 'events.parquet'), events);
  const { report: r } = await report(dir);
  assert.equal(r?.checks.find((c) => c.name === 'duplicate_events'), {
    name: 'duplicate_events',
    value: 4 / 14,
    threshold: DEFAULTS.duplicate_events,
    status: 'warn',
    detail: "4 of 14 rows repeat an earlier event's user_id, event_time and event_name (28.57%)",
  });
});

test('data-quality: { enabled: false } runs no scan', async () => {
  const dir = await projectWithDefects({ 'project.yml': 'name: t\nmapping: mapping.yml\ndata-quality: { enabled: false }\n' });
  assert.is((await report(dir)).report, undefined);
});

test('a mistake in the data-quality block is reported at its line in project.yml', async () => {
  const dir = await projectWithDefects({ 'project.yml': 'name: t\nmapping: mapping.yml\ndata-quality:\n  duplicate_event: { warn_above: 0.01 }\n  gap_dates: { warn_above: -1 }\n' });
  try {
    await report(dir);
    assert.unreachable('the block is wrong');
  } catch (error) {
    const errors = (error as { errors?: { code: string; message: string; location: unknown; hint: string }[] }).errors ?? [];
    assert.equal(errors.map((e) => ({ code: e.code, message: e.message, location: e.location, hint: e.hint })), [
      {
        code: 'E_DATA_QUALITY_KEY',
        message: "Unknown data-quality setting 'duplicate_event' in 'data-quality'. Did you mean 'duplicate_events'?",
        location: { file: 'project.yml', line: 4, column: 3 },
        hint: 'Allowed here: enabled, max_age_years, null_user_or_time, duplicate_events, future_timestamps, old_timestamps, gap_dates, unseen_event_names, negative_revenue, empty_window.',
      },
      {
        code: 'E_INVALID_VALUE',
        message: "Invalid value -1 for 'data-quality.gap_dates.warn_above': expected a number >= 0.",
        location: { file: 'project.yml', line: 5, column: 28 },
        hint: 'Change the value to a number >= 0.',
      },
    ]);
  }
});

test('the report is written to target/data_quality.json with stable keys, summarized in lines, and given as test results', async () => {
  const dir = await projectWithDefects();
  const { report: r, project } = await report(dir);
  const path = await writeDataQualityFile(project, r!);
  assert.is(path, 'target/data_quality.json');
  const json = JSON.parse(await readFile(join(dir, path), 'utf8')) as Record<string, unknown>;
  assert.equal(Object.keys(json), ['checks', 'metadata', 'rows', 'window']);
  assert.equal(json['metadata'], { project: 'pdb_example', schema_version: 'pdb.data_quality.v1', target: 'dev' });
  assert.equal((json['checks'] as Record<string, unknown>[])[2], { detail: '1 row has an event_time after now', name: 'future_timestamps', status: 'fail', threshold: { fail_above: 0, warn_above: null }, value: 1 });
  assert.equal(dataQualitySummary(r!), [
    'Data quality of the source (28 rows): 1 passed, 5 warned, 2 failed',
    '  FAIL null_user_or_time   3 of 28 rows have no user_id or event_time and are dropped (10.71%)',
    "  WARN duplicate_events    3 of 25 rows repeat an earlier event's user_id, event_time and event_name (12.00%)",
    '  FAIL future_timestamps   1 row has an event_time after now',
    '  WARN old_timestamps      1 row has an event_time more than 10 years ago',
    '  WARN gap_dates           1 of 5 dates from 2026-03-01 to 2026-03-05 has no events',
    '  WARN unseen_event_names  mapped event names that never occur: ad_impression, level_complete',
    '  WARN negative_revenue    1 row has revenue below 0',
    '  PASS empty_window        events from 2026-03-01 to 2026-03-05',
  ]);
  assert.equal(dataQualityResults(r!)[2], { id: 'test.data_quality.future_timestamps', kind: 'test', name: 'data_quality.future_timestamps', status: 'fail', seconds: 0, message: '1 row has an event_time after now' });
});

test.run();
