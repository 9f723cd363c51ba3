import { test } from 'uvu';
import { incrementalLogic } from '../../src/compile/incremental-since.js';
import * as assert from 'uvu/assert';
import { model, startHarness } from './harness.js';

const stg = model('stg_events', 'select * from `acme-analytics.raw.events`', {
  partitionBy: { field: 'event_date', dataType: 'date', granularity: 'day' },
  clusterBy: ['user_id'],
});

test('a dry run sends the statement the build will run, with dryRun, labels and the byte limit', async () => {
  const h = await startHarness();
  try {
    h.server.addTable('acme-analytics.raw.events');
    h.server.bytesFor = () => 123_456_789;
    const outcome = await h.adapter.dryRun(stg, { fullRefresh: false });
    assert.equal(outcome, { ok: true, value: { bytes: 123_456_789 } });
    const inserts = h.server.inserts();
    assert.is(inserts.length, 1);
    assert.equal(inserts[0]!.body, {
      jobReference: { projectId: 'acme-analytics', jobId: 'pdb_run-1_stg_events_1', location: 'EU' },
      configuration: {
        dryRun: true,
        labels: { pdb_run_id: 'run-1', pdb_model: 'stg_events' },
        query: {
          query: 'create or replace table `acme-analytics.pdb_dev.stg_events`\npartition by `event_date`\ncluster by `user_id`\nas\nselect * from `acme-analytics.raw.events`',
          useLegacySql: false,
          maximumBytesBilled: '50000000000',
          useQueryCache: false,
        },
      },
    });
    // A dry run creates no job: nothing is polled, nothing is created.
    assert.equal(h.server.requests.map((r) => `${r.method} ${r.path}`), [
      'GET /bigquery/v2/projects/acme-analytics/datasets/pdb_dev/tables/stg_events',
      'POST /bigquery/v2/projects/acme-analytics/jobs',
    ]);
    assert.is(h.server.tables.has('acme-analytics.pdb_dev.stg_events'), false);
  } finally {
    await h.close();
  }
});

test('an incremental model over an existing table dry-runs the partition script; --full-refresh dry-runs the rebuild', async () => {
  const h = await startHarness();
  try {
    h.server.addTable('acme-analytics.raw.events');
    const incremental = model('events_daily', 'select event_date, count(*) as users from `acme-analytics.raw.events` group by 1', {
      materialized: 'incremental',
      partitionBy: { field: 'event_date', dataType: 'date', granularity: 'day' },
    });
    h.server.addTable('acme-analytics.pdb_dev.events_daily', {
      numRows: 10,
      fields: [{ name: 'event_date', type: 'DATE' }, { name: 'users', type: 'INTEGER' }],
      description: incrementalLogic(incremental),
    });
    assert.equal(await h.adapter.dryRun(incremental, { fullRefresh: false }), { ok: true, value: { bytes: 2_097_152 } });
    assert.equal(await h.adapter.dryRun(incremental, { fullRefresh: true }), { ok: true, value: { bytes: 1_048_576 } });
    const [script, rebuild] = h.server.inserts().map((i) => i.body.configuration?.query?.query ?? '');
    assert.ok(script!.startsWith('declare pdb_partitions array<date>;\ndeclare pdb_null_partition bool;\ncreate temp table pdb_new_rows as\nselect event_date'));
    assert.ok(script!.includes('insert into `acme-analytics.pdb_dev.events_daily` (`event_date`, `users`)'));
    assert.ok(rebuild!.startsWith(`create or replace table \`acme-analytics.pdb_dev.events_daily\`\npartition by \`event_date\`\noptions (description = ${JSON.stringify(incrementalLogic(incremental))})\nas\n`));
  } finally {
    await h.close();
  }
});

test('a view dry-runs its create statement', async () => {
  const h = await startHarness();
  try {
    h.server.addTable('acme-analytics.raw.events');
    await h.adapter.dryRun(model('v', 'select 1 from `acme-analytics.raw.events`', { materialized: 'view' }), { fullRefresh: false });
    assert.is(h.server.inserts()[0]!.body.configuration?.query?.query, 'create or replace view `acme-analytics.pdb_dev.v` as\nselect 1 from `acme-analytics.raw.events`');
  } finally {
    await h.close();
  }
});

test('a dry run of a query reading a missing table fails as data, with BigQuery message', async () => {
  const h = await startHarness();
  try {
    const outcome = await h.adapter.dryRun(stg, { fullRefresh: false });
    assert.equal(outcome, { ok: false, error: { message: 'Not found: Table acme-analytics:raw.events was not found in location EU' } });
    assert.is(h.server.inserts().length, 1, 'a not-found error is not retried');
  } finally {
    await h.close();
  }
});

test.run();
