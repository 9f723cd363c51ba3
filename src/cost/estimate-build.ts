import type { Adapter } from '../adapters/adapter.js';
import type { CompiledModel } from '../compile/compiled-model.js';
import { PdbError } from '../errors/pdb-error.js';
import type { ModelId } from '../project/types.js';
import { costOfBytes, DEFAULT_PRICE_PER_TIB, summarize, type CostEstimate, type CostRow } from './cost-estimate.js';
import { inlineUpstream } from './inline-upstream.js';

export interface EstimateOptions {
  /** USD per TiB processed (default 6.25, BigQuery on-demand). */
  readonly pricePerTiB?: number;
  readonly fullRefresh: boolean;
  /** Called as each model is estimated, for progress output. */
  readonly onRow?: (row: CostRow) => void;
  /** Ctrl-C: the dry run under way is stopped, and the models not estimated yet are unknown ('cancelled'). */
  readonly signal?: AbortSignal;
}

/**
 * Dry-runs, in build order, the statement each model's build would run, and prices it.
 * When a dry run fails because upstream tables do not exist yet, it is tried again with them
 * inlined; when that cannot help, the model's cost is unknown, with the reason (never zero).
 * Ephemeral models are inlined into their readers and have no row of their own.
 */
export async function estimateBuild(models: readonly CompiledModel[], adapter: Adapter, options: EstimateOptions): Promise<CostEstimate> {
  const estimator = new DryRunEstimator(models, adapter, options);
  const rows: CostRow[] = [];
  const interrupt = (): void => adapter.interrupt();
  options.signal?.addEventListener('abort', interrupt, { once: true });
  try {
    for (const model of models) {
      if (model.config.materialized === 'ephemeral') continue;
      const row = options.signal?.aborted === true ? cancelledRow(model) : await estimator.estimate(model);
      rows.push(row);
      options.onRow?.(row);
    }
  } finally {
    options.signal?.removeEventListener('abort', interrupt);
  }
  return summarize(rows, estimator.pricePerTiB);
}

/**
 * The dry run of one model at a time, among the models of a build (`models`, ephemeral ones
 * included): the plan's dry-run steps and estimateBuild both use it. Whether an upstream table
 * exists is asked once per build. Throws when the engine has no dry run.
 */
export class DryRunEstimator {
  readonly pricePerTiB: number;
  private readonly dryRun: NonNullable<Adapter['dryRun']>;
  private readonly byId: ReadonlyMap<ModelId, CompiledModel>;
  private readonly order: ReadonlyMap<ModelId, number>;
  private readonly exists = new Map<ModelId, Promise<boolean>>();

  constructor(models: readonly CompiledModel[], private readonly adapter: Adapter, private readonly options: Pick<EstimateOptions, 'pricePerTiB' | 'fullRefresh' | 'signal'>) {
    const dryRun = adapter.dryRun?.bind(adapter);
    if (dryRun === undefined) {
      throw new PdbError({
        code: 'E_DRY_RUN_UNSUPPORTED',
        message: `the ${adapter.dialect.type} engine has no dry run, so the cost of a build cannot be estimated.`,
        hint: 'Dry runs and budgets are for BigQuery targets: choose one with --target, or build without --dry-run / --max-bytes.',
        location: { file: '--dry-run' },
      });
    }
    this.dryRun = dryRun;
    this.pricePerTiB = options.pricePerTiB ?? DEFAULT_PRICE_PER_TIB;
    this.byId = new Map(models.map((m) => [m.id, m]));
    this.order = new Map(models.map((m, index) => [m.id, index]));
  }

  private existsNow(m: CompiledModel): Promise<boolean> {
    let known = this.exists.get(m.id);
    if (known === undefined) this.exists.set(m.id, (known = this.adapter.relationExists(m)));
    return known;
  }

  async estimate(model: CompiledModel): Promise<CostRow> {
    const { byId, order, pricePerTiB, options } = this;
    const base = { model: model.name, materialized: model.config.materialized };
    const unknown = (reason: string): CostRow => ({ ...base, bytes: null, cost: null, status: 'unknown', reason });
    const inlined: CompiledModel[] = [];
    for (;;) {
      inlined.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
      const candidate = inlined.length === 0 ? model : inlineUpstream(model, inlined);
      const outcome = await this.dryRun(candidate, { fullRefresh: options.fullRefresh });
      if (outcome.ok) {
        const { bytes } = outcome.value;
        if (bytes === null) return unknown('the dry run gave no byte count');
        const note = inlined.length === 0 ? {} : { reason: `${names(inlined)} not built yet: estimated with ${inlined.length === 1 ? 'it' : 'them'} inlined, which may count more than the build reads` };
        return { ...base, bytes, cost: costOfBytes(bytes, pricePerTiB), status: 'estimated', ...note };
      }
      if (outcome.error.interrupted === true || options.signal?.aborted === true) return cancelledRow(model);
      const failed = `the dry run failed: ${outcome.error.message}`;
      // Missing tables among what the model (and what was inlined into it) reads.
      const readers = [model, ...inlined];
      const upstream = [...new Set(readers.flatMap((m) => m.dependsOn.models))].filter((id) => !inlined.some((m) => m.id === id));
      const missing: ModelId[] = [];
      for (const id of upstream) {
        const parent = byId.get(id);
        if (parent === undefined || parent.config.materialized === 'ephemeral') continue;
        if (!(await this.existsNow(parent))) missing.push(id);
      }
      // An upstream outside the build has no SQL here to inline.
      const outside = upstream.filter((id) => !byId.has(id));
      if (missing.length === 0) return unknown(outside.length === 0 ? failed : `${failed} (upstream ${outside.join(', ')} is not in this build and may not exist yet)`);
      inlined.push(...missing.map((id) => byId.get(id)!));
    }
  }
}

/** The row of a model whose dry run Ctrl-C stopped or kept from starting: its cost is unknown. */
export const cancelledRow = (model: CompiledModel): CostRow => ({ model: model.name, materialized: model.config.materialized, bytes: null, cost: null, status: 'unknown', reason: 'cancelled' });

const names = (models: readonly CompiledModel[]): string => models.map((m) => m.name).join(', ');
