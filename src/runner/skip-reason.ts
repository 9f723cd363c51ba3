/** Why a step did not run. */
export type SkipReason =
  /** A step it waits for failed or was skipped (its id). */
  | { readonly kind: 'upstream'; readonly step: string }
  /** --fail-fast: an earlier step failed. */
  | { readonly kind: 'fail-fast' }
  /** A data-quality check at error level failed: no table is replaced. */
  | { readonly kind: 'data-quality' }
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
    case 'outside-run':
      return 'a prerequisite that is not in this run';
  }
}
