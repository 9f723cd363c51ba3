import type { Adapter } from '../adapters/adapter.js';
import type { CostEstimate, CostRow } from '../cost/cost-estimate.js';
import type { CompiledModel } from '../compile/compiled-model.js';
import type { DataQualityReport } from '../data-quality/run-data-quality.js';
import { CHECK_NAMES } from '../data-quality/thresholds.js';
import { isHookStep, stepName, type HookStep, type PlanStep } from '../plan/plan-step.js';
import type { NodeResult, NodeStatus, RunResults } from './run-results.js';
import { isFailure } from './run-results.js';
import { cancelledRow } from '../cost/estimate-build.js';
import { runDryRun, runEstimate } from './run-estimate.js';
import { runStep, type StepOutcome } from './run-step.js';
import { skipReasonText, type SkipReason } from './skip-reason.js';

export interface RunOptions {
  readonly threads: number;
  readonly failFast: boolean;
  readonly fullRefresh: boolean;
  /** Incremental models built from scratch without --full-refresh, with why (see state/changed-shards.ts). */
  readonly rebuiltInFull?: ReadonlyMap<string, string>;
  /** Path of a model's compiled SQL, for engine errors. */
  readonly compiledPathOf: (modelPath: string) => string;
  readonly onStart?: (step: PlanStep) => void;
  readonly onResult?: (result: NodeResult, done: number, total: number) => void;
  /** The data-quality report, as soon as the checks are judged (their results are not passed to onResult). */
  readonly onDataQuality?: (report: DataQualityReport) => void;
  /** Results that stand without running their step (unchanged inputs), by step id. */
  readonly reused?: ReadonlyMap<string, NodeResult>;
  /** Set when the user pressed Ctrl-C: nothing new starts. */
  readonly signal?: AbortSignal;
  /**
   * Runs a plugin hook step, given the results so far in plan order (see plugins/run-hooks.ts);
   * a hook's failure is its result, never an exception. Needed by a plan with hook steps.
   */
  readonly runHook?: (step: HookStep, resultsSoFar: readonly NodeResult[]) => Promise<NodeResult>;
  /** A model's dry run and its price (see cost/estimate-build.ts). Needed by a plan with dry-run steps. */
  readonly dryRun?: (model: CompiledModel) => Promise<CostRow>;
  /** The estimate, once every dry run is done (their rows are not passed to onResult), before the budget is checked. */
  readonly onEstimate?: (estimate: CostEstimate) => void | Promise<void>;
}

/** Why the run stopped starting steps, when it did. */
type Stop = { readonly kind: 'fail-fast' } | { readonly kind: 'data-quality' } | { readonly kind: 'budget' } | { readonly kind: 'cancelled' };

/**
 * Whether a step still runs once the run has stopped: the estimate always (it sums up the dry
 * runs, even those Ctrl-C stopped); a hook, unless Ctrl-C or the budget stopped the run.
 */
const runsAfterStop = (step: PlanStep, stop: Stop): boolean => step.kind === 'estimate' || (isHookStep(step) && stop.kind !== 'cancelled' && stop.kind !== 'budget');

/** Steps with no result of their own in progress and run results (shown by onDataQuality and onEstimate). */
const unreported = (step: PlanStep): boolean => step.kind === 'data-quality' || step.kind === 'dry-run' || step.kind === 'estimate';

/**
 * Runs the plan in dependency order with at most `threads` steps at once. A step whose
 * prerequisites failed or were skipped is skipped, naming the first cause. A failed data-quality
 * gate stops the run: nothing after it starts, and the table it checked is dropped unpublished.
 * So does a build over its budget (the estimate step), before any step that runs a query.
 *
 * Plugin hooks report on what the run did, so a stop (--fail-fast, the data-quality gate) does
 * not skip them, only Ctrl-C does: an afterModel runs when its model was built, an afterRun once
 * every step it waits for is done, however it ended. Hooks run one at a time, as they always
 * have, so a plugin never sees two of its hooks interleave.
 */
export async function runPlan(steps: readonly PlanStep[], adapter: Adapter, options: RunOptions): Promise<RunResults> {
  const started = performance.now();
  const statusOf = new Map<string, NodeStatus>();
  const pending = [...steps];
  const running = new Map<string, Promise<void>>();
  const inPlan = new Set(steps.map((s) => s.id));
  const total = steps.filter((step) => !unreported(step)).length;
  let reported = 0;
  let stop: Stop | undefined;
  let dataQuality: DataQualityReport | undefined;
  const costRows = new Map<string, CostRow>();
  let estimate: StepOutcome['estimate'];
  let refusal: StepOutcome['refusal'];
  const ordered: NodeResult[] = [];
  const planIndex = new Map(steps.map((step, i) => [step.id, i]));
  const stepIndex = new Map<NodeResult, number>();
  /** Steps skipped because the run stopped (not because of a failed prerequisite). */
  const stoppedSteps = new Set<string>();
  let hookRunning = false;
  // Ctrl-C: stop the queries under way too, not only what has yet to start.
  const interrupt = (): void => adapter.interrupt();
  options.signal?.addEventListener('abort', interrupt, { once: true });

  // Reported live in the order steps finish; recorded in plan order, the same from run to run.
  const inPlanOrder = (results: readonly NodeResult[]): NodeResult[] => [...results].sort((a, b) => stepIndex.get(a)! - stepIndex.get(b)!);

  const record = (step: PlanStep, outcome: StepOutcome, report = true): void => {
    const status = outcome.status ?? stepStatus(step, outcome.results);
    statusOf.set(step.id, status);
    if (outcome.costRow !== undefined) costRows.set(step.id, outcome.costRow);
    if (outcome.estimate !== undefined) estimate = outcome.estimate;
    if (outcome.refusal !== undefined) refusal = outcome.refusal;
    if (outcome.refusal !== undefined && stop === undefined) stop = { kind: 'budget' };
    if (outcome.dataQuality !== undefined) {
      dataQuality = outcome.dataQuality;
      options.onDataQuality?.(outcome.dataQuality);
    }
    // A failed hook touches nothing else of the build: not even --fail-fast stops for it.
    if (stop === undefined && options.failFast && isFailure(status) && !isHookStep(step)) stop = { kind: 'fail-fast' };
    if (stop === undefined && step.kind === 'data-quality' && isFailure(status)) stop = { kind: 'data-quality' };
    for (const result of outcome.results) {
      ordered.push(result);
      stepIndex.set(result, planIndex.get(step.id)!);
      // The checks' results are shown by onDataQuality when they were judged.
      if (report && outcome.dataQuality === undefined) {
        reported += 1;
        options.onResult?.(result, reported, Math.max(total, reported));
      }
    }
  };

  while (pending.length > 0 || running.size > 0) {
    if (options.signal?.aborted) stop = { kind: 'cancelled' };
    const before = statusOf.size;
    for (let i = 0; i < pending.length && running.size < options.threads; ) {
      const step = pending[i]!;
      const waits = step.waitsFor.filter((id) => inPlan.has(id));
      // An afterRun runs after failures too, and the estimate after dry runs Ctrl-C stopped: they wait only for their steps to be done.
      const blocker = step.kind === 'after-run' || step.kind === 'estimate' ? undefined : waits.find((id) => statusOf.has(id) && !['success', 'pass', 'warn'].includes(statusOf.get(id)!));
      const halted = stop !== undefined && !runsAfterStop(step, stop);
      if (halted || blocker !== undefined) {
        pending.splice(i, 1);
        // A hook of a model the stop kept from building is skipped for the stop's reason.
        const reason = halted || stoppedSteps.has(blocker!) ? stop! : { kind: 'upstream' as const, step: blocker! };
        if (reason.kind !== 'upstream') stoppedSteps.add(step.id);
        // Steps a stopped gate keeps from starting are summed up by the caller, not listed one by one.
        record(step, skipped(step, reason), reason.kind !== 'data-quality' && reason.kind !== 'budget');
        continue;
      }
      const reused = options.reused?.get(step.id);
      if (reused !== undefined && waits.every((id) => statusOf.has(id))) {
        pending.splice(i, 1);
        record(step, { results: [reused] });
        continue;
      }
      if (waits.every((id) => statusOf.has(id)) && !(isHookStep(step) && hookRunning)) {
        pending.splice(i, 1);
        // onStart pairs with onResult: a step with no result line of its own would show as running to the end.
        if (!unreported(step)) options.onStart?.(step);
        const hook = isHookStep(step);
        if (hook) hookRunning = true;
        const outcome = hook
          ? runHookStep(step, options, inPlanOrder(ordered))
          : step.kind === 'dry-run'
            ? runDryRun(step, options)
            : step.kind === 'estimate'
              ? runEstimate(step, options, steps.flatMap((s) => costRows.get(s.id) ?? []))
              : runStep(step, adapter, options);
        running.set(step.id, outcome.then((outcome) => {
          running.delete(step.id);
          if (hook) hookRunning = false;
          record(step, outcome);
        }));
        continue;
      }
      i += 1;
    }
    if (running.size > 0) await Promise.race(running.values());
    else if (statusOf.size > before) continue; // steps recorded without running (reused, skipped) may have unblocked steps earlier in the queue
    else if (pending.length > 0) {
      // Nothing can start and nothing runs: the remaining steps wait for steps outside the plan.
      for (const step of pending.splice(0)) record(step, skipped(step, { kind: 'outside-run' }));
    }
  }
  options.signal?.removeEventListener('abort', interrupt);
  // A table staged for the data-quality gate but never published is dropped.
  for (const step of steps) if (step.kind === 'stage' && statusOf.get(step.id) === 'success' && !steps.some((s) => s.kind === 'publish' && s.model.id === step.model.id && statusOf.get(s.id) === 'success')) await adapter.discard(step.model);
  return {
    results: inPlanOrder(ordered),
    seconds: (performance.now() - started) / 1000,
    cancelled: options.signal?.aborted ?? false,
    ...(dataQuality === undefined ? {} : { dataQuality }),
    ...(stop?.kind === 'data-quality' ? { stoppedByDataQuality: true } : {}),
    ...(estimate === undefined ? {} : { estimate }),
    ...(refusal === undefined ? {} : { refusal }),
  };
}

/**
 * The status that gates what waits for a step: its result's, or for the data-quality step, a
 * failure only when a check failed (or could not run) and the gate is on.
 */
function stepStatus(step: PlanStep, results: readonly NodeResult[]): NodeStatus {
  if (step.kind !== 'data-quality') return results[0]?.status ?? 'error';
  if (results.some((r) => r.status === 'cancelled')) return 'cancelled';
  if (results.some((r) => r.status === 'skipped')) return 'skipped';
  const failed = results.find((r) => isFailure(r.status));
  return failed !== undefined && step.gate.stopOnFailure ? failed.status : 'success';
}

/** A hook step through the caller's runHook: its one result. */
async function runHookStep(step: HookStep, options: RunOptions, resultsSoFar: readonly NodeResult[]): Promise<StepOutcome> {
  if (options.runHook === undefined) throw new Error(`the plan has the hook step '${step.id}' but runPlan was given no runHook`);
  const result = await options.runHook(step, resultsSoFar);
  // Ctrl-C while the hook ran interrupts its queries: the failure that follows is the interruption.
  return { results: [options.signal?.aborted === true && result.status === 'error' ? { ...result, status: 'cancelled' } : result] };
}

function skipped(step: PlanStep, reason: SkipReason | Stop): StepOutcome {
  const base = (id: string, kind: NodeResult['kind'], name: string): NodeResult =>
    reason.kind === 'cancelled' ? { id, kind, name, status: 'cancelled', seconds: 0 } : { id, kind, name, status: 'skipped', seconds: 0, skippedBecause: skipReasonText(reason) };
  switch (step.kind) {
    case 'dry-run':
      // Only Ctrl-C keeps a dry run from starting: its cost is unknown.
      return { results: [], status: reason.kind === 'cancelled' ? 'cancelled' : 'skipped', costRow: cancelledRow(step.model) };
    case 'estimate':
      return { results: [], status: reason.kind === 'cancelled' ? 'cancelled' : 'skipped' };
    case 'data-quality':
      return { results: CHECK_NAMES.map((name) => base(`test.data_quality.${name}`, 'test', `data_quality.${name}`)) };
    case 'stage':
      return { results: [base(step.id, 'stage', stepName(step))] };
    case 'materialize':
    case 'publish':
      return { results: [base(step.id, 'model', stepName(step))] };
    case 'test':
      return { results: [base(step.id, 'test', stepName(step))] };
    case 'after-model':
    case 'after-run':
      return { results: [base(step.id, 'hook', stepName(step))] };
  }
}
