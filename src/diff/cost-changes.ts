import type { CostEstimate } from '../cost/cost-estimate.js';

/** The BigQuery dry-run bytes of both sides, per model and in total. */
export interface CostDiff {
  readonly pricePerTiB: number;
  /** Models whose bytes differ (or are unknown on a side), in name order. */
  readonly rows: readonly { readonly model: string; readonly base: number | null; readonly head: number | null }[];
  readonly baseTotal: number;
  readonly headTotal: number;
  /** Models whose cost a side could not estimate: its total is a lower bound. */
  readonly baseUnknown: number;
  readonly headUnknown: number;
}

/** Compares two dry-run estimates model by model; a model on one side only has null on the other. */
export function costDiff(base: CostEstimate, head: CostEstimate): CostDiff {
  const before = new Map(base.rows.map((r) => [r.model, r.bytes]));
  const after = new Map(head.rows.map((r) => [r.model, r.bytes]));
  const names = [...new Set([...before.keys(), ...after.keys()])].sort();
  const rows = names
    .map((model) => ({ model, base: before.get(model) ?? null, head: after.get(model) ?? null }))
    .filter((r) => r.base !== r.head || r.base === null);
  return { pricePerTiB: head.pricePerTiB, rows, baseTotal: base.totalBytes, headTotal: head.totalBytes, baseUnknown: base.unknownCount, headUnknown: head.unknownCount };
}
