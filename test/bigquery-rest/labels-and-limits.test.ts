import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { jobIdFor, labelValue, newRunId } from '../../src/adapters/bigquery/job-labels.js';
import { model, startHarness } from './harness.js';

test('every job carries pdb_run_id, pdb_model (for a model), the location and maximumBytesBilled', async () => {
  const h = await startHarness();
  try {
    h.server.addTable('acme-analytics.raw.events');
    await h.adapter.dryRun(model('Retention_D7', 'select 1 from `acme-analytics.raw.events`'), { fullRefresh: false });
    await h.adapter.materialize(model('Retention_D7', 'select 1 from `acme-analytics.raw.events`'), { fullRefresh: false });
    await h.adapter.materialize(model('users', 'select 2 from `acme-analytics.raw.events`', { materialized: 'view' }), { fullRefresh: false });
    await h.adapter.query('select count(*) as failures from `acme-analytics.raw.events`');
    const summary = h.server.inserts().map(({ body }) => ({
      jobId: body.jobReference?.jobId,
      location: body.jobReference?.location,
      labels: body.configuration?.labels,
      maximumBytesBilled: body.configuration?.query?.maximumBytesBilled,
    }));
    assert.equal(summary, [
      { jobId: 'pdb_run-1_retention_d7_1', location: 'EU', labels: { pdb_run_id: 'run-1', pdb_model: 'retention_d7' }, maximumBytesBilled: '50000000000' },
      { jobId: 'pdb_run-1_retention_d7_2', location: 'EU', labels: { pdb_run_id: 'run-1', pdb_model: 'retention_d7' }, maximumBytesBilled: '50000000000' },
      { jobId: 'pdb_run-1_users_3', location: 'EU', labels: { pdb_run_id: 'run-1', pdb_model: 'users' }, maximumBytesBilled: '50000000000' },
      { jobId: 'pdb_run-1_query_4', location: 'EU', labels: { pdb_run_id: 'run-1' }, maximumBytesBilled: '50000000000' },
    ]);
    // Job gets and results are asked for in the job's location.
    assert.ok(h.server.requests.filter((r) => r.method === 'GET' && /\/(jobs|queries)\//.test(r.path)).every((r) => r.query['location'] === 'EU'));
  } finally {
    await h.close();
  }
});

test('without a byte limit in the profile, none is sent', async () => {
  const h = await startHarness({ maximumBytesBilled: undefined });
  try {
    await h.adapter.query('select 1');
    assert.equal(h.server.inserts()[0]!.body.configuration?.query, { query: 'select 1', useLegacySql: false });
  } finally {
    await h.close();
  }
});

test('label values and job ids are made safe; a run id is lowercase and label-safe', () => {
  assert.is(labelValue('Daily Users.v2'), 'daily_users_v2');
  assert.is(labelValue('x'.repeat(70)).length, 63);
  assert.is(jobIdFor('run-1', 'Daily Users', 3), 'pdb_run-1_daily_users_3');
  assert.is(newRunId(1_700_000_000_000).slice(0, 9), 'loyw3v28-');
  assert.match(newRunId(), /^[0-9a-z]+-[0-9a-f]{6}$/);
  assert.is.not(newRunId(), newRunId());
});

test('an adapter makes its own run id when none is given', async () => {
  const h = await startHarness({}, { runId: undefined });
  try {
    assert.match(h.adapter.runId, /^[0-9a-z]+-[0-9a-f]{6}$/);
    await h.adapter.query('select 1');
    assert.is(h.server.inserts()[0]!.body.configuration?.labels?.['pdb_run_id'], h.adapter.runId);
  } finally {
    await h.close();
  }
});

test.run();
