import Table from 'cli-table3';
import type { CostEstimate } from './cost-estimate.js';
import { formatBytes, formatUsd } from './format-bytes.js';

/**
 * The dry-run estimate as a plain-text table: one row per model in build order, then the
 * total. An unknown cost reads "unknown" and the total says it leaves some out.
 */
const NOTE_WIDTH = 72;

/** The table keeps to a terminal's width; the whole reason is in target/cost.json. */
const note = (text: string): string => (text.length <= NOTE_WIDTH ? text : `${text.slice(0, NOTE_WIDTH - 3)}...`);

export function formatCostTable(estimate: CostEstimate): string {
  const table = new Table({
    head: ['model', 'bytes processed', 'estimated cost', 'note'],
    style: { head: [], border: [], compact: true },
    colAligns: ['left', 'right', 'right', 'left'],
  });
  for (const row of estimate.rows) {
    table.push([row.model, row.bytes === null ? 'unknown' : formatBytes(row.bytes), row.cost === null ? 'unknown' : formatUsd(row.cost), note(row.reason ?? '')]);
  }
  const unknown = estimate.unknownCount === 0 ? '' : `${estimate.unknownCount} unknown, not counted`;
  table.push(['total', formatBytes(estimate.totalBytes), formatUsd(estimate.totalCost), unknown]);
  const price = `at $${estimate.pricePerTiB.toFixed(2)} per TiB (on-demand)`;
  return `${table.toString()}\n${price}\n`;
}
