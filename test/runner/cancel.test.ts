import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DuckDbAdapter } from '../../src/adapters/duckdb/duckdb-adapter.js';
import { duckdbDialect } from '../../src/adapters/duckdb/duckdb-dialect.js';
import { compile, execute } from '../../src/api.js';
import { compileTests } from '../../src/compile/compile-tests.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { runPlan } from '../../src/runner/run-plan.js';
import { duckdbProject, queryDb, relations, runCliWatching, withoutSeconds, withoutTimes } from '../support/duckdb-project.js';
import { writeFiles } from '../support/temp-project.js';

/** About ten billion rows: seconds of work, long enough to be interrupted. */
const SLOW = "{{ config(materialized='table') }}\nselect count(*) as n from range(1000000000) a, range(10) b\n";
const FILES = {
  'models/before.sql': "{{ config(materialized='table') }}\nselect 1 as one\n",
  'models/slow.sql': "{{ config(materialized='table') }}\nselect 42 as n\n",
  'models/after.sql': "{{ config(materialized='table') }}\nselect n from {{ ref('slow') }}\n",
};

/** A project whose three tables are built, with `slow` then made slow. */
async function builtThenSlow(): Promise<string> {
  const dir = await duckdbProject(FILES);
  const first = await execute('run', { dir, env: {} });
  assert.equal(first.run.results.map((r) => r.status), ['success', 'success', 'success']);
  await writeFiles(dir, { 'models/slow.sql': SLOW });
  return dir;
}

async function assertPreviousTablesIntact(dir: string): Promise<void> {
  assert.equal(await relations(dir), ['main.after BASE TABLE', 'main.before BASE TABLE', 'main.slow BASE TABLE']);
  assert.equal(await queryDb(dir, 'select n from main.slow'), [{ n: 42 }]);
}

test('aborting the signal while a query runs interrupts it: status cancelled, the previous table intact', async () => {
  const dir = await builtThenSlow();
  const { project, models, graph } = await compile({ dir, env: {} });
  const { tests } = compileTests(models, (name) => `"main"."${name}"`, duckdbDialect);
  const plan = buildPlan('run', models, tests, graph);
  assert.ok(project.target.type === 'duckdb');
  const adapter = await DuckDbAdapter.open(project.target, dir);
  const abort = new AbortController();
  // If aborting does not stop the query, the test stops it itself (so it ends) and fails below.
  let stoppedByTest = false;
  const fallback = setTimeout(() => {
    stoppedByTest = true;
    adapter.interrupt();
  }, 2000);
  let run;
  try {
    run = await runPlan(plan, adapter, {
      threads: 1,
      failFast: false,
      fullRefresh: false,
      compiledPathOf: (path) => `target/compiled/dev/${path}`,
      signal: abort.signal,
      onStart: (step) => {
        if (step.id === 'model.slow') setTimeout(() => abort.abort(), 300);
      },
    });
  } finally {
    clearTimeout(fallback);
    await adapter.close();
  }
  assert.is(stoppedByTest, false, 'aborting the signal did not interrupt the running query');
  assert.is(run.cancelled, true);
  assert.equal(withoutSeconds(run.results), [
    { id: 'model.before', kind: 'model', name: 'before', relation: '"main"."before"', materialized: 'table', status: 'success', rows: 1 },
    {
      id: 'model.slow',
      kind: 'model',
      name: 'slow',
      relation: '"main"."slow"',
      materialized: 'table',
      status: 'cancelled',
      message: 'INTERRUPT Error: Interrupted!',
      location: { file: 'target/compiled/dev/models/slow.sql' },
    },
    { id: 'model.after', kind: 'model', name: 'after', status: 'cancelled', seconds: 0 },
  ].map(({ seconds: _s, ...rest }) => rest));
  await assertPreviousTablesIntact(dir);
});

test('aborting as a step starts, before its statement reaches DuckDB, still stops it: the statement never runs', async () => {
  const dir = await builtThenSlow();
  const { project, models, graph } = await compile({ dir, env: {} });
  const plan = buildPlan('run', models, [], graph);
  assert.ok(project.target.type === 'duckdb');
  const adapter = await DuckDbAdapter.open(project.target, dir);
  const abort = new AbortController();
  let stoppedByTest = false;
  const fallback = setTimeout(() => {
    stoppedByTest = true;
    adapter.interrupt();
  }, 20_000);
  let run;
  try {
    run = await runPlan(plan, adapter, {
      threads: 1,
      failFast: false,
      fullRefresh: false,
      compiledPathOf: (path) => `target/compiled/dev/${path}`,
      signal: abort.signal,
      // Right after the step started (a signal comes as a task of its own): its connection is
      // being opened, or its first statements run; the long one has not started yet.
      onStart: (step) => {
        if (step.id === 'model.slow') setImmediate(() => abort.abort());
      },
    });
  } finally {
    clearTimeout(fallback);
    await adapter.close();
  }
  assert.is(stoppedByTest, false, 'the statement ran on after the abort');
  assert.is(run.cancelled, true);
  assert.equal(run.results.map((r) => [r.name, r.status]), [['before', 'success'], ['slow', 'cancelled'], ['after', 'cancelled']]);
  await assertPreviousTablesIntact(dir);
});

test('Ctrl-C during `pdb run` stops the running query and exits 130, leaving the tables as they were', async () => {
  const dir = await builtThenSlow();
  let interrupted = false;
  const result = await runCliWatching(dir, ['run', '--threads', '1'], (soFar) => {
    // Once `before` is done, `slow` is running: press Ctrl-C (in-process: the CLI's SIGINT listener).
    if (!interrupted && soFar.includes('model before')) {
      interrupted = true;
      setTimeout(() => process.emit('SIGINT'), 300);
    }
  });
  assert.is(result.code, 130);
  assert.is(result.stderr, '\nInterrupted: stopping the running queries; tables being built are left as they were. Press Ctrl-C again to stop at once.\n');
  assert.is(
    withoutTimes(result.stdout),
    [
      '[1/3] OK     model before (table, 1 row, <t> s)',
      '[2/3] CANCEL model slow (table)',
      // The steps that never started get one line together, not a CANCEL line each.
      '',
      'Cancelled: 1 step not started.',
      '',
      // `before` is unchanged since the first run: its table stands, it is not built again.
      'Done in <t> s: 0 built, 1 reused, 0 failed, 0 skipped, tests: 0 passed, 0 warned, 0 failed, cancelled.',
      '',
    ].join('\n'),
  );
  await assertPreviousTablesIntact(dir);
  // The CLI removed its listener: a later Ctrl-C is not swallowed.
  assert.is(process.listenerCount('SIGINT'), 0);
});

test.run();
