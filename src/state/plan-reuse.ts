import { createHash } from 'node:crypto';
import type { Adapter } from '../adapters/adapter.js';
import type { CompiledModel } from '../compile/compiled-model.js';
import type { CompiledTest } from '../compile/compiled-test.js';
import { modelStepId, testStepId } from '../plan/plan-step.js';
import type { NodeResult } from '../runner/run-results.js';
import { modelFingerprints } from './model-fingerprint.js';
import type { StateStore } from './state-store.js';
import type { BuiltRelation } from './state-types.js';

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
  /** The run that built each reused model's table, by step id. */
  readonly builtBy: ReadonlyMap<string, string>;
  /** What the store knows each relation of the target holds, by relation. */
  readonly built: ReadonlyMap<string, BuiltRelation>;
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
  const builtBy = new Map<string, string>();
  const reusedModels = new Set<string>([...outside].filter(([, f]) => f !== undefined).map(([name]) => name));

  const candidates: CompiledModel[] = [];
  for (const model of models) {
    const fingerprint = byModel.get(model.name);
    fingerprints.set(modelStepId(model.name), fingerprint);
    if (!inputs.reuse || fingerprint === undefined || model.config.materialized === 'ephemeral') continue;
    if (built.get(model.relation)?.fingerprint === fingerprint) candidates.push(model);
  }
  const present = await presentRows(adapter, candidates);
  for (const model of candidates) {
    const before = built.get(model.relation)!;
    // Still there, with the rows it was built with: as far as the engine can tell cheaply, unmodified.
    if (!present.has(model.name) || (before.rows !== null && present.get(model.name) !== before.rows)) continue;
    reusedModels.add(model.name);
    builtBy.set(modelStepId(model.name), before.runId);
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
  return { reused, fingerprints, builtBy, built };
}

/** The models whose relation exists, with its row count (null: a view), in one call where the engine can. */
async function presentRows(adapter: Adapter, models: readonly CompiledModel[]): Promise<ReadonlyMap<string, number | null>> {
  if (models.length === 0) return new Map();
  if (adapter.existingRowCounts !== undefined) {
    const counted = await adapter.existingRowCounts(models);
    return counted.ok ? counted.value : new Map();
  }
  const out = new Map<string, number | null>();
  for (const model of models) {
    if (!(await adapter.relationExists(model))) continue;
    const counted = model.config.materialized === 'view' ? undefined : await adapter.query(`select count(*) as n from ${model.relation}`);
    if (counted === undefined || counted.ok) out.set(model.name, counted === undefined ? null : Number(counted.value.rows[0]?.n));
  }
  return out;
}

const digest = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex');
