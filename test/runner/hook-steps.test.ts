/**
 * Plugin hooks as steps of the plan: an afterModel runs only for a model that was built, an
 * afterRun runs after every other step however it ended (a failure, --fail-fast), and Ctrl-C
 * keeps both from starting.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DuckDbAdapter } from '../../src/adapters/duckdb/duckdb-adapter.js';
import { compile } from '../../src/api.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { stepName, type HookStep } from '../../src/plan/plan-step.js';
import { runPlan, type RunOptions } from '../../src/runner/run-plan.js';
import type { NodeResult } from '../../src/runner/run-results.js';
import { duckdbProject } from '../support/duckdb-project.js';

/** a_bad fails, c_reads_bad reads it, b_ok stands alone. */
const FILES = {
  'models/a_bad.sql': "{{ config(materialized='table') }}\nselect cast('x' as integer) as v\n",
  'models/b_ok.sql': "{{ config(materialized='table') }}\nselect 2 as v\n",
  'models/c_reads_bad.sql': "{{ config(materialized='table') }}\nselect v from {{ ref('a_bad') }}\n",
};

const HOOKS = { hooks: [{ plugin: 'p', afterModel: true, afterRun: true }] };

/** Runs the project's models with plugin p's hooks; each hook says what it saw of the run. */
async function runWithHooks(files: Record<string, string>, options: Partial<RunOptions> = {}, hookSql?: string): Promise<{ results: string[]; calls: string[]; cancelled: boolean }> {
  const dir = await duckdbProject(files);
  const { project, models, graph } = await compile({ dir, env: {} });
  assert.ok(project.target.type === 'duckdb');
  const adapter = await DuckDbAdapter.open(project.target, dir);
  const calls: string[] = [];
  const runHook = async (step: HookStep, soFar: readonly NodeResult[]): Promise<NodeResult> => {
    calls.push(`${step.id} after ${soFar.map((r) => `${r.name} ${r.status}`).join(', ')}`);
    const outcome = hookSql === undefined ? undefined : await adapter.query(hookSql);
    return { id: step.id, kind: 'hook', name: stepName(step), status: outcome?.ok === false ? 'error' : 'success', seconds: 0 };
  };
  try {
    const run = await runPlan(buildPlan('run', models, [], graph, HOOKS), adapter, { threads: 1, failFast: false, fullRefresh: false, compiledPathOf: (path) => path, runHook, ...options });
    return { results: run.results.map((r) => `${r.id} ${r.status}${r.skippedBecause === undefined ? '' : ` (${r.skippedBecause})`}`), calls, cancelled: run.cancelled };
  } finally {
    await adapter.close();
  }
}

test("a failed model: its afterModel is skipped, the afterRun runs after everything and sees the failure", async () => {
  const { results, calls } = await runWithHooks(FILES);
  assert.equal(results, [
    'model.a_bad error',
    'model.b_ok success',
    'model.c_reads_bad skipped (model.a_bad)',
    'hook.p.afterModel.a_bad skipped (model.a_bad)',
    'hook.p.afterModel.b_ok success',
    'hook.p.afterModel.c_reads_bad skipped (model.c_reads_bad)',
    'hook.p.afterRun success',
  ]);
  assert.equal(calls, [
    'hook.p.afterModel.b_ok after a_bad error, b_ok success, c_reads_bad skipped, p afterModel a_bad skipped',
    'hook.p.afterRun after a_bad error, b_ok success, c_reads_bad skipped, p afterModel a_bad skipped, p afterModel b_ok success, p afterModel c_reads_bad skipped',
  ]);
});

test('--fail-fast skips the models left, not the afterRun', async () => {
  const { results, calls } = await runWithHooks(FILES, { failFast: true });
  assert.equal(results, [
    'model.a_bad error',
    'model.b_ok skipped (an earlier failure (--fail-fast))',
    'model.c_reads_bad skipped (an earlier failure (--fail-fast))',
    'hook.p.afterModel.a_bad skipped (model.a_bad)',
    'hook.p.afterModel.b_ok skipped (an earlier failure (--fail-fast))',
    'hook.p.afterModel.c_reads_bad skipped (an earlier failure (--fail-fast))',
    'hook.p.afterRun success',
  ]);
  assert.equal(calls.map((c) => c.slice(0, c.indexOf(' after '))), ['hook.p.afterRun']);
});

test('Ctrl-C: no hook starts, every hook step is recorded as cancelled', async () => {
  const abort = new AbortController();
  const { results, calls, cancelled } = await runWithHooks(
    { ...FILES, 'models/a_bad.sql': "{{ config(materialized='table') }}\nselect 1 as v\n" },
    { signal: abort.signal, onStart: (step) => void (step.id === 'model.b_ok' && abort.abort()) },
  );
  assert.is(cancelled, true);
  assert.equal(results, [
    'model.a_bad success',
    // b_ok had started: its query finished or was interrupted, either way it is not a hook's concern here.
    ...results.filter((r) => r.startsWith('model.b_ok ')),
    'model.c_reads_bad cancelled',
    'hook.p.afterModel.a_bad cancelled',
    'hook.p.afterModel.b_ok cancelled',
    'hook.p.afterModel.c_reads_bad cancelled',
    'hook.p.afterRun cancelled',
  ]);
  assert.equal(calls, []);
});

test('Ctrl-C while a hook queries: the query is interrupted, the hook cancelled, and no hook starts after it', async () => {
  const abort = new AbortController();
  const slow = 'select count(*) as n from range(1000000000) a, range(10) b';
  const { results, calls, cancelled } = await runWithHooks(
    { 'models/only.sql': "{{ config(materialized='table') }}\nselect 1 as v\n" },
    { signal: abort.signal, onStart: (step) => void (step.kind === 'after-model' && setTimeout(() => abort.abort(), 300)) },
    slow,
  );
  assert.is(cancelled, true);
  assert.equal(results, ['model.only success', 'hook.p.afterModel.only cancelled', 'hook.p.afterRun cancelled']);
  assert.equal(calls.map((c) => c.slice(0, c.indexOf(' after '))), ['hook.p.afterModel.only']);
});

test.run();
