import { join } from 'node:path';
import { stableJson } from '../artifacts/stable-json.js';
import { writeFileAtomic } from '../artifacts/write-file-atomic.js';
import type { CostEstimate } from './cost-estimate.js';

export const COST_SCHEMA_VERSION = 'pdb.cost.v1';

/** Rounds to a millionth of a dollar, so the file reads well and is the same on any machine. */
const usd = (amount: number | null): number | null => (amount === null ? null : Math.round(amount * 1e6) / 1e6);

/** The dry-run estimate as JSON; no paths, times or credentials. */
export function costJson(estimate: CostEstimate, targetName: string, maxBytes?: number): string {
  return stableJson({
    metadata: { schema_version: COST_SCHEMA_VERSION, target: targetName },
    price_per_tib_usd: estimate.pricePerTiB,
    max_bytes: maxBytes,
    total_bytes: estimate.totalBytes,
    total_cost_usd: usd(estimate.totalCost),
    unknown_count: estimate.unknownCount,
    models: estimate.rows.map((row) => ({
      name: row.model,
      materialized: row.materialized,
      status: row.status,
      bytes: row.bytes,
      cost_usd: usd(row.cost),
      reason: row.reason,
    })),
  });
}

/** Writes target/cost.json; returns its path relative to the project. */
export async function writeCostFile(projectDir: string, targetPath: string, targetName: string, estimate: CostEstimate, maxBytes?: number): Promise<string> {
  const relative = `${targetPath}/cost.json`;
  await writeFileAtomic(join(projectDir, relative), costJson(estimate, targetName, maxBytes));
  return relative;
}
