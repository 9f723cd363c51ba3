/** Why a step did not run. */
export type SkipReason =
  /** A step it waits for failed or was skipped (its id). */
  | { readonly kind: 'upstream'; readonly step: string }
  /** --fail-fast: an earlier step failed. */
  | { readonly kind: 'fail-fast' }
  /** A data-quality check at error level failed: no table is replaced. */
  | { readonly kind: 'data-quality' }
  /** The dry-run estimate is over the budget (or a cost is unknown): the build is refused. */
  | { readonly kind: 'budget' }
  /** It waits for a step that is not in this run. */
  | { readonly kind: 'outside-run' };

/** The text kept in run_results.json (`skippedBecause`). */
export function skipReasonText(reason: SkipReason): string {
  switch (reason.kind) {
    case 'upstream':
      return reason.step;
    case 'fail-fast':
      return 'an earlier failure (--fail-fast)';
    case 'data-quality':
      return 'a failed data-quality check';
    case 'budget':
      return 'the estimate not fitting the budget';
    case 'outside-run':
      return 'a prerequisite that is not in this run';
  }
}
