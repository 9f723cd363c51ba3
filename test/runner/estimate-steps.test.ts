/**
 * The dry-run estimate as steps of the plan, against the local server that speaks BigQuery's
 * REST API: over budget, the build is refused before any query (hooks included) runs.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildGraph } from '../../src/graph/model-graph.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import type { CompiledModel } from '../../src/compile/compiled-model.js';
import { DryRunEstimator } from '../../src/cost/estimate-build.js';
import type { CostEstimate } from '../../src/cost/cost-estimate.js';
import { stepName, type EstimateGate } from '../../src/plan/plan-step.js';
import { runPlan } from '../../src/runner/run-plan.js';
import { model, relation, startHarness } from '../bigquery-rest/harness.js';

const MiB = 1_048_576;
const stg = model('stg', 'select * from `acme-analytics.raw.events`');
const daily = model('daily', `select count(*) as n from ${relation('stg')}`, {}, ['stg']);
const MODELS = [stg, daily];
const graph = buildGraph(MODELS.map((m) => ({ id: m.id, path: m.path, folders: [], tags: [], dependsOn: m.dependsOn.models })));

/** Runs stg and daily with a budget, and plugin p's afterRun; what ran, what was shown, what was refused. */
async function runWithBudget(maxBytes: number) {
  const h = await startHarness();
  try {
    h.server.addTable('acme-analytics.raw.events');
    const estimator = new DryRunEstimator(MODELS, h.adapter, { fullRefresh: false });
    const gate: EstimateGate = { pricePerTiB: 6.25, budget: { maxBytes, origin: '--max-bytes' } };
    const plan = buildPlan('run', MODELS, [], graph, { estimate: { gate, only: false }, hooks: [{ plugin: 'p', afterModel: false, afterRun: true }] });
    const shown: CostEstimate[] = [];
    const hooks: string[] = [];
    const run = await runPlan(plan, h.adapter, {
      threads: 4,
      failFast: false,
      fullRefresh: false,
      compiledPathOf: (path) => path,
      dryRun: (m: CompiledModel) => estimator.estimate(m),
      onEstimate: (estimate) => void shown.push(estimate),
      runHook: async (step) => {
        hooks.push(step.id);
        return { id: step.id, kind: 'hook', name: stepName(step), status: 'success', seconds: 0 };
      },
    });
    const jobs = h.server.inserts().map(({ body }) => ((body.configuration as { dryRun?: boolean }).dryRun === true ? 'dry run' : 'job'));
    return { run, shown, hooks, jobs };
  } finally {
    await h.close();
  }
}

test('over budget: the estimate is shown, the build refused; no job, no hook runs, no result is listed', async () => {
  const { run, shown, hooks, jobs } = await runWithBudget(MiB);
  assert.equal(shown.map((e) => e.rows.map((r) => `${r.model} ${r.status} ${r.bytes}`)), [['stg estimated 1048576', 'daily estimated 1048576']]);
  assert.is(run.refusal?.code, 'E_BUDGET_EXCEEDED');
  assert.equal(run.estimate, shown[0]);
  // daily's dry run fails while stg is not built, and is tried again with stg inlined.
  assert.equal(jobs, ['dry run', 'dry run', 'dry run']);
  assert.equal(hooks, []);
  assert.equal(run.results.map((r) => `${r.id} ${r.status} (${r.skippedBecause})`), [
    'model.stg skipped (the estimate not fitting the budget)',
    'model.daily skipped (the estimate not fitting the budget)',
    'hook.p.afterRun skipped (the estimate not fitting the budget)',
  ]);
});

test('within budget: the dry runs, then the build, then the hook', async () => {
  const { run, hooks, jobs } = await runWithBudget(10 * MiB);
  assert.is(run.refusal, undefined);
  assert.equal(jobs.slice(0, 3), ['dry run', 'dry run', 'dry run']);
  assert.ok(jobs.slice(3).length > 0 && jobs.slice(3).every((j) => j === 'job'), jobs.join(', '));
  assert.equal(run.results.map((r) => `${r.id} ${r.status}`), ['model.stg success', 'model.daily success', 'hook.p.afterRun success']);
  assert.equal(hooks, ['hook.p.afterRun']);
});

test.run();
