import { checkBudget } from '../cost/check-budget.js';
import { DEFAULT_PRICE_PER_TIB, summarize, type CostRow } from '../cost/cost-estimate.js';
import { cancelledRow } from '../cost/estimate-build.js';
import type { PlanStep } from '../plan/plan-step.js';
import type { RunOptions } from './run-plan.js';
import type { StepOutcome } from './run-step.js';

type DryRunStep = Extract<PlanStep, { kind: 'dry-run' }>;
type EstimateStep = Extract<PlanStep, { kind: 'estimate' }>;

/**
 * One model's dry run (RunOptions.dryRun, see cost/estimate-build.ts). An unknown cost does not
 * stop the steps after it: the estimate step judges the rows together.
 */
export async function runDryRun(step: DryRunStep, options: RunOptions): Promise<StepOutcome> {
  if (options.dryRun === undefined) throw new Error(`the plan has the dry-run step '${step.id}' but runPlan was given no dryRun`);
  return { results: [], status: 'success', costRow: options.signal?.aborted === true ? cancelledRow(step.model) : await options.dryRun(step.model) };
}

/**
 * The dry runs summed up (in build order) and shown (onEstimate), then checked against the
 * budget: over it, or with a cost unknown, the run is refused and nothing after it starts.
 * Stopped by Ctrl-C, the estimate is no verdict on the budget.
 */
export async function runEstimate(step: EstimateStep, options: RunOptions, rows: readonly CostRow[]): Promise<StepOutcome> {
  const estimate = summarize(rows, step.gate.pricePerTiB ?? DEFAULT_PRICE_PER_TIB);
  await options.onEstimate?.(estimate);
  const { budget } = step.gate;
  const refusal = budget === undefined || options.signal?.aborted === true ? undefined : checkBudget(estimate, budget.maxBytes, budget.origin);
  return { results: [], status: refusal === undefined ? 'success' : 'error', estimate, ...(refusal === undefined ? {} : { refusal }) };
}
