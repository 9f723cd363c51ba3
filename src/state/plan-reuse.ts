import { createHash } from 'node:crypto';
import type { Adapter } from '../adapters/adapter.js';
import type { CompiledModel } from '../compile/compiled-model.js';
import type { CompiledTest } from '../compile/compiled-test.js';
import { modelStepId, testStepId } from '../plan/plan-step.js';
import type { NodeResult } from '../runner/run-results.js';
import { modelFingerprints } from './model-fingerprint.js';
import type { StateStore } from './state-store.js';

export interface ReuseInputs {
  readonly models: readonly CompiledModel[];
  readonly tests: readonly CompiledTest[];
  readonly store: StateStore;
  readonly targetKey: string;
  readonly adapter: Adapter;
  readonly sources: ReadonlyMap<string, string | null>;
  /** Relation of a model outside the run (to look up what its table holds), by name. */
  readonly relationOf: (name: string) => string | undefined;
  /** False with --no-cache or --full-refresh: fingerprints are still recorded, nothing is reused. */
  readonly reuse: boolean;
}

export interface ReusePlan {
  /** Steps whose result stands without running them, by step id. */
  readonly reused: ReadonlyMap<string, NodeResult>;
  /** What each model and test step builds or checks, for the store. */
  readonly fingerprints: ReadonlyMap<string, string | undefined>;
}

/**
 * Decides which steps need not run: a model whose fingerprint equals what its table holds (and
 * the table is still there with the rows it was built with), and a passing test whose query and
 * inputs are the same as when it last passed. Everything else runs.
 */
export async function planReuse(inputs: ReuseInputs): Promise<ReusePlan> {
  const { models, tests, store, targetKey, adapter } = inputs;
  const built = await store.builtRelations(targetKey);
  const names = new Set(models.map((m) => m.name));
  const outside = new Map<string, string | undefined>();
  for (const id of new Set(models.flatMap((m) => m.dependsOn.models))) {
    if (names.has(id)) continue;
    const relation = inputs.relationOf(id);
    outside.set(id, relation === undefined ? undefined : built.get(relation)?.fingerprint);
  }
  const byModel = modelFingerprints(models, inputs.sources, outside);
  const fingerprints = new Map<string, string | undefined>();
  const reused = new Map<string, NodeResult>();
  const reusedModels = new Set<string>([...outside].filter(([, f]) => f !== undefined).map(([name]) => name));

  for (const model of models) {
    const fingerprint = byModel.get(model.name);
    fingerprints.set(modelStepId(model.name), fingerprint);
    if (!inputs.reuse || fingerprint === undefined || model.config.materialized === 'ephemeral') continue;
    const before = built.get(model.relation);
    if (before?.fingerprint !== fingerprint || !(await stillThere(adapter, model, before.rows))) continue;
    reusedModels.add(model.name);
    reused.set(modelStepId(model.name), {
      id: modelStepId(model.name), kind: 'model', name: model.name, status: 'success', seconds: 0, reused: true,
      relation: model.relation, materialized: model.config.materialized, rows: before.rows,
    });
  }

  const testPrints = new Map<string, string>();
  for (const test of tests) {
    const upstream = test.dependsOn.map((id) => byModel.get(id));
    const fingerprint = upstream.some((f) => f === undefined) ? undefined : digest({ sql: test.sql, severity: test.severity, upstream });
    fingerprints.set(testStepId(test.id), fingerprint);
    if (fingerprint !== undefined && test.dependsOn.every((id) => reusedModels.has(id))) testPrints.set(test.id, fingerprint);
  }
  const previous = inputs.reuse ? await store.stepsByFingerprint(targetKey, [...testPrints.values()]) : new Map();
  for (const [id, fingerprint] of testPrints) {
    const step = previous.get(fingerprint);
    // Only passes are reused: a failing test runs again, so its failing rows are shown fresh.
    if (step?.status !== 'pass') continue;
    reused.set(testStepId(id), { id: testStepId(id), kind: 'test', name: id, status: 'pass', seconds: 0, failures: 0, reused: true });
  }
  return { reused, fingerprints };
}

/** The table is there and unmodified as far as the engine can tell cheaply (its row count). */
async function stillThere(adapter: Adapter, model: CompiledModel, rows: number | null): Promise<boolean> {
  if (!(await adapter.relationExists(model))) return false;
  if (rows === null) return true;
  const counted = await adapter.query(`select count(*) as n from ${model.relation}`);
  return counted.ok && Number(counted.value.rows[0]?.n) === rows;
}

const digest = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex');
