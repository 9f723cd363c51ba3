import type { CompiledModel } from '../compile/compiled-model.js';
import type { CompiledTest } from '../compile/compiled-test.js';
import type { DataQualityQuery } from '../data-quality/data-quality-sql.js';
import type { DataQualityConfig } from '../data-quality/thresholds.js';

/** The data-quality checks of a run: one query over the staged one-pass table, and how to judge it. */
export interface DataQualityGate {
  readonly query: DataQualityQuery;
  readonly config: DataQualityConfig;
  /** Stop the run before any table is replaced when a check fails (off with --ignore-data-quality). */
  readonly stopOnFailure: boolean;
}

/**
 * The dry-run estimate of a run: the price it is given in, and the budget it must fit when one
 * is set (the refusal's message names where it was set, e.g. `--max-bytes`).
 */
export interface EstimateGate {
  readonly pricePerTiB?: number;
  readonly budget?: { readonly maxBytes: number; readonly origin: string };
}

/**
 * What will run, in which order, as data: testable with no database. A step runs once every
 * step it waits for has succeeded; when one of them fails or is skipped, it is skipped.
 *
 * A model gated by the data-quality checks (the one pass over the raw events) takes three steps:
 * `stage` builds it under a temporary name, `data-quality` judges the staged rows, and `publish`
 * swaps it in; the models that read it wait for `publish`.
 *
 * With --dry-run or a budget, each model is first dry-run (`dry-run`, in build order, one after
 * the other) and `estimate` sums the dry runs up and checks the budget: every step that runs a
 * query waits for it, so a build over budget runs none.
 *
 * Plugin hooks are steps too, so progress, results and Ctrl-C treat them like the rest:
 * `after-model` waits for its model's step (and is skipped when the model did not build);
 * `after-run` waits for every other step, whatever became of it, and for the previous plugin's
 * `after-run`: only Ctrl-C keeps it from running.
 */
export type PlanStep =
  | { readonly kind: 'dry-run'; readonly id: string; readonly model: CompiledModel; readonly waitsFor: readonly string[] }
  | { readonly kind: 'estimate'; readonly id: string; readonly gate: EstimateGate; readonly waitsFor: readonly string[] }
  | { readonly kind: 'materialize'; readonly id: string; readonly model: CompiledModel; readonly waitsFor: readonly string[] }
  | { readonly kind: 'stage'; readonly id: string; readonly model: CompiledModel; readonly waitsFor: readonly string[] }
  | { readonly kind: 'data-quality'; readonly id: string; readonly gate: DataQualityGate; readonly waitsFor: readonly string[] }
  | { readonly kind: 'publish'; readonly id: string; readonly model: CompiledModel; readonly waitsFor: readonly string[] }
  | { readonly kind: 'test'; readonly id: string; readonly test: CompiledTest; readonly waitsFor: readonly string[] }
  | { readonly kind: 'after-model'; readonly id: string; readonly plugin: string; readonly model: CompiledModel; readonly waitsFor: readonly string[] }
  | { readonly kind: 'after-run'; readonly id: string; readonly plugin: string; readonly waitsFor: readonly string[] };

export type HookStep = Extract<PlanStep, { kind: 'after-model' | 'after-run' }>;

export const isHookStep = (step: PlanStep): step is HookStep => step.kind === 'after-model' || step.kind === 'after-run';

/** Which hooks a plugin has for the run's command; the plan gives them steps in this (plugin) order. */
export interface PlannedHooks {
  readonly plugin: string;
  readonly afterModel: boolean;
  readonly afterRun: boolean;
}

export type PlanStepKind = PlanStep['kind'];

export const modelStepId = (name: string): string => `model.${name}`;
export const stageStepId = (name: string): string => `stage.${name}`;
export const testStepId = (id: string): string => `test.${id}`;
export const DATA_QUALITY_STEP_ID = 'data_quality';
export const dryRunStepId = (name: string): string => `dry_run.${name}`;
export const ESTIMATE_STEP_ID = 'estimate';
/** A hook's step id is also its result's id in run_results.json and the run-state store. */
export const afterModelStepId = (plugin: string, model: string): string => `hook.${plugin}.afterModel.${model}`;
export const afterRunStepId = (plugin: string): string => `hook.${plugin}.afterRun`;

/** What a step is called in progress lines. */
export function stepName(step: PlanStep): string {
  switch (step.kind) {
    case 'materialize':
    case 'stage':
    case 'publish':
      return step.model.name;
    case 'dry-run':
      return `dry run ${step.model.name}`;
    case 'estimate':
      return 'estimate';
    case 'data-quality':
      return 'data_quality';
    case 'test':
      return step.test.id;
    case 'after-model':
      return `${step.plugin} afterModel ${step.model.name}`;
    case 'after-run':
      return `${step.plugin} afterRun`;
  }
}
