import type { Adapter } from '../adapters/adapter.js';
import type { PlanStep } from '../plan/plan-step.js';
import type { NodeResult, RunResults } from './run-results.js';
import { isFailure } from './run-results.js';
import { runStep } from './run-step.js';

export interface RunOptions {
  readonly threads: number;
  readonly failFast: boolean;
  readonly fullRefresh: boolean;
  /** Path of a model's compiled SQL, for engine errors. */
  readonly compiledPathOf: (modelPath: string) => string;
  readonly onStart?: (step: PlanStep) => void;
  readonly onResult?: (result: NodeResult, done: number, total: number) => void;
  /** Results that stand without running their step (unchanged inputs), by step id. */
  readonly reused?: ReadonlyMap<string, NodeResult>;
  /** Set when the user pressed Ctrl-C: nothing new starts. */
  readonly signal?: AbortSignal;
}

/**
 * Runs the plan in dependency order with at most `threads` steps at once. A step whose
 * prerequisites failed or were skipped is skipped, naming the first cause.
 */
export async function runPlan(steps: readonly PlanStep[], adapter: Adapter, options: RunOptions): Promise<RunResults> {
  const started = performance.now();
  const results = new Map<string, NodeResult>();
  const pending = [...steps];
  const running = new Map<string, Promise<void>>();
  const inPlan = new Set(steps.map((s) => s.id));
  let stopping = false;
  const ordered: NodeResult[] = [];
  // Ctrl-C: stop the queries under way too, not only what has yet to start.
  const interrupt = (): void => adapter.interrupt();
  options.signal?.addEventListener('abort', interrupt, { once: true });

  const record = (result: NodeResult): void => {
    results.set(result.id, result);
    ordered.push(result);
    if (options.failFast && isFailure(result.status)) stopping = true;
    options.onResult?.(result, ordered.length, steps.length);
  };

  while (pending.length > 0 || running.size > 0) {
    if (options.signal?.aborted) stopping = true;
    const before = ordered.length;
    for (let i = 0; i < pending.length && running.size < options.threads; ) {
      const step = pending[i]!;
      const waits = step.waitsFor.filter((id) => inPlan.has(id));
      const blocker = waits.find((id) => results.has(id) && !['success', 'pass', 'warn'].includes(results.get(id)!.status));
      if (stopping || blocker !== undefined) {
        pending.splice(i, 1);
        record(skipped(step, stopping ? (options.signal?.aborted ? 'cancelled' : 'an earlier failure (--fail-fast)') : blocker!));
        continue;
      }
      const reused = options.reused?.get(step.id);
      if (reused !== undefined && waits.every((id) => results.has(id))) {
        pending.splice(i, 1);
        record(reused);
        continue;
      }
      if (waits.every((id) => results.has(id))) {
        pending.splice(i, 1);
        options.onStart?.(step);
        running.set(step.id, runStep(step, adapter, options).then((result) => {
          running.delete(step.id);
          record(result);
        }));
        continue;
      }
      i += 1;
    }
    if (running.size > 0) await Promise.race(running.values());
    else if (ordered.length > before) continue; // reused results may have unblocked steps earlier in the queue
    else if (pending.length > 0 && !stopping) {
      // Nothing can start and nothing runs: the remaining steps wait for steps outside the plan.
      for (const step of pending.splice(0)) record(skipped(step, 'a prerequisite that is not in this run'));
    }
  }
  options.signal?.removeEventListener('abort', interrupt);
  // Reported live in the order steps finish; recorded in plan order, the same from run to run.
  const planIndex = new Map(steps.map((step, i) => [step.id, i]));
  const inPlanOrder = [...ordered].sort((a, b) => planIndex.get(a.id)! - planIndex.get(b.id)!);
  return { results: inPlanOrder, seconds: (performance.now() - started) / 1000, cancelled: options.signal?.aborted ?? false };
}

function skipped(step: PlanStep, because: string): NodeResult {
  const cancelled = because === 'cancelled';
  return {
    id: step.id,
    kind: step.kind === 'materialize' ? 'model' : 'test',
    name: step.kind === 'materialize' ? step.model.name : step.test.id,
    status: cancelled ? 'cancelled' : 'skipped',
    seconds: 0,
    ...(cancelled ? {} : { skippedBecause: because }),
  };
}
