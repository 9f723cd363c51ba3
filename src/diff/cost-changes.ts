import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { costOfBytes, summarize, type CostEstimate, type CostRow } from '../cost/cost-estimate.js';
import { PdbError } from '../errors/pdb-error.js';

/** The BigQuery dry-run bytes of both sides, per model and in total. */
export interface CostDiff {
  readonly pricePerTiB: number;
  /** Models whose bytes differ (or are unknown on a side), in name order; null is unknown, undefined not on that side. */
  readonly rows: readonly { readonly model: string; readonly base: number | null | undefined; readonly head: number | null | undefined }[];
  readonly baseTotal: number;
  readonly headTotal: number;
  /** Why costs are unknown, each reason once, as `side model: reason`, in name order. */
  readonly reasons: readonly string[];
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
    .map((model) => ({ model, base: before.get(model), head: after.get(model) }))
    .filter((r) => r.base !== r.head || r.base === null);
  const reasons = [...base.rows.map((r) => ['base', r] as const), ...head.rows.map((r) => ['head', r] as const)]
    .filter(([, r]) => r.status === 'unknown' && r.reason !== undefined)
    .map(([side, r]) => `${r.model} (${side}): ${r.reason}`)
    .sort();
  return { pricePerTiB: head.pricePerTiB, rows, reasons, baseTotal: base.totalBytes, headTotal: head.totalBytes, baseUnknown: base.unknownCount, headUnknown: head.unknownCount };
}

/** A previous build's cost.json (written by its --dry-run or budget check) as an estimate; a clear error when it has none. */
export async function readStateCost(dir: string, shownAs: string, pricePerTiB: number): Promise<CostEstimate> {
  let text: string;
  try {
    text = await readFile(join(dir, 'cost.json'), 'utf8');
  } catch {
    throw new PdbError({ code: 'E_STATE_DIR', message: `--cost: there is no ${shownAs}/cost.json, so the base's cost is not known.`, hint: 'Keep the cost.json of the base\'s build (pdb build --dry-run or --max-bytes writes it) with its artifacts, or leave out --cost.', location: { file: '--cost' } });
  }
  const json = JSON.parse(text) as { models?: { name: string; materialized: CostRow['materialized']; bytes: number | null; status: CostRow['status'] }[] };
  const rows: CostRow[] = (json.models ?? []).map((m) => ({ model: m.name, materialized: m.materialized, bytes: m.bytes, cost: m.bytes === null ? null : costOfBytes(m.bytes, pricePerTiB), status: m.status }));
  return summarize(rows, pricePerTiB);
}
