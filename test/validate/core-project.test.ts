/** The repo's own core project is valid GoogleSQL for target `bq`, and each model's output schema is known. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyRepoProject } from '../support/temp-project.js';
import { diagnostics, validateProject } from './validate-project.js';

test('every core model validates clean for target bq, with the output schemas of the BigQuery build', async () => {
  const dir = await copyRepoProject();
  const validation = await validateProject(dir, { env: { PDB_BQ_PROJECT: 'pdb-test', PDB_BQ_DATASET: 'core' } });
  assert.is(validation.status, 'validated');
  assert.equal(diagnostics(validation), []);
  assert.equal(validation.skipped, []);
  assert.is(validation.schemas.size, 18);
  const show = (name: string): string[] => (validation.schemas.get(name as never) ?? []).map((c) => `${c.name} ${c.type}`);
  // The one pass over the raw events: one row per user and day (issue 9), with the date partition
  // an incremental build replaces (issue 13).
  assert.equal(show('stg_events'), [
    'user_id STRING',
    'event_date DATE',
    'partition_date DATE',
    'last_shard_date DATE',
    'events INT64',
    'distinct_events INT64',
    'first_time TIMESTAMP',
    'last_time TIMESTAMP',
    'activity_events INT64',
    'new_user_events INT64',
    'step_1_first_time TIMESTAMP',
    'step_2_times ARRAY<TIMESTAMP>',
    'step_3_times ARRAY<TIMESTAMP>',
    'step_4_times ARRAY<TIMESTAMP>',
    'step_5_last_time TIMESTAMP',
    'revenue_iap FLOAT64',
    'revenue_events_iap INT64',
    'paying_events_iap INT64',
    'revenue_ads FLOAT64',
    'revenue_events_ads INT64',
    'paying_events_ads INT64',
    'revenue_subscription FLOAT64',
    'revenue_events_subscription INT64',
    'paying_events_subscription INT64',
    'revenue_other FLOAT64',
    'revenue_events_other INT64',
    'paying_events_other INT64',
    'negative_revenue_events INT64',
    'first_country STRING',
    'first_country_time TIMESTAMP',
    'first_region STRING',
    'first_region_time TIMESTAMP',
    'first_channel STRING',
    'first_channel_time TIMESTAMP',
    'first_cohort_date DATE',
    'event_0_events INT64',
    'event_1_events INT64',
    'event_2_events INT64',
    'event_3_events INT64',
    'event_4_events INT64',
    'event_5_events INT64',
    'event_6_events INT64',
    'event_7_events INT64',
    'event_8_events INT64',
    'min_country STRING',
    'max_country STRING',
  ]);
  assert.equal(show('date_wise_dau'), ['event_date DATE', 'dau INT64']);
  assert.equal(show('event_funnel_first_login'), [
    'cohort_date DATE',
    'step INT64',
    'step_name STRING',
    'users INT64',
    'rate_from_start FLOAT64',
    'rate_from_previous FLOAT64',
  ]);
});

test("with GA4's intraday shards read (include_intraday), the one pass validates clean for target bq and says which shards it reads", async () => {
  const dir = await copyRepoProject();
  const validation = await validateProject(dir, { env: { PDB_BQ_PROJECT: 'pdb-test', PDB_BQ_DATASET: 'core' }, vars: { include_intraday: true } });
  assert.is(validation.status, 'validated');
  assert.equal(diagnostics(validation), []);
  const sql = await readFile(join(dir, 'target/compiled/bq/core/models/staging/stg_events.sql'), 'utf8');
  // An intraday shard is read only for a date after the newest daily one.
  assert.match(sql, /not starts_with\(_TABLE_SUFFIX, 'intraday_'\)\s+or safe\.parse_date \('%Y%m%d', right\(_TABLE_SUFFIX, 8\)\) > \(\s+select\s+coalesce\(\s+max\(/);
});

test.run();
