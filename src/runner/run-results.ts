import type { Increment } from '../adapters/adapter.js';
import type { CostEstimate } from '../cost/cost-estimate.js';
import type { DataQualityReport } from '../data-quality/run-data-quality.js';
import type { PdbError } from '../errors/pdb-error.js';

export type NodeStatus = 'success' | 'error' | 'skipped' | 'pass' | 'warn' | 'fail' | 'cancelled';

/** What happened to one step: the record in target/run_results.json. */
export interface NodeResult {
  readonly id: string;
  /** `stage`: a table built under a temporary name, swapped in by its model's step once checked. */
  readonly kind: 'model' | 'stage' | 'test' | 'hook';
  readonly name: string;
  readonly status: NodeStatus;
  readonly seconds: number;
  /** Tests: the model the test is declared on. */
  readonly model?: string;
  readonly relation?: string;
  readonly materialized?: string;
  readonly rows?: number | null;
  /** An incremental run: the rows it recomputed, from which date, or every date (see Adapter's Increment). */
  readonly increment?: Increment;
  /** An incremental model built from scratch this run although its table existed, and why (see state/changed-shards.ts). */
  readonly rebuiltInFull?: string;
  readonly failures?: number;
  /** A few failing rows of a test. */
  readonly sample?: readonly Readonly<Record<string, unknown>>[];
  readonly message?: string;
  /** The compiled file and line an engine error points at. */
  readonly location?: { readonly file: string; readonly line?: number };
  readonly skippedBecause?: string;
  /** The step did not run: its inputs were unchanged since it last succeeded (see state/plan-reuse.ts). */
  readonly reused?: boolean;
  /** What a plugin hook reported. */
  readonly findings?: readonly { readonly severity: 'info' | 'warn' | 'error'; readonly message: string }[];
}

export interface RunResults {
  readonly results: readonly NodeResult[];
  readonly seconds: number;
  readonly cancelled: boolean;
  /** The data-quality checks of the source, when the run had them. */
  readonly dataQuality?: DataQualityReport;
  /** A data-quality check at error level failed, so nothing after it ran and no table was replaced. */
  readonly stoppedByDataQuality?: boolean;
  /** The dry-run estimate, when the plan had one (--dry-run, a budget). */
  readonly estimate?: CostEstimate;
  /** Why the build was refused before any query ran: over its budget, or a cost unknown. */
  readonly refusal?: PdbError;
}

export const isFailure = (status: NodeStatus): boolean => status === 'error' || status === 'fail';
