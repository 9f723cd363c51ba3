/**
 * `pdb diff --cost`: both sides dry-run on BigQuery (the local server that speaks its REST API),
 * and the difference in bytes per model and in total.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FakeBigQueryServer } from '../support/fake-bigquery-server.js';
import { runCli, tempProject } from '../support/temp-project.js';
import { changeProject, gitProject } from './git-repo.js';

const GIB = 1024 ** 3;

/** 1 GiB per query, 3 GiB for a query that computes the weekday (the head's daily_users). */
async function server(): Promise<{ server: FakeBigQueryServer; env: Record<string, string> }> {
  const server = await FakeBigQueryServer.start();
  server.addTable('acme-raw.app.events');
  // Built already: estimateBuild does not inline what an ephemeral model reads (see the report).
  server.addTable('acme-prod.reporting.stg_events');
  server.bytesFor = (query) => (query.includes('weekday') ? 3 * GIB : GIB);
  return { server, env: { PDB_BIGQUERY_API_ENDPOINT: server.url } };
}

test('pdb diff --cost: both sides dry-run on BigQuery, the bytes that changed per model and in total', async () => {
  const { server: fake, env } = await server();
  try {
    const dir = await gitProject();
    await changeProject(dir);
    const result = await runCli(dir, ['diff', '--base', 'main', '--target', 'bq', '--cost'], env);
    assert.equal(result.stderr, '');
    assert.equal(result.code, 1);
    assert.ok(fake.inserts().length > 0 && fake.inserts().every(({ body }) => (body.configuration as { dryRun?: boolean }).dryRun === true), 'dry runs only');
    const out = result.stdout;
    assert.ok(
      out.includes(
        [
          '### BigQuery cost (dry run)',
          '',
          'A build processes 7.00 GiB ($0.04), was 3.00 GiB ($0.02): +4.00 GiB at $6.25 per TiB.',
          '',
          '| Model | Base | Head | Change |',
          '|---|--:|--:|--:|',
          '| `daily_users` | 1.00 GiB | 3.00 GiB | +2.00 GiB |',
          '| `users_by_country` | 1.00 GiB | — |  |',
          '| `weekly_users` | — | 3.00 GiB |  |',
          '',
        ].join('\n'),
      ),
      out,
    );
  } finally {
    await fake.close();
  }
});

test('pdb diff --cost --state: the base\'s cost is its cost.json; a state without one exits 2; DuckDB has no dry run', async () => {
  const { server: fake, env } = await server();
  try {
    const dir = await gitProject();
    assert.equal((await runCli(dir, ['compile', '--target', 'bq', '--no-validate'])).code, 0);
    const state = join(await tempProject({}), 'prod');
    await cp(join(dir, 'target'), state, { recursive: true });
    const missing = await runCli(dir, ['diff', '--state', state, '--target', 'bq', '--cost'], env);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--cost: error E_STATE_DIR: --cost: there is no .*\/prod\/cost\.json, so the base's cost is not known\./);

    await writeFile(join(state, 'cost.json'), JSON.stringify({ price_per_tib_usd: 6.25, models: [{ name: 'stg_events', materialized: 'view', status: 'estimated', bytes: 5 * GIB }, { name: 'daily_users', materialized: 'table', status: 'estimated', bytes: GIB }] }));
    const result = await runCli(dir, ['diff', '--state', state, '--target', 'bq', '--cost'], env);
    assert.equal(result.code, 0, result.stderr);
    assert.ok(result.stdout.includes('| `stg_events` | 5.00 GiB | 1.00 GiB | −4.00 GiB |\n'), result.stdout);

    const duck = await runCli(dir, ['diff', '--base', 'main', '--cost']);
    assert.equal(duck.code, 2);
    assert.match(duck.stderr, /--cost: error E_DRY_RUN_UNSUPPORTED: --cost: the duckdb engine has no dry run/);
  } finally {
    await fake.close();
  }
});

test.run();
