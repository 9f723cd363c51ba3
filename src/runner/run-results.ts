export type NodeStatus = 'success' | 'error' | 'skipped' | 'pass' | 'warn' | 'fail' | 'cancelled';

/** What happened to one step: the record in target/run_results.json. */
export interface NodeResult {
  readonly id: string;
  readonly kind: 'model' | 'test' | 'hook';
  readonly name: string;
  readonly status: NodeStatus;
  readonly seconds: number;
  /** Tests: the model the test is declared on. */
  readonly model?: string;
  readonly relation?: string;
  readonly materialized?: string;
  readonly rows?: number | null;
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
}

export const isFailure = (status: NodeStatus): boolean => status === 'error' || status === 'fail';
