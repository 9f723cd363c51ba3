import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli } from '../support/temp-project.js';
import { ALL_MODELS, duckdb, modelStatuses, projectWithSource, readText, runInfer, successes } from './infer-harness.js';

// One row per user per active day, dates only, no event names, no revenue.
const USER_DAYS = `copy (
  select 'u' || i as user_id, cast(date '2026-03-01' + cast(day as integer) as date) as activity_date, ['US', 'DE', 'IN', 'BR'][1 + i % 4] as country_code,
    ['google', 'facebook', 'organic'][1 + i % 3] as acquisition_channel, 1 + (i * day) % 5 as sessions
  from range(200) as t(i), range(8) as d(day)
  where day = i % 4 or (day > i % 4 and (day + i) % 3 <> 1)
) to 'FILE' (format parquet)`;

test('one row per user per active day: a constant event, activity all, no funnel, no revenue', async () => {
  const dir = await projectWithSource('data/user_days.parquet');
  await mkdir(join(dir, 'data'), { recursive: true });
  await duckdb([USER_DAYS.replace('FILE', join(dir, 'data', 'user_days.parquet'))]);
  const inferred = await runInfer(dir, ['--source', 'app.events']);
  assert.is(inferred.stderr, '');
  assert.is(inferred.code, 0);
  const yaml = await readText(dir, 'mapping.yml');
  const body = yaml.split('\n').filter((l) => !l.trim().startsWith('#')).join('\n');
  assert.is(body, [
    'source: app.events',
    'timezone: UTC',
    'geo_level: auto',
    '',
    'columns:',
    "  user_id: nullif(user_id, '')",
    '  event_time: cast(activity_date as timestamp)',
    `  event_name: "'active'"`,
    '  country: country_code',
    '  channel: acquisition_channel',
    '',
    'events:',
    '  activity: all',
    '  new_user: []',
    '  funnel: []',
    '  revenue_types: {}',
    '',
  ].join('\n'));
  assert.ok(yaml.includes('  # review: event_name is a guess (confidence 0.60)\n'));

  const disabled = ['date_wise_revenue', 'date_wise_revenue_by_country', 'date_wise_revenue_by_type', 'int_user_revenue_days'];
  const listed = await runCli(dir, ['ls']);
  assert.ok(listed.stderr.includes('  date_wise_revenue: the mapping has no revenue\n'), listed.stderr);
  const built = await runCli(dir, ['build']);
  assert.is(built.code, 0, built.stdout + built.stderr);
  assert.equal(await modelStatuses(dir), successes(ALL_MODELS.filter((m) => !disabled.includes(m) && m !== 'event_funnel_first_login')));
});

test.run();
