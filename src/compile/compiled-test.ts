import type { ModelId } from '../project/types.js';

/** A data test compiled to a query that returns the failing rows. */
export interface CompiledTest {
  /** Unique and stable, e.g. `not_null__date_wise_dau__event_date`. */
  readonly id: string;
  readonly kind: string;
  readonly model: ModelId;
  readonly column?: string;
  readonly severity: 'error' | 'warn';
  /** Every model the query reads (the tested one first). */
  readonly dependsOn: readonly ModelId[];
  readonly sql: string;
  readonly location: { readonly file: string; readonly line: number; readonly column: number };
}
