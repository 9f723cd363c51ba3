import type { Adapter } from '../adapters/adapter.js';
import { withPlainNumbers } from '../adapters/plain-numbers.js';
import type { PlanStep } from '../plan/plan-step.js';
import type { RunOptions } from './run-plan.js';
import type { NodeResult } from './run-results.js';

const SAMPLE_ROWS = 5;

/** Runs one step on the engine; engine errors become a result, never an exception. */
export async function runStep(step: PlanStep, adapter: Adapter, options: RunOptions): Promise<NodeResult> {
  const started = performance.now();
  const seconds = (): number => (performance.now() - started) / 1000;
  switch (step.kind) {
    case 'materialize': {
      const { model } = step;
      const outcome = await adapter.materialize(model, { fullRefresh: options.fullRefresh });
      const base = { id: step.id, kind: 'model' as const, name: model.name, relation: model.relation, materialized: model.config.materialized };
      if (outcome.ok) return { ...base, status: 'success', seconds: seconds(), rows: outcome.value.rows };
      return {
        ...base,
        status: outcome.error.interrupted ? 'cancelled' : 'error',
        seconds: seconds(),
        message: outcome.error.message,
        location: { file: options.compiledPathOf(model.path), ...(outcome.error.line === undefined ? {} : { line: outcome.error.line }) },
      };
    }
    case 'test': {
      const { test } = step;
      const base = { id: step.id, kind: 'test' as const, name: test.id, model: test.model };
      const count = await adapter.query(`select count(*) as failures from (\n${test.sql}\n) as failing`);
      if (!count.ok) {
        return { ...base, status: count.error.interrupted ? 'cancelled' : 'error', seconds: seconds(), message: count.error.message, location: { file: test.location.file, line: test.location.line } };
      }
      const failures = Number(count.value.rows[0]?.failures ?? 0);
      if (failures === 0) return { ...base, status: 'pass', seconds: seconds(), failures };
      const sample = await adapter.query(`select * from (\n${test.sql}\n) as failing limit ${SAMPLE_ROWS}`);
      return {
        ...base,
        status: test.severity === 'warn' ? 'warn' : 'fail',
        seconds: seconds(),
        failures,
        sample: sample.ok ? withPlainNumbers(sample.value.rows, sample.value) : [],
        location: { file: test.location.file, line: test.location.line },
      };
    }
  }
}
