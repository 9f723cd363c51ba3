/** The repo's own core project is valid GoogleSQL for target `bq`, and each model's output schema is known. */
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
  assert.is(validation.schemas.size, 17);
  const show = (name: string): string[] => (validation.schemas.get(name as never) ?? []).map((c) => `${c.name} ${c.type}`);
  assert.equal(show('stg_events'), [
    'user_id STRING',
    'event_time TIMESTAMP',
    'event_date DATE',
    'event_name STRING',
    'country STRING',
    'region STRING',
    'channel STRING',
    'revenue FLOAT64',
    'revenue_type STRING',
    'is_activity BOOL',
    'is_new_user_event BOOL',
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

test.run();
