import type { Materialization } from '../project/types.js';

/** On-demand BigQuery price per TiB processed, in USD (2024 list price, most regions). */
export const DEFAULT_PRICE_PER_TIB = 6.25;

const TIB = 2 ** 40;

export type CostStatus = 'estimated' | 'unknown';

/** One model of a dry-run estimate. An unknown cost is null, never zero. */
export interface CostRow {
  readonly model: string;
  readonly materialized: Materialization;
  readonly bytes: number | null;
  readonly cost: number | null;
  readonly status: CostStatus;
  /** Why the cost is unknown, or how the estimate was made when it is not the plain dry run. */
  readonly reason?: string;
}

export interface CostEstimate {
  /** In build order. */
  readonly rows: readonly CostRow[];
  /** Of the estimated rows only: a lower bound when `unknownCount` is not zero. */
  readonly totalBytes: number;
  readonly totalCost: number;
  readonly unknownCount: number;
  readonly pricePerTiB: number;
}

export const costOfBytes = (bytes: number, pricePerTiB: number): number => (bytes / TIB) * pricePerTiB;

export function summarize(rows: readonly CostRow[], pricePerTiB: number): CostEstimate {
  const totalBytes = rows.reduce((sum, row) => sum + (row.bytes ?? 0), 0);
  return { rows, totalBytes, totalCost: costOfBytes(totalBytes, pricePerTiB), unknownCount: rows.filter((r) => r.status === 'unknown').length, pricePerTiB };
}
