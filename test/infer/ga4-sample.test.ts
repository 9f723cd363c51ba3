import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { generateSample } from '../../src/sample/generate-sample.js';
import { copyRepoProject, runCli } from '../support/temp-project.js';
import { ALL_MODELS, modelStatuses, readText, runInfer, successes } from './infer-harness.js';

test('the GA4-shaped sample: infer reproduces the hand-written mapping, and every model builds', async () => {
  const dir = await copyRepoProject();
  await generateSample({ outDir: join(dir, 'data', 'ga4'), users: 400, days: 8 });
  await rm(join(dir, 'mapping.yml'));
  const vars = ['--vars', '{"events_path": "data/ga4/events_*.parquet"}'];
  const inferred = await runInfer(dir, vars);
  assert.is(inferred.stderr, '');
  assert.is(inferred.code, 0);
  const yaml = await readText(dir, 'mapping.yml');
  const body = yaml.split('\n').filter((l) => !l.trim().startsWith('#')).join('\n');
  assert.is(body, [
    'source: ga4.events',
    'timezone: UTC',
    'geo_level: auto',
    '',
    'columns:',
    "  user_id: nullif(user_pseudo_id, '')",
    `  event_time: "{{ timestamp_from_micros('event_timestamp') }}"`,
    '  event_name: event_name',
    '  country: geo.country',
    '  region: geo.region',
    '  channel: traffic_source.source',
    "  revenue: coalesce(event_value_in_usd, case when event_name = 'ad_impression' then {{ ga4_param('value', 'number') }} end)",
    '',
    'events:',
    '  activity: all',
    '  new_user: [first_open]',
    '  funnel:',
    '    - { name: login, events: [session_start] }',
    '    - { name: tutorial_complete, events: [tutorial_complete] }',
    '    - { name: game_started, events: [level_start] }',
    '    - { name: first_level, events: [level_complete] }',
    '    - { name: iap, events: [in_app_purchase] }',
    '  revenue_types:',
    '    iap: [in_app_purchase]',
    '    ads: [ad_impression]',
    '',
  ].join('\n'));
  assert.ok(yaml.includes("  # 0.95: values are epoch microseconds; name 'event_timestamp' looks like an event time; other time columns: 'user_first_touch_timestamp' (a time of the user)\n"), yaml);
  assert.ok(inferred.stdout.includes('\nWrote mapping.yml for ga4.events ('));

  const built = await runCli(dir, ['build', ...vars]);
  assert.is(built.code, 0, built.stdout + built.stderr);
  assert.equal(await modelStatuses(dir), successes(ALL_MODELS));
});

test.run();
