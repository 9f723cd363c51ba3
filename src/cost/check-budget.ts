import { PdbError } from '../errors/pdb-error.js';
import type { CostEstimate } from './cost-estimate.js';
import { formatBytes, formatUsd } from './format-bytes.js';

const TOP = 3;

/**
 * The budget check before a build: an error when the dry-run total exceeds `maxBytes`, naming
 * the most expensive models, or when some costs are unknown (an unknown cost cannot be shown to
 * fit). `origin` says where the budget was set, e.g. `--max-bytes` or `profiles.yml`.
 */
export function checkBudget(estimate: CostEstimate, maxBytes: number, origin = '--max-bytes'): PdbError | undefined {
  const unknown = estimate.rows.filter((r) => r.status === 'unknown').map((r) => r.model);
  const budget = `the budget of ${formatBytes(maxBytes)} (${origin})`;
  if (estimate.totalBytes > maxBytes) {
    const top = estimate.rows
      .filter((r) => r.bytes !== null)
      .map((r, index) => ({ row: r, index }))
      .sort((a, b) => b.row.bytes! - a.row.bytes! || a.index - b.index)
      .slice(0, TOP)
      .map(({ row }) => `${row.model} (${formatBytes(row.bytes!)})`);
    const plusUnknown = unknown.length === 0 ? '' : `, plus ${unknown.length} model${unknown.length === 1 ? '' : 's'} of unknown cost`;
    return new PdbError({
      code: 'E_BUDGET_EXCEEDED',
      message: `the build would process ${formatBytes(estimate.totalBytes)} (about ${formatUsd(estimate.totalCost)})${plusUnknown}, over ${budget}. The most expensive: ${top.join(', ')}. Nothing was run.`,
      hint: `Build fewer models (--select), make the expensive ones read less (a partition filter, an incremental model), or raise the budget (${origin}).`,
      location: { file: origin },
    });
  }
  if (unknown.length > 0) {
    return new PdbError({
      code: 'E_BUDGET_UNKNOWN',
      message: `the build cannot be checked against ${budget}: the cost of ${unknown.join(', ')} is unknown (see the dry-run table). Nothing was run.`,
      hint: 'Fix the dry-run errors shown for those models, or build their upstream models first, then build again.',
      location: { file: origin },
    });
  }
  return undefined;
}
