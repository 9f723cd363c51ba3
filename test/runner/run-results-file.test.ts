import { tmpdir } from 'node:os';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { duckdbProject, runResultsFile, withoutSeconds } from '../support/duckdb-project.js';
import { runCli } from '../support/temp-project.js';

const FILES = {
  'models/events.sql': "{{ config(materialized='table', schema='raw') }}\nselect range as id from range(4)\n",
  'models/recent.sql': "{{ config(materialized='view') }}\nselect id from {{ ref('events') }} where id > 1\n",
  'models/broken.sql': "{{ config(materialized='table') }}\nselect missing_column from {{ ref('events') }}\n",
  'models/after_broken.sql': "{{ config(materialized='table') }}\nselect * from {{ ref('broken') }}\n",
  'models/events.yml': 'models:\n  - name: events\n    columns:\n      - name: id\n        tests:\n          - accepted_range: { max_value: 2, severity: warn }\n',
};

test('target/run_results.json: schema version, command, target, statuses, rows, relations, relative paths only', async () => {
  const dir = await duckdbProject(FILES);
  const before = new Date().toISOString();
  const result = await runCli(dir, ['build', '--threads', '1']);
  assert.is(result.code, 1);
  const { text, json } = await runResultsFile(dir);
  // As dbt's: which invocation wrote it, and when (ISO 8601, UTC).
  const { invocation_id, generated_at, ...metadata } = json.metadata as typeof json.metadata & { invocation_id: string; generated_at: string };
  assert.equal(metadata, { command: 'build', schema_version: 'pdb.run_results.v1', target: 'dev' });
  assert.match(invocation_id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  assert.ok(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(generated_at) && generated_at >= before && generated_at <= new Date().toISOString(), generated_at);
  assert.is(json.cancelled, false);
  assert.type(json.elapsed_seconds, 'number');
  // The line an engine error points at is checked in test/adapters/atomicity.test.ts.
  const results = withoutSeconds(json.results).map((r) => (r.id === 'model.broken' ? { ...r, location: { file: (r.location as { file: string }).file } } : r));
  assert.equal(results, [
    { id: 'model.events', kind: 'model', materialized: 'table', name: 'events', relation: '"raw"."events"', rows: 4, status: 'success' },
    { failures: 1, id: 'test.accepted_range__events__id', kind: 'test', location: { file: 'models/events.yml', line: 6 }, name: 'accepted_range__events__id', model: 'events', sample: [{ id: 3 }], status: 'warn' },
    {
      id: 'model.broken',
      kind: 'model',
      location: { file: 'target/compiled/dev/models/broken.sql' },
      materialized: 'table',
      message: 'Binder Error: Referenced column "missing_column" not found in FROM clause!',
      name: 'broken',
      relation: '"main"."broken"',
      status: 'error',
    },
    { id: 'model.after_broken', kind: 'model', name: 'after_broken', skipped_because: 'model.broken', status: 'skipped' },
    { id: 'model.recent', kind: 'model', materialized: 'view', name: 'recent', relation: '"main"."recent"', rows: null, status: 'success' },
  ]);
  for (const r of json.results) assert.type(r.seconds, 'number');

  // Deterministic shape: keys sorted, two-space indentation, no absolute path anywhere.
  assert.equal(Object.keys(json), ['cancelled', 'elapsed_seconds', 'metadata', 'results']);
  for (const r of json.results) assert.equal(Object.keys(r), Object.keys(r).sort());
  // snake_case throughout, as every other key of pdb's artifacts.
  for (const r of json.results) for (const key of Object.keys(r)) assert.match(key, /^[a-z]+(_[a-z]+)*$/);
  assert.ok(text.startsWith('{\n  "cancelled": false,\n  "elapsed_seconds": '), text.slice(0, 60));
  assert.not.match(text, dir);
  assert.not.match(text, tmpdir());
});

test('each command writes its own name, and a later run replaces the file', async () => {
  const dir = await duckdbProject({ 'models/m.sql': "{{ config(materialized='table') }}\nselect 1 as v\n" });
  assert.is((await runCli(dir, ['run'])).code, 0);
  assert.is((await runResultsFile(dir)).json.metadata.command, 'run');
  assert.is((await runCli(dir, ['test'])).code, 0);
  const first = (await runResultsFile(dir)).json.metadata as unknown as Record<string, string>;
  assert.is((await runCli(dir, ['test'])).code, 0);
  const { json } = await runResultsFile(dir);
  const { invocation_id, generated_at: _at, ...metadata } = json.metadata as typeof json.metadata & { invocation_id: string; generated_at: string };
  assert.equal(metadata, { command: 'test', schema_version: 'pdb.run_results.v1', target: 'dev' });
  assert.is.not(invocation_id, first['invocation_id'], 'each invocation has its own id');
  assert.equal(json.results, []);
});

test.run();
