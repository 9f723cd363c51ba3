import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Adapter } from '../../src/adapters/adapter.js';
import { duckdbDialect } from '../../src/adapters/duckdb/duckdb-dialect.js';
import { estimateBuild } from '../../src/cost/estimate-build.js';
import { PdbError } from '../../src/errors/pdb-error.js';
import { errorReply } from '../support/fake-bigquery-server.js';
import { model, relation, startHarness } from './harness.js';

const MiB = 1_048_576;
const costOfMiB = (MiB / 2 ** 40) * 6.25;

const stg = model('stg', 'select * from `acme-analytics.raw.events`');
const eph = model('eph', 'select 1 as x', { materialized: 'ephemeral' });
const daily = model('daily', `select count(*) as n from ${relation('stg')}`, {}, ['stg']);
const retention = model('retention', `with d as (select * from ${relation('daily')})\nselect * from d`, {}, ['daily']);
const orphan = model('orphan', `select * from ${relation('elsewhere')}`, {}, ['elsewhere']);
const broken = model('broken', 'select\nfrom nothing', { materialized: 'view' });

test('each model is dry-run in build order; missing upstreams are inlined; what cannot be estimated is unknown, never zero', async () => {
  const h = await startHarness();
  try {
    h.server.addTable('acme-analytics.raw.events');
    h.server.replyOnce((r) => JSON.stringify(r.body ?? null).includes('nothing'), errorReply(400, 'invalidQuery', 'Syntax error: SELECT list must not be empty at [3:1]'));
    const seen: string[] = [];
    const estimate = await estimateBuild([stg, eph, daily, retention, orphan, broken], h.adapter, { fullRefresh: false, onRow: (row) => seen.push(row.model) });
    assert.equal(estimate, {
      rows: [
        { model: 'stg', materialized: 'table', bytes: MiB, cost: costOfMiB, status: 'estimated' },
        { model: 'daily', materialized: 'table', bytes: MiB, cost: costOfMiB, status: 'estimated', reason: 'stg not built yet: estimated with it inlined, which may count more than the build reads' },
        { model: 'retention', materialized: 'table', bytes: MiB, cost: costOfMiB, status: 'estimated', reason: 'stg, daily not built yet: estimated with them inlined, which may count more than the build reads' },
        {
          model: 'orphan',
          materialized: 'table',
          bytes: null,
          cost: null,
          status: 'unknown',
          reason: 'the dry run failed: Not found: Table acme-analytics:pdb_dev.elsewhere was not found in location EU (upstream elsewhere is not in this build and may not exist yet)',
        },
        { model: 'broken', materialized: 'view', bytes: null, cost: null, status: 'unknown', reason: 'the dry run failed: Syntax error: SELECT list must not be empty at [3:1]' },
      ],
      totalBytes: 3 * MiB,
      totalCost: 3 * costOfMiB,
      unknownCount: 2,
      pricePerTiB: 6.25,
    });
    assert.equal(seen, ['stg', 'daily', 'retention', 'orphan', 'broken']);
    const queries = h.server.inserts().map((i) => i.body.configuration?.query?.query ?? '');
    assert.ok(h.server.inserts().every((i) => i.body.configuration?.dryRun === true), 'only dry runs');
    assert.ok(queries.includes('create or replace table `acme-analytics.pdb_dev.daily`\nas\nwith __pdb_upstream_stg as (\nselect * from `acme-analytics.raw.events`\n)\nselect count(*) as n from __pdb_upstream_stg'));
    assert.ok(
      queries.includes(
        'create or replace table `acme-analytics.pdb_dev.retention`\nas\nwith __pdb_upstream_stg as (\nselect * from `acme-analytics.raw.events`\n),\n__pdb_upstream_daily as (\nselect count(*) as n from __pdb_upstream_stg\n),\nd as (select * from __pdb_upstream_daily)\nselect * from d',
      ),
    );
  } finally {
    await h.close();
  }
});

test('a configurable price; an existing upstream is read as it is', async () => {
  const h = await startHarness();
  try {
    h.server.addTable('acme-analytics.pdb_dev.stg');
    h.server.bytesFor = () => 2 ** 40;
    const estimate = await estimateBuild([daily], h.adapter, { fullRefresh: false, pricePerTiB: 5 });
    assert.equal(estimate.rows, [{ model: 'daily', materialized: 'table', bytes: 2 ** 40, cost: 5, status: 'estimated' }]);
    assert.equal([estimate.totalBytes, estimate.totalCost, estimate.unknownCount], [2 ** 40, 5, 0]);
  } finally {
    await h.close();
  }
});

test('an engine without a dry run cannot estimate', async () => {
  const duck = { dialect: duckdbDialect } as unknown as Adapter;
  try {
    await estimateBuild([stg], duck, { fullRefresh: false });
    assert.unreachable('should throw');
  } catch (error) {
    assert.instance(error, PdbError);
    const e = error as PdbError;
    assert.equal([e.code, e.message, e.hint, e.location], [
      'E_DRY_RUN_UNSUPPORTED',
      'the duckdb engine has no dry run, so the cost of a build cannot be estimated.',
      'Dry runs and budgets are for BigQuery targets: choose one with --target, or build without --dry-run / --max-bytes.',
      { file: '--dry-run' },
    ]);
  }
});

test.run();
