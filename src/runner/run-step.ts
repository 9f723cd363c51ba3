import type { Adapter, Built, EngineError } from '../adapters/adapter.js';
import { withPlainNumbers } from '../adapters/plain-numbers.js';
import { judge, type DataQualityReport } from '../data-quality/run-data-quality.js';
import { CHECK_NAMES } from '../data-quality/thresholds.js';
import type { CostEstimate, CostRow } from '../cost/cost-estimate.js';
import type { PdbError } from '../errors/pdb-error.js';
import type { PlanStep } from '../plan/plan-step.js';
import type { RunOptions } from './run-plan.js';
import type { NodeResult, NodeStatus } from './run-results.js';

const SAMPLE_ROWS = 5;

/**
 * What one step gave: its results (one, or one per data-quality check), and the data-quality
 * report; a dry run's cost instead of a result, the estimate and the budget's refusal.
 */
export interface StepOutcome {
  readonly results: readonly NodeResult[];
  /** What gates the steps that wait for this one, when it has no result of its own. */
  readonly status?: NodeStatus;
  readonly dataQuality?: DataQualityReport;
  readonly costRow?: CostRow;
  readonly estimate?: CostEstimate;
  readonly refusal?: PdbError;
}

/** The steps runStep runs on the engine itself. */
export type EngineStep = Extract<PlanStep, { kind: 'materialize' | 'stage' | 'publish' | 'data-quality' | 'test' }>;

/** Runs one step on the engine (hooks run through RunOptions.runHook); engine errors become a result, never an exception. */
export async function runStep(step: EngineStep, adapter: Adapter, options: RunOptions): Promise<StepOutcome> {
  const started = performance.now();
  const seconds = (): number => (performance.now() - started) / 1000;
  const failed = (error: EngineError): { status: 'cancelled' | 'error'; message: string } => ({ status: error.interrupted ? 'cancelled' : 'error', message: error.message });
  switch (step.kind) {
    case 'materialize':
    case 'stage':
    case 'publish': {
      const { model } = step;
      const rebuilt = options.fullRefresh || step.kind === 'publish' ? undefined : options.rebuiltInFull?.get(model.name);
      const fullRefresh = options.fullRefresh || rebuilt !== undefined;
      const outcome = step.kind === 'materialize' ? await adapter.materialize(model, { fullRefresh }) : step.kind === 'stage' ? await adapter.stage(model, { fullRefresh }) : await adapter.publish(model);
      const base = { id: step.id, kind: step.kind === 'stage' ? ('stage' as const) : ('model' as const), name: model.name, relation: model.relation, materialized: model.config.materialized, ...(rebuilt === undefined ? {} : { rebuiltInFull: rebuilt }) };
      if (outcome.ok) {
        const { increment } = outcome.value as Built;
        return { results: [{ ...base, status: 'success', seconds: seconds(), rows: outcome.value.rows, ...(increment === undefined ? {} : { increment }) }] };
      }
      const location = { file: options.compiledPathOf(model.path), ...(outcome.error.line === undefined ? {} : { line: outcome.error.line }) };
      return { results: [{ ...base, ...failed(outcome.error), seconds: seconds(), location }] };
    }
    case 'data-quality': {
      const { query, config } = step.gate;
      const outcome = await adapter.query(query.sql);
      if (!outcome.ok) {
        const { status, message } = failed(outcome.error);
        return { results: CHECK_NAMES.map((name) => ({ id: `test.data_quality.${name}`, kind: 'test', name: `data_quality.${name}`, status, seconds: seconds(), message: `the data-quality query failed: ${message}` })) };
      }
      const report = judge(outcome.value.rows[0] ?? {}, query, config);
      const results: NodeResult[] = report.checks.map((c) => ({
        id: `test.data_quality.${c.name}`,
        kind: 'test',
        name: `data_quality.${c.name}`,
        status: c.status,
        seconds: seconds(),
        ...(c.status === 'pass' ? {} : { message: c.detail }),
      }));
      return { results, dataQuality: report };
    }
    case 'test': {
      const { test } = step;
      const base = { id: step.id, kind: 'test' as const, name: test.id, model: test.model };
      const count = await adapter.query(`select count(*) as failures from (\n${test.sql}\n) as failing`);
      if (!count.ok) {
        return { results: [{ ...base, ...failed(count.error), seconds: seconds(), location: { file: test.location.file, line: test.location.line } }] };
      }
      const failures = Number(count.value.rows[0]?.failures ?? 0);
      if (failures === 0) return { results: [{ ...base, status: 'pass', seconds: seconds(), failures }] };
      const sample = await adapter.query(`select * from (\n${test.sql}\n) as failing limit ${SAMPLE_ROWS}`);
      return {
        results: [{
          ...base,
          status: test.severity === 'warn' ? 'warn' : 'fail',
          seconds: seconds(),
          failures,
          sample: sample.ok ? withPlainNumbers(sample.value.rows, sample.value) : [],
          location: { file: test.location.file, line: test.location.line },
        }],
      };
    }
  }
}
