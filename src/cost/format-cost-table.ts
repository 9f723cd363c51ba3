import Table from 'cli-table3';
import type { CostEstimate } from './cost-estimate.js';
import { formatBytes, formatUsd } from './format-bytes.js';

/**
 * The dry-run estimate as a plain-text table: one row per model in build order, then the
 * total. An unknown cost reads "unknown" and is never counted as zero: with any unknown model
 * the total is a lower bound ("at least") and says how many models it leaves out. Each reason
 * is printed in full under the table (numbered, identical reasons once), never cut off.
 */
export function formatCostTable(estimate: CostEstimate): string {
  const table = new Table({
    head: ['model', 'bytes processed', 'estimated cost', 'note'],
    style: { head: [], border: [], compact: true },
    colAligns: ['left', 'right', 'right', 'left'],
  });
  const reasons: string[] = [];
  const noteOf = (reason: string | undefined): string => {
    if (reason === undefined || reason === '') return '';
    let index = reasons.indexOf(reason);
    if (index < 0) index = reasons.push(reason) - 1;
    return `see [${index + 1}]`;
  };
  for (const row of estimate.rows) {
    table.push([row.model, row.bytes === null ? 'unknown' : formatBytes(row.bytes), row.cost === null ? 'unknown' : formatUsd(row.cost), noteOf(row.reason)]);
  }
  const unknown = estimate.unknownCount;
  if (unknown === 0) table.push(['total', formatBytes(estimate.totalBytes), formatUsd(estimate.totalCost), '']);
  else table.push(['total', `at least ${formatBytes(estimate.totalBytes)}`, `at least ${formatUsd(estimate.totalCost)}`, `+ ${unknownModels(unknown)}`]);
  const lines = [table.toString(), `at $${estimate.pricePerTiB.toFixed(2)} per TiB (on-demand)`];
  for (const [i, reason] of reasons.entries()) lines.push(`[${i + 1}] ${reason}`);
  if (unknown > 0) lines.push(`The estimate is incomplete: ${unknown === 1 ? '1 model is' : `${unknown} models are`} of unknown cost, not in the total.`);
  return `${lines.join('\n')}\n`;
}

const unknownModels = (n: number): string => `${n} model${n === 1 ? '' : 's'} unknown`;
