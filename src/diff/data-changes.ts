/** The built tables of both sides compared (`pdb diff --data`), as plain data for the markdown. */
export interface DataDiff {
  /** Relative change below which a value counts as unchanged, e.g. 0.005 for 0.5 %. */
  readonly tolerance: number;
  /** Row counts of every model built on either side, in name order (null: not built on that side). */
  readonly rowCounts: readonly RowCount[];
  /** Values that changed beyond the tolerance, largest relative change first (at most `shownLimit`). */
  readonly changes: readonly ValueChange[];
  /** How many values changed beyond the tolerance in all, per model (name order). */
  readonly changedPerModel: readonly { readonly model: string; readonly count: number }[];
  /** Models whose values could not be compared, and why (no key columns, a query failed). */
  readonly skipped: readonly { readonly model: string; readonly reason: string }[];
}

export interface RowCount {
  readonly model: string;
  readonly base: number | null;
  readonly head: number | null;
}

export interface ValueChange {
  readonly model: string;
  /** The row's key columns and values, e.g. `event_date=2024-01-02, channel=organic`. */
  readonly key: string;
  readonly column: string;
  readonly base: number | null;
  readonly head: number | null;
  /** |head - base| / |base|; null when the base is 0 or the row is on one side only (an unbounded change). */
  readonly relative: number | null;
}
