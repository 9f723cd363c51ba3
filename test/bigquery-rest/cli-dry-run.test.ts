/**
 * `pdb build --target bq --dry-run` and the budget, end to end through the CLI, against the local
 * server that speaks BigQuery's REST API (pointed at by PDB_BIGQUERY_API_ENDPOINT).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FakeBigQueryServer } from '../support/fake-bigquery-server.js';
import { copyRepoProject, runCli } from '../support/temp-project.js';

const SOURCE = 'my-project.analytics_123456.events_*';

async function setUp(): Promise<{ dir: string; server: FakeBigQueryServer; env: Record<string, string> }> {
  const server = await FakeBigQueryServer.start();
  server.addTable(SOURCE);
  server.bytesFor = () => 2 * 1024 ** 3;
  const dir = await copyRepoProject();
  return { dir, server, env: { PDB_BIGQUERY_API_ENDPOINT: server.url, PDB_BQ_PROJECT: 'proj', PDB_BQ_DATASET: 'core' } };
}

test('--dry-run estimates every model in build order, writes target/cost.json and builds nothing', async () => {
  const { dir, server, env } = await setUp();
  try {
    const result = await runCli(dir, ['build', '--target', 'bq', '--dry-run'], env);
    assert.is(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, 'Dry run only: nothing was built. The estimate is in target/cost.json.');
    const cost = JSON.parse(readFileSync(join(dir, 'target/cost.json'), 'utf8')) as { models: { name: string; status: string; bytes: number | null }[] };
    assert.is(cost.models.length, 18);
    assert.is(cost.models[0]!.name, 'stg_events');
    assert.ok(cost.models.every((r) => r.status === 'estimated' && r.bytes !== null && r.bytes > 0), JSON.stringify(cost.models));
    const inserts = server.inserts();
    assert.ok(inserts.length >= 18);
    for (const { body } of inserts) {
      const configuration = body.configuration as { dryRun?: boolean; labels?: Record<string, string>; query?: { maximumBytesBilled?: string } };
      assert.is(configuration.dryRun, true);
      assert.is(configuration.query?.maximumBytesBilled, '100000000000');
      assert.ok(configuration.labels?.['pdb_model'] !== undefined && configuration.labels['pdb_run_id'] !== undefined);
    }
    assert.is(existsSync(join(dir, 'target/run_results.json')), false);
  } finally {
    await server.close();
  }
});

test('a build over its budget refuses to start, naming the budget, and runs no job', async () => {
  const { dir, server, env } = await setUp();
  try {
    const result = await runCli(dir, ['build', '--target', 'bq', '--max-bytes', '10GB'], env);
    assert.is(result.code, 2, result.stdout + result.stderr);
    assert.match(result.stderr, 'error E_BUDGET_EXCEEDED');
    assert.match(result.stderr, '--max-bytes');
    assert.ok(server.inserts().every(({ body }) => (body.configuration as { dryRun?: boolean }).dryRun === true));
    assert.not.match(result.stderr, /\n\s+at /);
  } finally {
    await server.close();
  }
});

test('offline (no BigQuery reachable): every cost unknown, the total says so, exit 1, the reason in full', async () => {
  const server = await FakeBigQueryServer.start();
  const url = server.url;
  await server.close(); // nothing listens there any more: as offline as a test can be
  const dir = await copyRepoProject();
  const env = { PDB_BIGQUERY_API_ENDPOINT: url, PDB_BQ_PROJECT: 'proj', PDB_BQ_DATASET: 'core' };
  const result = await runCli(dir, ['build', '--target', 'bq', '--dry-run', '--select', 'stg_events+1'], env);
  assert.is(result.code, 1, result.stdout + result.stderr);
  assert.not.match(result.stdout, /│ total +│ +0 B │ +\$0\.00 │/);
  assert.match(result.stdout, /│ total +│ +at least 0 B │ at least \$0\.00 │ \+ \d+ models unknown │/);
  assert.match(result.stdout, /The estimate is incomplete: \d+ models are of unknown cost, not in the total\./);
  const cost = JSON.parse(readFileSync(join(dir, 'target/cost.json'), 'utf8')) as { models: { reason?: string }[] };
  for (const { reason } of cost.models) assert.match(result.stdout, `] ${reason!}\n`);
  assert.not.match(result.stdout, '...');
});

test('offline with a budget: the build refuses (exit 2, E_BUDGET_UNKNOWN), after printing the table and every reason it points to', async () => {
  const server = await FakeBigQueryServer.start();
  const url = server.url;
  await server.close();
  const dir = await copyRepoProject();
  const env = { PDB_BIGQUERY_API_ENDPOINT: url, PDB_BQ_PROJECT: 'proj', PDB_BQ_DATASET: 'core' };
  const result = await runCli(dir, ['build', '--target', 'bq', '--max-bytes', '10GB', '--select', 'stg_events+1'], env);
  assert.is(result.code, 2, result.stdout + result.stderr);
  assert.match(result.stderr, 'error E_BUDGET_UNKNOWN: the build cannot be checked against the budget of 9.31 GiB (--max-bytes): the cost of stg_events, int_user_days is unknown (see the dry-run table). Nothing was run.');
  assert.match(result.stderr, 'hint: Fix the dry-run errors shown for those models');
  // The table and the errors the refusal points to are shown, in full.
  assert.match(result.stdout, /│ total +│ +at least 0 B │ at least \$0\.00 │ \+ 2 models unknown │/);
  const cost = JSON.parse(readFileSync(join(dir, 'target/cost.json'), 'utf8')) as { models: { reason?: string }[] };
  assert.is(cost.models.length, 2);
  for (const { reason } of cost.models) assert.match(result.stdout, `] ${reason!}\n`);
  assert.not.match(result.stdout, 'Dry run only');
  assert.is(existsSync(join(dir, 'target/run_results.json')), false);
});

test('Ctrl-C during a dry run stops it: exit 130, the remaining models not estimated, no "nothing was built" success', async () => {
  const { dir, server, env } = await setUp();
  let pressed = false;
  server.bytesFor = () => {
    // Pressed while BigQuery answers the first dry run (in-process: the CLI's SIGINT listener).
    if (!pressed) {
      pressed = true;
      process.emit('SIGINT');
    }
    return 2 * 1024 ** 3;
  };
  try {
    const result = await runCli(dir, ['build', '--target', 'bq', '--dry-run'], env);
    assert.ok(pressed);
    assert.is(result.code, 130, result.stdout + result.stderr);
    assert.match(result.stderr, 'Interrupted: stopping the running queries');
    assert.not.match(result.stdout, 'Dry run only');
    assert.match(result.stdout, /Cancelled: the estimate was stopped\./);
    assert.ok(server.inserts().length <= 2, `${server.inserts().length} dry runs after Ctrl-C`);
    assert.is(process.listenerCount('SIGINT'), 0);
  } finally {
    await server.close();
  }
});

test.run();
