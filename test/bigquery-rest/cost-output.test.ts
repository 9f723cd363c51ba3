import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { summarize } from '../../src/cost/cost-estimate.js';
import { formatBytes, formatUsd } from '../../src/cost/format-bytes.js';
import { formatCostTable } from '../../src/cost/format-cost-table.js';
import { costJson, writeCostFile } from '../../src/cost/write-cost-file.js';

const GiB = 2 ** 30;
const estimate = summarize(
  [
    { model: 'stg_events', materialized: 'table', bytes: 512 * GiB, cost: 3.125, status: 'estimated' },
    { model: 'daily_users', materialized: 'view', bytes: 0, cost: 0, status: 'estimated' },
    { model: 'retention', materialized: 'incremental', bytes: null, cost: null, status: 'unknown', reason: 'the dry run failed: Not found: Table acme:pdb.elsewhere was not found in location EU' },
  ],
  6.25,
);

test('target/cost.json: stable keys, nulls for unknown costs, no paths or times', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pdb-cost-'));
  const path = await writeCostFile(dir, 'target', 'prod', estimate, 1024 * GiB);
  assert.is(path, 'target/cost.json');
  const text = readFileSync(join(dir, 'target', 'cost.json'), 'utf8');
  assert.is(text, costJson(estimate, 'prod', 1024 * GiB));
  assert.equal(JSON.parse(text), {
    max_bytes: 1024 * GiB,
    metadata: { schema_version: 'pdb.cost.v1', target: 'prod' },
    models: [
      { bytes: 512 * GiB, cost_usd: 3.125, materialized: 'table', name: 'stg_events', status: 'estimated' },
      { bytes: 0, cost_usd: 0, materialized: 'view', name: 'daily_users', status: 'estimated' },
      { bytes: null, cost_usd: null, materialized: 'incremental', name: 'retention', reason: 'the dry run failed: Not found: Table acme:pdb.elsewhere was not found in location EU', status: 'unknown' },
    ],
    price_per_tib_usd: 6.25,
    total_bytes: 512 * GiB,
    total_cost_usd: 3.125,
    unknown_count: 1,
  });
  assert.ok(text.startsWith('{\n  "max_bytes"'), 'keys sorted');
});

test('the cost table: one row per model, unknown shown as unknown, the total a lower bound, every reason in full', () => {
  assert.is(
    formatCostTable(estimate),
    [
      '┌─────────────┬─────────────────────┬────────────────┬───────────────────┐',
      '│ model       │     bytes processed │ estimated cost │ note              │',
      '├─────────────┼─────────────────────┼────────────────┼───────────────────┤',
      '│ stg_events  │          512.00 GiB │          $3.13 │                   │',
      '│ daily_users │                 0 B │          $0.00 │                   │',
      '│ retention   │             unknown │        unknown │ see [1]           │',
      '│ total       │ at least 512.00 GiB │ at least $3.13 │ + 1 model unknown │',
      '└─────────────┴─────────────────────┴────────────────┴───────────────────┘',
      'at $6.25 per TiB (on-demand)',
      '[1] the dry run failed: Not found: Table acme:pdb.elsewhere was not found in location EU',
      'The estimate is incomplete: 1 model is of unknown cost, not in the total.',
      '',
    ].join('\n'),
  );
});

test('every model unknown: the total is never "0 B / $0.00", and one shared reason is printed once', () => {
  const reason = 'the dry run failed: request to https://bigquery.googleapis.com/bigquery/v2/projects/p/jobs failed, reason: getaddrinfo ENOTFOUND bigquery.googleapis.com';
  const offline = summarize(
    ['a', 'b', 'c'].map((model) => ({ model, materialized: 'table' as const, bytes: null, cost: null, status: 'unknown' as const, reason })),
    6.25,
  );
  const text = formatCostTable(offline);
  assert.match(text, /│ total +│ +at least 0 B │ at least \$0\.00 │ \+ 3 models unknown │/);
  assert.is(text.split('see [1]').length - 1, 3);
  assert.match(text, `\n[1] ${reason}\n`);
  assert.not.match(text, '[2]');
  assert.match(text, 'The estimate is incomplete: 3 models are of unknown cost, not in the total.');
});

test('bytes and dollars', () => {
  assert.equal([formatBytes(0), formatBytes(1023), formatBytes(1024), formatBytes(1.5 * GiB), formatBytes(3 * 2 ** 40)], ['0 B', '1023 B', '1.00 KiB', '1.50 GiB', '3.00 TiB']);
  assert.equal([formatUsd(0), formatUsd(0.004), formatUsd(12.345)], ['$0.00', '< $0.01', '$12.35']);
});

test.run();
