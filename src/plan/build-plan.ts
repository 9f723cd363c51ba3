import type { CompiledModel } from '../compile/compiled-model.js';
import type { CompiledTest } from '../compile/compiled-test.js';
import type { ModelGraph } from '../graph/model-graph.js';
import type { ModelId } from '../project/types.js';
import { afterModelStepId, afterRunStepId, DATA_QUALITY_STEP_ID, dryRunStepId, ESTIMATE_STEP_ID, modelStepId, stageStepId, testStepId, type DataQualityGate, type EstimateGate, type PlannedHooks, type PlanStep } from './plan-step.js';

export type PlanCommand = 'run' | 'test' | 'build';

export interface PlanOptions {
  /** The data-quality checks and the model whose staged rows they read (the one pass over the raw events). */
  readonly dataQuality?: { readonly model: ModelId; readonly gate: DataQualityGate };
  /** The plugins' hooks for this command, in plugin order (see plugins/run-hooks.ts plannedHooks). */
  readonly hooks?: readonly PlannedHooks[];
  /** --dry-run (`only`: the estimate is all the run does) or a budget: dry-run the models first. */
  readonly estimate?: { readonly gate: EstimateGate; readonly only: boolean };
}

/**
 * The steps of `pdb run` (models), `pdb test` (tests) or `pdb build` (both, each model after
 * the error-severity tests of the models it reads, so a failing test stops what depends on it).
 * Models come in build order; ephemeral models are inlined into their readers and have no step.
 */
export function buildPlan(command: PlanCommand, models: readonly CompiledModel[], tests: readonly CompiledTest[], graph: ModelGraph, options: PlanOptions = {}): PlanStep[] {
  const steps: PlanStep[] = [];
  const planned = new Set(models.filter((m) => m.config.materialized !== 'ephemeral').map((m) => m.id));
  const testsByModel = new Map<ModelId, CompiledTest[]>();
  for (const test of tests) testsByModel.set(test.model, [...(testsByModel.get(test.model) ?? []), test]);

  /** The nearest planned models upstream, looking through ephemeral ones. */
  const upstreamModels = (id: ModelId, seen = new Set<ModelId>()): ModelId[] =>
    graph.parents(id).flatMap((parent) => {
      if (seen.has(parent)) return [];
      seen.add(parent);
      return planned.has(parent) ? [parent] : upstreamModels(parent, seen);
    });

  /** The models whose tests gate this one: its nearest planned upstream, and the ephemeral ones on the way. */
  const testedUpstream = (id: ModelId, seen = new Set<ModelId>()): ModelId[] =>
    graph.parents(id).flatMap((parent) => {
      if (seen.has(parent)) return [];
      seen.add(parent);
      return planned.has(parent) ? [parent] : [parent, ...testedUpstream(parent, seen)];
    });

  const testStep = (test: CompiledTest): PlanStep => ({
    kind: 'test',
    id: testStepId(test.id),
    test,
    waitsFor: command === 'build' ? [...new Set(test.dependsOn.flatMap((id) => (planned.has(id) ? [id] : upstreamModels(id))))].map((id) => modelStepId(id)) : [],
  });

  if (options.estimate !== undefined) {
    // The estimate first; then, unless it is all the run does, the rest once it allows.
    const estimate = estimateSteps(command === 'test' ? [] : models.filter((m) => planned.has(m.id)), options.estimate.gate);
    if (options.estimate.only) return estimate;
    const rest = buildPlan(command, models, tests, graph, { ...options, estimate: undefined, hooks: [] });
    const gated = rest.map((step) => (step.kind === 'materialize' || step.kind === 'stage' || step.kind === 'test' ? { ...step, waitsFor: [ESTIMATE_STEP_ID, ...step.waitsFor] } : step));
    return withHooks([...estimate, ...gated], options.hooks ?? []);
  }
  if (command === 'test') return withHooks(tests.map(testStep), options.hooks ?? []);
  for (const model of models) {
    if (planned.has(model.id)) {
      const upstream = upstreamModels(model.id);
      const waitsFor = upstream.map((id) => modelStepId(id));
      if (command === 'build') {
        // Only a test of one model gates what is built from it; a test across models (a
        // relationship, a singular test) may read this model's descendants, so it cannot.
        for (const id of testedUpstream(model.id)) for (const t of testsByModel.get(id) ?? []) if (t.severity === 'error' && t.dependsOn.length === 1) waitsFor.push(testStepId(t.id));
      }
      if (options.dataQuality?.model === model.id) {
        // Staged, checked, and only then swapped in: a failed check replaces no table.
        steps.push({ kind: 'stage', id: stageStepId(model.name), model, waitsFor });
        steps.push({ kind: 'data-quality', id: DATA_QUALITY_STEP_ID, gate: options.dataQuality.gate, waitsFor: [stageStepId(model.name)] });
        steps.push({ kind: 'publish', id: modelStepId(model.name), model, waitsFor: [DATA_QUALITY_STEP_ID] });
      } else {
        steps.push({ kind: 'materialize', id: modelStepId(model.name), model, waitsFor });
      }
    }
    // In a build, a model's tests come right after it.
    if (command === 'build') steps.push(...(testsByModel.get(model.id) ?? []).map(testStep));
  }
  // Tests whose first model is not in this run (a singular test across models) come last.
  const placed = new Set(steps.map((s) => s.id));
  if (command === 'build') steps.push(...tests.filter((t) => !placed.has(testStepId(t.id))).map(testStep));
  return withHooks(steps, options.hooks ?? []);
}

/** Each model dry-run in build order, one after the other (as the estimate always ran), then summed up and checked against the budget. */
function estimateSteps(models: readonly CompiledModel[], gate: EstimateGate): PlanStep[] {
  const dryRuns = models.map((model, i): PlanStep => ({ kind: 'dry-run', id: dryRunStepId(model.name), model, waitsFor: i === 0 ? [] : [dryRunStepId(models[i - 1]!.name)] }));
  return [...dryRuns, { kind: 'estimate', id: ESTIMATE_STEP_ID, gate, waitsFor: dryRuns.map((s) => s.id) }];
}

/**
 * The plan with the plugins' hooks last, plugin by plugin (the order they are reported in): a
 * plugin's afterModel after each model that builds a table or view, then its afterRun, which
 * waits for every step that is not an afterRun (other plugins' afterModel too) and for the
 * previous plugin's afterRun.
 */
export function withHooks(steps: readonly PlanStep[], hooks: readonly PlannedHooks[]): PlanStep[] {
  const built = steps.flatMap((s) => (s.kind === 'materialize' || s.kind === 'publish' ? [s] : []));
  const afterModel = hooks.flatMap((hook) => (hook.afterModel ? built.map((step): PlanStep => ({ kind: 'after-model', id: afterModelStepId(hook.plugin, step.model.name), plugin: hook.plugin, model: step.model, waitsFor: [step.id] })) : []));
  const everyOther = [...steps, ...afterModel].map((s) => s.id);
  const out = [...steps];
  let previous: string | undefined;
  for (const hook of hooks) {
    out.push(...afterModel.filter((s) => s.kind === 'after-model' && s.plugin === hook.plugin));
    if (!hook.afterRun) continue;
    const id = afterRunStepId(hook.plugin);
    out.push({ kind: 'after-run', id, plugin: hook.plugin, waitsFor: previous === undefined ? everyOther : [...everyOther, previous] });
    previous = id;
  }
  return out;
}
