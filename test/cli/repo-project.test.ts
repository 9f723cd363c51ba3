import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyRepoProject, readTree, runCli, withoutTiming } from '../support/temp-project.js';

// The repository is itself a pdb project: its core-metric models must compile for both engines
// with no network and no credentials (the BigQuery profile falls back to its env_var defaults).
const MODEL_COUNT = 18;

for (const [target, engine] of [['dev', 'duckdb'], ['bq', 'bigquery']] as const) {
  test(`the repo's own project compiles for target ${target} (${engine})`, async () => {
    const dir = await copyRepoProject();
    const result = await runCli(dir, ['compile', '--target', target]);
    assert.equal({ ...result, stdout: withoutTiming(result.stdout) }, {
      code: 0,
      stdout: `Compiled ${MODEL_COUNT} models for target ${target} (${engine}${engine === 'bigquery' ? ', checked with ZetaSQL' : ''}) in <t> s: target/compiled/${target}/\n`,
      stderr: '',
    });
    const compiled = await readTree(dir, `target/compiled/${target}`);
    assert.equal(Object.keys(compiled).length, MODEL_COUNT);
    for (const [path, sql] of Object.entries(compiled)) {
      assert.ok(path.startsWith('core/models/') && path.endsWith('.sql'), path);
      assert.not.ok(sql.includes('\u0001'), `${path} still holds a ref token`);
      assert.not.ok(sql.includes('{{') || sql.includes('{%'), `${path} still holds template syntax`);
      assert.not.ok(sql.includes(dir), `${path} holds an absolute path`);
    }
    const manifest = JSON.parse((await readTree(dir, 'target'))['manifest.json'] ?? '{}') as { metadata: unknown; models: Record<string, unknown> };
    const { invocation_id: _id, generated_at: _at, ...metadata } = manifest.metadata as Record<string, unknown>;
    assert.equal(metadata, { project: 'pdb_example', schema_version: 'pdb.manifest.v1', target: { name: target, type: engine } });
    assert.equal(Object.keys(manifest.models).length, MODEL_COUNT);
  });
}

test("each engine's SQL reads the raw events its own way", async () => {
  const dir = await copyRepoProject();
  await runCli(dir, ['compile']);
  await runCli(dir, ['compile', '-t', 'bq']);
  const duck = (await readTree(dir, 'target/compiled/dev'))['core/models/staging/stg_events.sql'] ?? '';
  const bq = (await readTree(dir, 'target/compiled/bq'))['core/models/staging/stg_events.sql'] ?? '';
  assert.ok(duck.includes("read_parquet('data/generated/ga4_sample/events_*.parquet')"), duck);
  assert.ok(bq.includes('`my-project.analytics_123456.events_*`'), bq);
  assert.ok(bq.includes('timestamp_micros(event_timestamp)'), bq);
  assert.ok(duck.includes('make_timestamp(event_timestamp)'), duck);
});

test('pdb ls --select retention lists exactly the two retention models', async () => {
  const dir = await copyRepoProject();
  assert.equal(await runCli(dir, ['ls', '--select', 'retention']), {
    code: 0,
    stdout: 'retention_by_cohort_date\nretention_by_funnel_step\n',
    stderr: '',
  });
  assert.equal((await runCli(dir, ['ls', '--select', 'retention', '-o', 'path'])).stdout, 'core/models/metrics/retention/retention_by_cohort_date.sql\ncore/models/metrics/retention/retention_by_funnel_step.sql\n');
});

test('pdb ls lists all the models of the repo project', async () => {
  const dir = await copyRepoProject();
  const result = await runCli(dir, ['ls']);
  assert.equal(result.code, 0);
  const names = result.stdout.trimEnd().split('\n');
  assert.equal(names.length, MODEL_COUNT);
  assert.equal(names[0], 'stg_events');
});

test.run();
